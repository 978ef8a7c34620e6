package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.DnsNames;
import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.ipam.Allocation;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpFamily;
import io.ipamctl.ipam.NamespacePools;
import io.ipamctl.ipam.PoolCapacity;
import io.ipamctl.ipam.PoolUsage;
import io.ipamctl.ipam.PoolValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Binds a Namespace to pools (the ipam.antrea.io/ippools annotation), unbinds it, and lists bindings. */
public final class NamespaceBinding {

    /**
     * What a bind or unbind did. previous is null when there was no binding.
     *
     * @param pods     the namespace's Pods now
     * @param warnings what will go wrong for the namespace's new Pods (a bound pool with no free address)
     */
    public record Outcome(
            String namespace,
            String previous,
            String current,
            boolean changed,
            NamespacePods pods,
            List<String> warnings) {}

    /**
     * The Pods of a namespace, by where their addresses come from.
     *
     * @param total         every Pod of the namespace
     * @param fromBinding   Pods without their own pool annotation that hold an address of the (previously) bound pools
     * @param ownAnnotation Pods that name their pools in their own ipam.antrea.io/ippools: a binding never applies to them
     */
    public record NamespacePods(int total, int fromBinding, int ownAnnotation) {}

    /** One namespace and one pool it is bound to; usage is empty when the pool does not exist. */
    public record Binding(String namespace, String pool, Optional<PoolUsage> usage) {}

    private final NamespaceStore namespaces;
    private final IpPoolStore pools;

    public NamespaceBinding(KubernetesClient client) {
        this(client, ClusterCache.NONE);
    }

    /** Reading Namespaces and pools through the warm server's cache where it keeps them (writes go to the server). */
    public NamespaceBinding(KubernetesClient client, ClusterCache cache) {
        this.namespaces = new NamespaceStore(client, cache);
        this.pools = new IpPoolStore(client, cache);
    }

    public static void checkNamespaceName(String name) {
        if (!DnsNames.isLabel(name)) {
            throw IpamctlException.invalid("invalid namespace name \"" + SafeText.printable(name)
                    + "\": must be a DNS-1123 label (lower case letters, digits and '-', at most 63 characters)");
        }
    }

    /** Input checks that need no server: names, at most one pool per family. */
    public static void checkInput(String namespace, List<String> poolNames) {
        checkNamespaceName(namespace);
        List<String> problems = new ArrayList<>();
        for (String p : poolNames) {
            problems.addAll(PoolValidator.validateName(p));
        }
        if (poolNames.size() == 2 && poolNames.get(0).equals(poolNames.get(1))) {
            problems.add("the same pool is named twice; pass one IPv4 pool and optionally one IPv6 pool");
        }
        if (!problems.isEmpty()) {
            throw IpamctlException.invalid(problems);
        }
    }

    /** Binds the namespace; dryRun CLIENT sends no write, SERVER has the server check the patch and store nothing. */
    public Outcome bind(String namespace, List<String> poolNames, boolean overwrite, DryRun dryRun) {
        checkInput(namespace, poolNames);
        List<IpFamily> families = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String p : poolNames) {
            PoolRecord pool = pools.get(p);
            IpFamily family = IpAddress.tryParse(pool.definition().gateway())
                    .map(IpAddress::family)
                    .orElse(null);
            if (family != null && families.contains(family)) {
                throw IpamctlException.invalid("pools " + String.join(" and ", poolNames) + " are both " + family
                        + ": a namespace takes at most one pool per family (one IPv4 and one IPv6 for dual stack)");
            }
            families.add(family);
            fullPool(pool, namespace).ifPresent(warnings::add);
        }
        String value = String.join(",", poolNames);
        return ConflictRetry.run("binding namespace " + namespace, () -> {
            Namespace ns = namespaces.get(namespace);
            String previous = NamespaceStore.annotation(ns, Annotations.IPPOOLS);
            NamespacePods pods = pods(namespace, poolNames);
            if (value.equals(previous)) {
                return new Outcome(namespace, previous, value, false, pods, warnings);
            }
            if (previous != null && !overwrite) {
                throw new Refusal(
                        Refusal.Reason.ALREADY_BOUND,
                        ExitCode.ERROR,
                        "namespace " + namespace + " is already bound to " + SafeText.printable(previous));
            }
            if (dryRun.sendsWrites()) {
                namespaces.patchAnnotation(
                        namespace,
                        ns.getMetadata().getResourceVersion(),
                        Annotations.IPPOOLS,
                        value,
                        dryRun == DryRun.SERVER);
            }
            return new Outcome(namespace, previous, value, true, pods, warnings);
        });
    }

    /** Why new Pods bound to the pool would get no address from it, if they would not. */
    private static Optional<String> fullPool(PoolRecord pool, String namespace) {
        PoolUsage u;
        try {
            u = PoolUsage.of(pool.definition(), pool.allocations(), null, null);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // an unreadable spec is reported by pool usage and pool check
        }
        if (u.free().signum() > 0) {
            return Optional.empty();
        }
        String why = u.fill().noCapacity()
                ? PoolUsage.capacityWarnings(pool.definition(), PoolCapacity.of(pool.definition()))
                        .get(0)
                : "pool " + pool.name() + " has no free address (" + u.used() + " of " + u.total() + " used)";
        return Optional.of(why + ": new Pods of namespace " + namespace + " will not get an address from it");
    }

    /** Removes the binding; dryRun CLIENT sends no write, SERVER has the server check the patch and store nothing. */
    public Outcome unbind(String namespace, DryRun dryRun) {
        checkNamespaceName(namespace);
        return ConflictRetry.run("unbinding namespace " + namespace, () -> {
            Namespace ns = namespaces.get(namespace);
            String previous = NamespaceStore.annotation(ns, Annotations.IPPOOLS);
            NamespacePods pods = pods(namespace, Annotations.pools(previous));
            if (previous == null) {
                return new Outcome(namespace, null, null, false, pods, List.of());
            }
            if (dryRun.sendsWrites()) {
                namespaces.patchAnnotation(
                        namespace,
                        ns.getMetadata().getResourceVersion(),
                        Annotations.IPPOOLS,
                        null,
                        dryRun == DryRun.SERVER);
            }
            return new Outcome(namespace, previous, null, true, pods, List.of());
        });
    }

    /**
     * The namespace's Pods, and which of them hold an address of these pools because of the binding:
     * a Pod with its own ipam.antrea.io/ippools annotation took its pools from there, not from the namespace.
     */
    private NamespacePods pods(String namespace, List<String> boundPools) {
        Set<String> owners = new HashSet<>();
        for (String p : boundPools) {
            pools.find(p)
                    .ifPresent(r ->
                            r.allocations().stream().map(Allocation::podOwner).forEach(owners::add));
        }
        int total = 0;
        int fromBinding = 0;
        int own = 0;
        for (Pod pod : namespaces.pods(namespace)) {
            total++;
            Map<String, String> a = pod.getMetadata().getAnnotations();
            if (a != null && a.containsKey(Annotations.IPPOOLS)) {
                own++;
            } else if (owners.contains(PodDirectory.key(pod))) {
                fromBinding++;
            }
        }
        return new NamespacePods(total, fromBinding, own);
    }

    /** Every namespace with a pool binding, sorted, one entry per bound pool, with that pool's usage. */
    public List<Binding> list() {
        return list(null);
    }

    /** The bindings of the Namespaces the label selector matches (null: all). */
    public List<Binding> list(String labelSelector) {
        List<NamespacePools> bound = namespaces.bindings(labelSelector);
        Map<String, PoolRecord> byName = new LinkedHashMap<>();
        if (!bound.isEmpty()) {
            pools.list(IpPoolStore.Detail.ADDRESSES).forEach(p -> byName.put(p.name(), p));
        }
        List<Binding> out = new ArrayList<>();
        for (NamespacePools ns : bound) {
            for (String name : ns.pools()) {
                Optional<PoolUsage> usage = Optional.ofNullable(byName.get(name))
                        .map(p -> pools.memo(
                                p,
                                PoolUsage.class,
                                () -> PoolUsage.of(
                                        p.definition(), p.allocations(), p.reportedUsed(), p.reportedTotal())));
                out.add(new Binding(ns.namespace(), name, usage));
            }
        }
        return out;
    }
}
