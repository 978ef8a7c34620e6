package io.ipamctl.diagnose;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.IpamctlException;
import io.ipamctl.health.AccessRules;
import io.ipamctl.health.AgentRules;
import io.ipamctl.health.AntreaConfig;
import io.ipamctl.health.AntreaSetupRules;
import io.ipamctl.health.ApiRules;
import io.ipamctl.health.CheckResult;
import io.ipamctl.health.CommandNeeds;
import io.ipamctl.health.ControllerRules;
import io.ipamctl.health.PoolRules;
import io.ipamctl.health.Status;
import io.ipamctl.health.WhereaboutsRules;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.NamespacePools;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.kube.AntreaAgents;
import io.ipamctl.kube.DoctorReads;
import io.ipamctl.kube.KubeErrors;
import io.ipamctl.kube.NamespaceStore;
import io.ipamctl.kube.NodeExec;
import io.ipamctl.sources.IpamInventory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * `ipamctl doctor`: every check asked for, all at once. Reads that several checks share (antrea-config, API
 * discovery, the pool inventory, the agent Pods) are made once, by the first check that needs them; a check
 * whose read fails reports that, and the others still run.
 */
public final class Doctor {

    /** Checks that run at the same time; each is a few reads, the exec fan-out has its own threads. */
    static final int PARALLELISM = 8;

    private final DoctorReads reads;
    private final NodeExec exec;
    private final Duration execTimeout;
    private final Shared<AntreaConfig> config;
    private final Shared<Set<ApiRules.Api>> served;
    private final Shared<List<NamespacePools>> bindings;
    private final Shared<IpamInventory> inventory;

    public Doctor(
            KubernetesClient client,
            NodeExec exec,
            Duration execTimeout,
            String antreaNamespace,
            AntreaAgents agents,
            Consumer<String> warn) {
        this.reads = new DoctorReads(client, antreaNamespace, agents);
        this.exec = exec;
        this.execTimeout = execTimeout;
        this.config = new Shared<>(reads::antreaConfig);
        this.served = new Shared<>(reads::served);
        this.bindings = new Shared<>(() -> new NamespaceStore(client).bindings());
        this.inventory = new Shared<>(() -> IpamInventory.load(client, Set.of(), IpamInventory.Purpose.CHECK, warn));
    }

    /**
     * @param checks    names from {@link io.ipamctl.health.Checks#NAMES}, in report order
     * @param threshold the fill percentage at which pool-usage warns
     * @param done      told how many checks have finished (one call at a time), for a progress line
     */
    public List<CheckResult> run(List<String> checks, double threshold, IntConsumer done) {
        ExecutorService pool = threads(checks.size(), "doctor");
        Object lock = new Object();
        int[] finished = {0};
        try {
            Map<String, Future<CheckResult>> futures = new LinkedHashMap<>();
            for (String name : checks) {
                futures.put(name, pool.submit(() -> {
                    CheckResult r = guarded(name, () -> check(name, threshold));
                    synchronized (lock) {
                        done.accept(++finished[0]);
                    }
                    return r;
                }));
            }
            List<CheckResult> out = new ArrayList<>();
            for (Future<CheckResult> f : futures.values()) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IpamctlException.failed("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private CheckResult check(String name, double threshold) {
        String ns = reads.antreaNamespace();
        return switch (name) {
            case AntreaSetupRules.FEATURE_GATE ->
                AntreaSetupRules.featureGate(config.get(), bindings.get().size());
            case AntreaSetupRules.SECONDARY_NETWORKS ->
                AntreaSetupRules.secondaryNetworks(
                        config.get(), served.get().contains(ApiRules.NADS), reads.antreaNetworks(), antreaPoolNames());
            case ApiRules.CRDS -> ApiRules.crds(served.get());
            case AgentRules.AGENTS -> AgentRules.agents(ns, reads.nodes(), reads.agentPods());
            case AgentRules.AGENT_OVS -> AgentRules.agentOvs(ns, reads.ovsProbes(exec, execTimeout));
            case ControllerRules.CONTROLLER -> ControllerRules.controller(ns, reads.controllerPods());
            case ControllerRules.WEBHOOK -> ControllerRules.webhook(reads.ippoolWebhooks());
            case WhereaboutsRules.WHEREABOUTS -> whereabouts();
            case PoolRules.BINDINGS -> PoolRules.bindings(bindings.get(), antreaServed(), antreaUsages());
            case PoolRules.POOL_USAGE -> PoolRules.poolUsage(inventory.get().usages(), threshold);
            case PoolRules.POOL_CHECK ->
                PoolRules.poolCheck(inventory.get().sources(), inventory.get().problems());
            case AccessRules.RBAC -> rbac(ns);
            default -> throw new IllegalArgumentException("no check " + name);
        };
    }

    private CheckResult whereabouts() {
        boolean installed = served.get().contains(ApiRules.WHEREABOUTS);
        boolean used = installed && (reads.whereaboutsNetworks() || reads.whereaboutsPools());
        return WhereaboutsRules.whereabouts(
                installed,
                used,
                used ? reads.workloadsRunning("ip-control-loop") : List.of(),
                used ? reads.workloadsRunning("ip-reconciler") : List.of());
    }

    private boolean antreaServed() {
        return served.get().contains(ApiRules.IPPOOL_V1BETA1) || served.get().contains(ApiRules.IPPOOL_V1ALPHA2);
    }

    private List<SourceUsage> antreaUsages() {
        return inventory.get().usages().stream()
                .filter(u -> u.source() == IpamSource.ANTREA)
                .toList();
    }

    private Set<String> antreaPoolNames() {
        Set<String> names = new HashSet<>();
        antreaUsages().forEach(u -> names.add(u.name()));
        return names;
    }

    /** One SelfSubjectAccessReview per permission, in parallel. */
    private CheckResult rbac(String namespace) {
        List<AccessRules.CommandNeeds> commands = CommandNeeds.all(namespace);
        List<AccessRules.Permission> permissions = CommandNeeds.distinct(commands);
        ExecutorService pool = threads(permissions.size(), "doctor-rbac");
        try {
            Map<AccessRules.Permission, Future<Boolean>> answers = new LinkedHashMap<>();
            permissions.forEach(p -> answers.put(p, pool.submit(() -> reads.allowed(p))));
            Map<AccessRules.Permission, Boolean> allowed = new LinkedHashMap<>();
            for (var e : answers.entrySet()) {
                allowed.put(e.getKey(), e.getValue().get());
            }
            return AccessRules.rbac(commands, allowed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IpamctlException.failed("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Up to {@link #PARALLELISM} daemon threads: a hung read never keeps the JVM from ending. */
    private static ExecutorService threads(int tasks, String name) {
        return Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLELISM, tasks)), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A check whose reads fail says so: "not checked" when RBAC refused them, else failed; an API server no request
     * reaches ends the whole run with that one error (exit 1, as any command), not with every check failed by it.
     */
    private static CheckResult guarded(String name, Supplier<CheckResult> check) {
        try {
            return check.get();
        } catch (IpamctlException e) {
            if (KubeErrors.unreachable(e)) {
                throw e;
            }
            if (KubeErrors.forbidden(e)) {
                return new CheckResult(
                        name,
                        Status.WARNING,
                        "not checked: " + e.getMessage(),
                        "ask for the ipamctl-viewer role of deploy/rbac.yaml (it allows every read doctor makes)");
            }
            return CheckResult.failed(name, "could not check: " + e.getMessage(), "retry; add -v to see the requests");
        }
    }

    /** A read made once, by the first check that needs it; the others wait for it (or get its error). */
    private static final class Shared<T> {

        private final Supplier<T> read;
        private boolean done;
        private T value;
        private RuntimeException error;

        Shared(Supplier<T> read) {
            this.read = read;
        }

        synchronized T get() {
            if (!done) {
                try {
                    value = read.get();
                } catch (RuntimeException e) {
                    error = e;
                }
                done = true;
            }
            if (error != null) {
                throw error;
            }
            return value;
        }
    }
}
