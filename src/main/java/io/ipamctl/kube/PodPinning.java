package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ipamctl.DnsNames;
import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.ipam.Allocation;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.PoolCapacity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Gives a Pod a fixed address from a pool: the checks Antrea would make at Pod creation, made
 * before anything is changed, then the two annotations on a new or re-created Pod.
 */
public final class PodPinning {

    /** What will be written: the pool and the two annotation values. */
    public record Plan(
            String namespace, String pod, IpAddress ip, String pool, String poolsAnnotation, String podIpsAnnotation) {}

    private final KubernetesClient client;
    private final IpPoolStore pools;

    public PodPinning(KubernetesClient client) {
        this.client = client;
        this.pools = new IpPoolStore(client);
    }

    /** Checks that need no server. */
    public static IpAddress checkInput(String podName, String ip) {
        if (podName != null && !DnsNames.isSubdomain(podName)) {
            throw IpamctlException.invalid(
                    "invalid pod name \"" + SafeText.printable(podName) + "\": must be a DNS-1123 subdomain");
        }
        return IpAddress.tryParse(ip)
                .orElseThrow(() -> IpamctlException.invalid("\"" + SafeText.printable(ip)
                        + "\" is not a valid IP address (expected e.g. 172.16.20.50 or fd00::50)"));
    }

    /** Finds the pool and checks the address, for a Pod that exists or is about to be created. */
    public Plan plan(Pod pod, IpAddress ip, String poolFlag) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        List<String> podPools = Annotations.pools(annotation(pod, Annotations.IPPOOLS));
        String poolName = poolFlag != null ? poolFlag : choosePool(namespace, podPools, ip);
        PoolRecord pool = pools.get(poolName);
        PoolCapacity capacity;
        try {
            capacity = PoolCapacity.of(pool.definition());
        } catch (IllegalArgumentException e) {
            throw IpamctlException.failed("IPPool \"" + poolName + "\" has an invalid spec: " + e.getMessage());
        }
        // what the address is when Antrea would not hand it out: the gateway, a network or broadcast address, outside
        capacity.refusal(ip).ifPresent(why -> {
            throw IpamctlException.invalid(why);
        });
        List<Pod> users = Snapshot.read(
                rv -> podsUsing(ip, rv), null, client.getMasterUrl().toString());
        Optional<String> taken = takenBy(namespace + "/" + name, ip, pool, users);
        if (taken.isPresent()) {
            throw IpamctlException.failed(taken.get());
        }
        // Keep a pool and address of the other family, as Antrea allows one of each (dual stack).
        List<String> poolsValue = new ArrayList<>();
        poolsValue.add(poolName);
        for (String p : podPools) {
            if (!p.equals(poolName)
                    && pools.find(p).map(r -> !sameFamily(r, ip)).orElse(false)) {
                poolsValue.add(p);
            }
        }
        List<String> ipsValue = new ArrayList<>();
        ipsValue.add(ip.toString());
        for (String other : Annotations.podIps(annotation(pod, Annotations.POD_IPS))) {
            IpAddress.tryParse(other).filter(o -> o.family() != ip.family()).ifPresent(o -> ipsValue.add(o.toString()));
        }
        return new Plan(namespace, name, ip, poolName, String.join(",", poolsValue), String.join(",", ipsValue));
    }

    private static boolean sameFamily(PoolRecord pool, IpAddress ip) {
        return IpAddress.tryParse(pool.definition().gateway())
                .map(g -> g.family() == ip.family())
                .orElse(false);
    }

    private String choosePool(String namespace, List<String> podPools, IpAddress ip) {
        List<String> candidates = podPools;
        String from = "the pod's " + Annotations.IPPOOLS + " annotation";
        if (candidates.isEmpty()) {
            var ns = new NamespaceStore(client).get(namespace);
            candidates = Annotations.pools(NamespaceStore.annotation(ns, Annotations.IPPOOLS));
            from = "namespace " + namespace;
        }
        List<String> sameFamily = new ArrayList<>();
        for (String c : candidates) {
            pools.find(c).filter(r -> sameFamily(r, ip)).ifPresent(r -> sameFamily.add(c));
        }
        if (sameFamily.isEmpty()) {
            throw new Refusal(
                    Refusal.Reason.NO_POOL_BOUND, ExitCode.USAGE, "no " + ip.family() + " pool is bound to " + from);
        }
        if (sameFamily.size() > 1) {
            throw new Refusal(
                    Refusal.Reason.SEVERAL_POOLS,
                    ExitCode.USAGE,
                    from + " lists several " + ip.family() + " pools " + sameFamily
                            + "; a pinned address needs exactly one");
        }
        return sameFamily.get(0);
    }

    /**
     * Why the address is not free for the Pod podKey: another owner in the pool's status, or another
     * Pod that holds it (status.podIP) or asks for it (ipam.antrea.io/pod-ips, which Antrea would
     * honour once the address is free). Pools never overlap, so the same address means the same pool.
     */
    private static Optional<String> takenBy(String podKey, IpAddress ip, PoolRecord pool, List<Pod> users) {
        for (Allocation a : pool == null ? List.<Allocation>of() : pool.allocations()) {
            if (IpAddress.tryParse(a.ip()).map(ip::equals).orElse(false) && !podKey.equals(a.podOwner())) {
                return Optional.of("IP " + ip + " is already allocated in IP pool " + pool.name() + " to "
                        + (a.ownerText() == null ? "no owner (" + a.phase() + ")" : a.ownerText()));
            }
        }
        for (Pod other : users) {
            String key = PodDirectory.key(other);
            if (!key.equals(podKey)) {
                boolean holds = other.getStatus() != null
                        && ip.toString().equals(other.getStatus().getPodIP());
                return Optional.of("IP " + ip
                        + (holds
                                ? " is already used by pod " + key
                                : " is already requested by pod " + key + " (" + Annotations.POD_IPS + ")"));
            }
        }
        return Optional.empty();
    }

    /** Pods (all namespaces, paged) that hold or request the address, now or at exactly atRevision. */
    private List<Pod> podsUsing(IpAddress ip, String atRevision) {
        List<Pod> out = new ArrayList<>();
        Pages.each(atRevision, options -> client.pods().inAnyNamespace().list(options), p -> {
            boolean holds =
                    p.getStatus() != null && ip.toString().equals(p.getStatus().getPodIP());
            boolean requests = Annotations.podIps(annotation(p, Annotations.POD_IPS)).stream()
                    .anyMatch(a -> IpAddress.tryParse(a).map(ip::equals).orElse(false));
            if (holds || requests) {
                out.add(p);
            }
        });
        return out;
    }

    /**
     * After our create: keeps the new Pod only if no other Pod or allocation had the address before
     * ours was stored (see {@link Snapshot}: of two clients pinning one address at once, the second
     * always sees the first). Otherwise deletes our Pod again (only that uid) and, for --recreate
     * (original not null), creates the original Pod again from its saved manifest, then fails.
     */
    public void requireFirst(Pod created, Plan plan, Duration timeout, Pod original, Path saved) {
        String key = plan.namespace() + "/" + plan.pod();
        String revision = created.getMetadata().getResourceVersion();
        Optional<String> taken;
        try {
            PoolRecord pool = pools.listAtRevision(revision).stream()
                    .filter(p -> p.name().equals(plan.pool()))
                    .findFirst()
                    .orElse(null);
            List<Pod> users = Snapshot.read(
                    rv -> podsUsing(plan.ip(), rv),
                    revision,
                    client.getMasterUrl().toString());
            taken = takenBy(key, plan.ip(), pool, users);
        } catch (IpamctlException e) {
            throw new Refusal(
                    Refusal.Reason.PIN_NOT_VERIFIED,
                    ExitCode.ERROR,
                    "pod " + key + " was created with " + plan.ip()
                            + " pinned, but checking it against pins made at the same time failed: " + e.getMessage());
        }
        if (taken.isPresent()) {
            throw IpamctlException.failed(taken.get() + ": another client got there just before pod " + key
                    + " was created; " + undo(created, timeout, original, saved));
        }
    }

    private String undo(Pod created, Duration timeout, Pod original, Path saved) {
        String key = PodDirectory.key(created);
        try {
            delete(created, timeout);
        } catch (IpamctlException e) {
            return "deleting pod " + key + " again failed (" + e.getMessage()
                    + "): delete it with: kubectl delete pod -n "
                    + created.getMetadata().getNamespace() + " "
                    + created.getMetadata().getName()
                    + (saved == null ? "" : " (original manifest: " + saved + ")");
        }
        if (original == null) {
            return "pod " + key + " was deleted again, nothing changed";
        }
        try {
            create(withAnnotations(original, original.getMetadata().getAnnotations()), false);
            return "pod " + key + " was created again from its original manifest, without the new pin (" + saved + ")";
        } catch (IpamctlException e) {
            return "creating pod " + key + " again from its original manifest failed (" + e.getMessage() + "): "
                    + saved;
        }
    }

    /**
     * After an interrupted re-create: creates the original Pod again from its manifest if no Pod of
     * that name exists (if one does, the pinned Pod was stored after all, or someone else made one).
     *
     * @return what the user must know, if anything
     */
    public Optional<String> restore(Pod original, Path saved) {
        String key = PodDirectory.key(original);
        try {
            if (find(
                            original.getMetadata().getNamespace(),
                            original.getMetadata().getName())
                    .isPresent()) {
                return Optional.empty();
            }
            create(withAnnotations(original, original.getMetadata().getAnnotations()), false);
            return Optional.of("interrupted: pod " + key
                    + " was created again from its original manifest, without the new pin (" + saved + ")");
        } catch (IpamctlException e) {
            return Optional.of("interrupted: creating pod " + key + " again failed (" + e.getMessage()
                    + "); its original manifest: " + saved);
        }
    }

    /** Refuses Pods a controller would replace (the pin would be lost). */
    public static void requireStandalone(Pod pod) {
        if (pod.getMetadata().getOwnerReferences() == null) {
            return;
        }
        for (OwnerReference o : pod.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(o.getController())) {
                throw IpamctlException.invalid("pod " + pod.getMetadata().getNamespace() + "/"
                        + pod.getMetadata().getName()
                        + " is managed by " + o.getKind() + " " + o.getName()
                        + ", which would replace it without the pinned "
                        + "address; put the annotations on the " + o.getKind() + "'s Pod template instead");
            }
        }
    }

    public Optional<Pod> find(String namespace, String name) {
        try {
            return Optional.ofNullable(
                    client.pods().inNamespace(namespace).withName(name).get());
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    /** A copy of the Pod with the plan's annotations, stripped of what the server owns. */
    public static Pod annotated(Pod pod, Plan plan) {
        Map<String, String> old = pod.getMetadata().getAnnotations();
        Map<String, String> annotations = new LinkedHashMap<>(old == null ? Map.of() : old);
        annotations.put(Annotations.IPPOOLS, plan.poolsAnnotation());
        annotations.put(Annotations.POD_IPS, plan.podIpsAnnotation());
        return withAnnotations(pod, annotations);
    }

    /** A copy of the Pod to create: name, namespace, labels, finalizers, these annotations and the spec. */
    private static Pod withAnnotations(Pod pod, Map<String, String> annotations) {
        Pod copy = Serialization.clone(pod);
        ObjectMeta old = copy.getMetadata();
        copy.setMetadata(new ObjectMetaBuilder()
                .withName(old.getName())
                .withNamespace(old.getNamespace())
                .withLabels(old.getLabels())
                .withAnnotations(annotations)
                .withFinalizers(old.getFinalizers())
                .build());
        copy.setStatus(null);
        return copy;
    }

    public Pod create(Pod pod, boolean serverDryRun) {
        try {
            var r = client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod);
            return serverDryRun ? r.dryRun().create() : r.create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw IpamctlException.failed("pod " + pod.getMetadata().getNamespace() + "/"
                        + pod.getMetadata().getName() + " already exists");
            }
            if (e.getCode() == 422 || e.getCode() == 400) {
                throw IpamctlException.failed("the server refused the pod: " + KubeErrors.serverMessage(e));
            }
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    /** Saves the original manifest first, so an interrupted re-create can always be finished by hand. */
    public static Path saveManifest(Pod pod, Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(pod.getMetadata().getNamespace() + "."
                    + pod.getMetadata().getName() + "." + Instant.now().toEpochMilli() + ".yaml");
            Files.writeString(file, Serialization.asYaml(pod));
            return file;
        } catch (IOException e) {
            throw IpamctlException.failed(
                    "cannot save the pod's manifest in " + dir + " (nothing was changed): " + e.getMessage());
        }
    }

    /**
     * Deletes exactly this Pod (its uid; each attempt with the resourceVersion just read as
     * precondition, so a Pod re-created under the name by someone else is never touched) and
     * waits until it is gone.
     */
    public void delete(Pod pod, Duration timeout) {
        String uid = pod.getMetadata().getUid();
        var r = client.pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName());
        try {
            ConflictRetry.run("deleting pod " + pod.getMetadata().getName(), () -> {
                Pod now = r.get();
                if (now == null || !Objects.equals(uid, now.getMetadata().getUid())) {
                    return false;
                }
                return !r.lockResourceVersion(now.getMetadata().getResourceVersion())
                        .delete()
                        .isEmpty();
            });
            r.waitUntilCondition(
                    p -> p == null || !Objects.equals(uid, p.getMetadata().getUid()),
                    timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw IpamctlException.failed(
                    "pod " + pod.getMetadata().getName() + " was not gone after " + timeout.toSeconds() + "s");
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    /** Waits until the Pod runs with the planned address; otherwise says what it is waiting for. */
    public Pod awaitRunning(Plan plan, Duration timeout) {
        var r = client.pods().inNamespace(plan.namespace()).withName(plan.pod());
        try {
            return r.waitUntilCondition(
                    p -> p != null
                            && p.getStatus() != null
                            && ("Running".equals(p.getStatus().getPhase())
                                            && p.getStatus().getPodIP() != null
                                    || hasFailure(p)),
                    timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            Pod p = r.get();
            throw IpamctlException.failed("pod " + plan.namespace() + "/" + plan.pod() + " is not running after "
                    + timeout.toSeconds() + "s: " + describe(p));
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    private static boolean hasFailure(Pod p) {
        return p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream()
                        .anyMatch(c -> "False".equals(c.getStatus()) && c.getMessage() != null);
    }

    public static String describe(Pod p) {
        if (p == null || p.getStatus() == null) {
            return "no status yet";
        }
        StringBuilder sb = new StringBuilder("phase " + p.getStatus().getPhase());
        if (p.getStatus().getConditions() != null) {
            for (PodCondition c : p.getStatus().getConditions()) {
                if ("False".equals(c.getStatus()) && (c.getReason() != null || c.getMessage() != null)) {
                    sb.append(", ")
                            .append(c.getType())
                            .append(": ")
                            .append(c.getReason() == null ? "" : c.getReason())
                            .append(c.getMessage() == null ? "" : " " + c.getMessage());
                }
            }
        }
        return sb.toString();
    }

    private static String annotation(Pod pod, String key) {
        Map<String, String> a = pod.getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }
}
