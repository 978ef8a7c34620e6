package io.ipamctl.ipam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Antrea IPPools of a cluster (crd.antrea.io): counted as Antrea's pool allocator counts
 * ({@link PoolUsage}), allocations from status.ipAddresses, checked against the Pods and the
 * Namespaces bound to pools.
 */
public final class AntreaIpPools implements SourcePools {

    private final List<AntreaPool> pools;
    private final List<NamespacePools> bindings;
    private final PodIndex pods;
    private final Function<AntreaPool, SourceUsage> rows;

    /**
     * @param bindings the Namespaces carrying ipam.antrea.io/ippools (only `pool check` reads them; empty otherwise)
     * @param pods     the Pods, when the run looks at them (owners' nodes, pool check), else {@link PodIndex#none()}
     */
    public AntreaIpPools(List<AntreaPool> pools, List<NamespacePools> bindings, PodIndex pods) {
        this(pools, bindings, pods, AntreaIpPools::usage);
    }

    /**
     * @param rows how each pool's row is had: {@link #usage} computed, or kept from an earlier command
     *     while the pool is unchanged (the warm server: counting 100k addresses is most of a warm run)
     */
    public AntreaIpPools(
            List<AntreaPool> pools,
            List<NamespacePools> bindings,
            PodIndex pods,
            Function<AntreaPool, SourceUsage> rows) {
        this.pools = List.copyOf(pools);
        this.bindings = List.copyOf(bindings);
        this.pods = pods;
        this.rows = rows;
    }

    @Override
    public IpamSource source() {
        return IpamSource.ANTREA;
    }

    public List<AntreaPool> pools() {
        return pools;
    }

    /** "pool pool-ap": how messages have always named an Antrea pool. */
    public static String label(String name) {
        return "pool " + name;
    }

    @Override
    public List<SourceUsage> usages() {
        return pools.stream().map(rows).toList();
    }

    /** The pool's row; problems of the pool object itself come first among its warnings. */
    public static SourceUsage usage(AntreaPool p) {
        PoolDefinition d = p.definition();
        List<String> warnings = new ArrayList<>(
                p.problems().stream().map(x -> "pool " + p.name() + ": " + x).toList());
        Fill fill;
        try {
            PoolUsage u = PoolUsage.of(d, p.allocations(), p.reportedUsed(), p.reportedTotal());
            warnings.addAll(u.warnings());
            fill = u.fill();
        } catch (IllegalArgumentException e) {
            warnings.add("pool " + p.name() + ": " + e.getMessage() + "; its TOTAL is shown as 0");
            fill = new Fill(java.math.BigInteger.ZERO, p.allocations().size());
        }
        return new SourceUsage(
                IpamSource.ANTREA,
                d.name(),
                null,
                label(d.name()),
                p.apiVersion(),
                d.ranges().stream().map(PoolRangeSpec::text).toList(),
                d.subnet().map(Cidr::toString).orElse(null),
                d.gateway(),
                d.prefixLength(),
                d.vlan(),
                fill,
                null,
                warnings,
                p.created());
    }

    @Override
    public List<String> poolNames() {
        return pools.stream().map(AntreaPool::name).toList();
    }

    @Override
    public List<AddressHolder> holders(SourceUsage row) {
        AntreaPool p = pools.stream()
                .filter(x -> x.name().equals(row.name()))
                .findFirst()
                .orElseThrow();
        return p.allocations().stream().map(a -> holder(p, a)).toList();
    }

    private AddressHolder holder(AntreaPool p, Allocation a) {
        return new AddressHolder(
                p.name(),
                a.ip(),
                a.phase(),
                a.ownerText(),
                a.podOwner() != null ? "Pod" : a.statefulSetOwner() != null ? "StatefulSet" : null,
                a.podOwner() == null ? null : pods.nodeOf(a.podOwner()),
                a.containerId());
    }

    /** An entry of status.ipAddresses makes it ALLOCATED (RESERVED for a StatefulSet's Reserved entry). */
    @Override
    public List<AddressState> addressStates(IpAddress ip) {
        List<AddressState> out = new ArrayList<>();
        for (AntreaPool p : pools) {
            Optional<AddressState> base;
            try {
                base = PoolCapacity.of(p.definition()).stateOf(ip, source(), p.name());
            } catch (IllegalArgumentException e) {
                continue; // an invalid pool is reported by pool usage
            }
            List<Allocation> entries = p.allocations().stream()
                    .filter(a -> IpAddress.tryParse(a.ip()).map(ip::equals).orElse(false))
                    .toList();
            if (base.isEmpty() && entries.isEmpty()) {
                continue;
            }
            AddressState state = base.orElse(new AddressState(
                    source(), p.name(), AddressState.State.UNUSABLE, null, "outside the pool's ranges"));
            if (entries.isEmpty()) {
                out.add(state);
            }
            entries.forEach(a -> out.add(state.held(
                    "Reserved".equals(a.phase()) ? AddressState.State.RESERVED : AddressState.State.ALLOCATED,
                    holder(p, a))));
        }
        return out;
    }

    @Override
    public List<PoolBlock> blocks() {
        return pools.stream().map(p -> block(p.definition())).toList();
    }

    /** The addresses a pool's ranges cover. */
    public static PoolBlock block(PoolDefinition d) {
        return new PoolBlock(IpamSource.ANTREA, d.name(), label(d.name()), IpRangeSet.union(d.spans()));
    }

    @Override
    public Optional<PodAddressClaim> claimPodAddress(IpAddress ip) {
        return poolOf(ip).map(p -> new PodAddressClaim(p.name()));
    }

    private Optional<AntreaPool> poolOf(IpAddress ip) {
        return pools.stream().filter(p -> covers(p.definition(), ip)).findFirst();
    }

    private static boolean covers(PoolDefinition def, IpAddress ip) {
        try {
            return PoolCapacity.of(def).covers(ip);
        } catch (IllegalArgumentException e) {
            return false; // an invalid pool is reported by pool usage
        }
    }

    @Override
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        Map<IpAddress, List<Duplicates.Holder>> holders = new TreeMap<>();
        for (AntreaPool p : pools) {
            for (Allocation a : p.allocations()) {
                if (a.podOwner() != null && !pods.exists(a.podOwner())) {
                    problems.add(new Problem(
                            Problem.Kind.LEAKED,
                            source(),
                            p.name(),
                            a.ip(),
                            a.podOwner(),
                            "pod not found; release with: ipamctl pool release " + a.ip() + " --pool " + p.name()));
                }
                IpAddress.tryParse(a.ip())
                        .ifPresent(ip -> holders.computeIfAbsent(ip, k -> new ArrayList<>())
                                .add(new Duplicates.Holder(p.name(), a.ownerText())));
            }
        }
        problems.addAll(Duplicates.allocatedTwice(source(), holders));
        for (PodFacts pod : pods.all()) {
            if (pod.holdsPodNetworkIps()) {
                pod.ips().forEach(text -> unrecorded(pod, text, problems));
                pinnedIpsMismatch(pod, problems);
            }
        }
        danglingReferences(problems);
        return problems;
    }

    private void unrecorded(PodFacts pod, String text, List<Problem> problems) {
        Optional<IpAddress> ip = IpAddress.tryParse(text);
        Optional<AntreaPool> pool = ip.flatMap(this::poolOf);
        if (pool.isEmpty()) {
            return;
        }
        Optional<Allocation> entry = pool.get().allocations().stream()
                .filter(a -> IpAddress.tryParse(a.ip()).equals(ip))
                .findFirst();
        if (entry.isEmpty()) {
            problems.add(new Problem(
                    Problem.Kind.UNRECORDED,
                    source(),
                    pool.get().name(),
                    text,
                    pod.key(),
                    "the pool's status.ipAddresses has no entry for it"));
        } else if (!pod.key().equals(entry.get().podOwner())) {
            problems.add(new Problem(
                    Problem.Kind.UNRECORDED,
                    source(),
                    pool.get().name(),
                    text,
                    pod.key(),
                    "the pool records it for " + entry.get().ownerText()));
        }
    }

    private void pinnedIpsMismatch(PodFacts pod, List<Problem> problems) {
        List<IpAddress> actual =
                pod.ips().stream().flatMap(t -> IpAddress.tryParse(t).stream()).toList();
        for (String wanted : pod.pinnedIps()) {
            Optional<IpAddress> w = IpAddress.tryParse(wanted);
            Optional<IpAddress> got = w.flatMap(
                    x -> actual.stream().filter(a -> a.family() == x.family()).findFirst());
            if (w.isEmpty()) {
                problems.add(new Problem(
                        Problem.Kind.POD_IPS_MISMATCH,
                        source(),
                        null,
                        null,
                        pod.key(),
                        "ipam.antrea.io/pod-ips has \"" + wanted + "\", which is not an IP address"));
            } else if (got.isPresent() && !got.get().equals(w.get())) {
                problems.add(new Problem(
                        Problem.Kind.POD_IPS_MISMATCH,
                        source(),
                        poolOf(w.get()).map(AntreaPool::name).orElse(null),
                        got.get().toString(),
                        pod.key(),
                        "ipam.antrea.io/pod-ips asks for " + w.get() + " but the pod has " + got.get()));
            }
        }
    }

    /**
     * Namespaces and Pods whose ipam.antrea.io/ippools names a pool that does not exist ({@link PoolReferences},
     * as pool delete finds who still names a pool). Antrea skips unknown names and fails the Pod's CNI ADD when
     * none is left ("no valid IPPool found").
     */
    private void danglingReferences(List<Problem> problems) {
        Set<String> names = pools.stream().map(AntreaPool::name).collect(Collectors.toSet());
        for (String missing : PoolReferences.named(bindings, pods)) {
            if (names.contains(missing)) {
                continue;
            }
            PoolReferences references = PoolReferences.to(missing, bindings, pods);
            for (NamespacePools ns : references.namespaces()) {
                problems.add(new Problem(
                        Problem.Kind.DANGLING_REFERENCE,
                        source(),
                        missing,
                        null,
                        ns.namespace(),
                        "namespace " + ns.namespace()
                                + " is bound to it (ipam.antrea.io/ippools) but no IPPool has that name: "
                                + consequence(ns.pools(), names, "new Pods of " + ns.namespace())));
            }
            for (PodFacts pod : references.pods()) {
                problems.add(new Problem(
                        Problem.Kind.DANGLING_REFERENCE,
                        source(),
                        missing,
                        null,
                        pod.key(),
                        "the pod's ipam.antrea.io/ippools names it but no IPPool has that name: "
                                + consequence(
                                        pod.requestedPools(),
                                        names,
                                        pod.ips().isEmpty() ? "the pod" : "the pod, once re-created,")));
            }
        }
    }

    private static String consequence(List<String> wanted, Set<String> existing, String who) {
        List<String> left =
                wanted.stream().filter(existing::contains).distinct().toList();
        return left.isEmpty() ? who + " cannot get addresses" : "Antrea skips it and uses " + String.join(", ", left);
    }
}
