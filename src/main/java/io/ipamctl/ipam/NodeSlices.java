package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whereabouts' node slices (NAD {@code node_slice_size}): the NodeSlicePools, the IPPool each node allocates
 * from (one per assigned slice, {@link NodeSlicePool#slicePoolName}) and what they say together. The plugin
 * (v0.9.2 pkg/storage/kubernetes/ipam.go) hands out network+1 .. last-1 of the node's slice and ignores the
 * range's exclude, range_start and range_end.
 */
final class NodeSlices {

    /**
     * An IPPool that is the pool of one node's slice.
     *
     * @param networks the NetworkAttachmentDefinitions that use the slices
     */
    record Member(NodeSlicePool owner, NodeSlicePool.Slice slice, List<String> networks, String gateway) {

        /** "node-01's slice 192.168.32.0/26 of kube-system/slicenet". */
        String describe() {
            return slice.nodeName() + "'s slice " + slice.sliceRange() + " of " + owner.qualifiedName();
        }
    }

    private final List<NodeSlicePool> slicePools;
    private final List<WhereaboutsNetwork> networks;
    private final Map<WhereaboutsPool, Member> members = new LinkedHashMap<>();

    NodeSlices(List<NodeSlicePool> slicePools, List<WhereaboutsPool> pools, List<WhereaboutsNetwork> networks) {
        this.slicePools = slicePools.stream()
                .sorted(java.util.Comparator.comparing(NodeSlicePool::qualifiedName))
                .toList();
        this.networks = List.copyOf(networks);
        for (NodeSlicePool nsp : this.slicePools) {
            List<WhereaboutsNetwork> users = usersOf(nsp);
            String gateway = users.stream()
                    .map(WhereaboutsNetwork::gateway)
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse(null);
            List<String> nads = users.stream().map(WhereaboutsNetwork::nad).toList();
            for (NodeSlicePool.Slice s : nsp.assigned()) {
                List<String> names = poolNames(nsp, users, s);
                pools.stream()
                        .filter(p -> p.namespace().equals(nsp.namespace())
                                && names.contains(p.name())
                                && sameCidr(p.range(), s.sliceRange()))
                        .findFirst()
                        .ifPresent(p -> members.putIfAbsent(p, new Member(nsp, s, nads, gateway)));
            }
        }
    }

    List<NodeSlicePool> all() {
        return slicePools;
    }

    Optional<Member> memberOf(WhereaboutsPool pool) {
        return Optional.ofNullable(members.get(pool));
    }

    /** The slice pools of one NodeSlicePool, in slice order. */
    List<WhereaboutsPool> poolsOf(NodeSlicePool nsp) {
        return members.entrySet().stream()
                .filter(e -> e.getValue().owner() == nsp)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The slice pools of a sliced network's NodeSlicePool (where its Pods' addresses are recorded). */
    List<WhereaboutsPool> poolsOf(WhereaboutsNetwork network) {
        return slicePools.stream()
                .filter(nsp -> nsp.name().equals(network.slicePoolName()))
                .flatMap(nsp -> poolsOf(nsp).stream())
                .toList();
    }

    /** The sliced networks whose NodeSlicePool it is (node-slice controller: network_name, else the config's name). */
    private List<WhereaboutsNetwork> usersOf(NodeSlicePool nsp) {
        return networks.stream()
                .filter(n -> n.sliced() && nsp.name().equals(n.slicePoolName()))
                .toList();
    }

    /** The IPPool names a slice may have: with the users' network_name, or both forms when no NAD tells. */
    private static List<String> poolNames(NodeSlicePool nsp, List<WhereaboutsNetwork> users, NodeSlicePool.Slice s) {
        if (users.isEmpty()) {
            return List.of(
                    NodeSlicePool.slicePoolName(null, s.nodeName(), s.sliceRange()),
                    NodeSlicePool.slicePoolName(nsp.name(), s.nodeName(), s.sliceRange()));
        }
        return users.stream()
                .map(n -> NodeSlicePool.slicePoolName(n.networkName(), s.nodeName(), s.sliceRange()))
                .distinct()
                .toList();
    }

    private static boolean sameCidr(String a, String b) {
        Optional<Cidr> x = Cidr.tryParse(a);
        Optional<Cidr> y = Cidr.tryParse(b);
        return x.isPresent()
                && y.isPresent()
                && x.get().network().equals(y.get().network())
                && x.get().prefixLength() == y.get().prefixLength();
    }

    /**
     * The range row: TOTAL = what every slice hands out (assigned or free), USED = the allocations of its nodes'
     * pools; the node rows under it break USED down, so the range row is not to be added to them.
     */
    SourceUsage rangeRow(NodeSlicePool nsp, List<SourceUsage> memberRows) {
        List<String> warnings = new ArrayList<>();
        BigInteger total = BigInteger.ZERO;
        for (NodeSlicePool.Slice s : nsp.slices()) {
            total = total.add(s.usable().size());
        }
        long used = memberRows.stream().mapToLong(SourceUsage::used).sum();
        List<WhereaboutsNetwork> users = usersOf(nsp);
        if (users.isEmpty()) {
            warnings.add(nsp.label() + ": no NetworkAttachmentDefinition sets node_slice_size for it");
        }
        Optional<Cidr> cidr = Cidr.tryParse(nsp.range());
        String size = nsp.slicePrefix().map(p -> "/" + p).orElse(String.valueOf(nsp.sliceSize()));
        return new SourceUsage(
                IpamSource.WHEREABOUTS,
                nsp.name(),
                nsp.namespace(),
                nsp.label(),
                WhereaboutsPool.API_VERSION,
                List.of(cidr.map(c -> c.network() + "/" + c.prefixLength()).orElse(String.valueOf(nsp.range()))),
                cidr.map(c -> c.network() + "/" + c.prefixLength()).orElse(null),
                users.stream()
                        .map(WhereaboutsNetwork::gateway)
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(null),
                cidr.map(Cidr::prefixLength).orElse(null),
                null,
                new Fill(total, used),
                users.stream().map(WhereaboutsNetwork::nad).toList(),
                warnings,
                nsp.created(),
                new SourceUsage.Slices(size, nsp.slices().size(), nsp.freeSlices()));
    }

    /** The whole range of every NodeSlicePool, for overlap checks (its slice pools are inside it). */
    List<PoolBlock> blocks() {
        List<PoolBlock> out = new ArrayList<>();
        for (NodeSlicePool nsp : slicePools) {
            Cidr.tryParse(nsp.range())
                    .ifPresent(c -> out.add(new PoolBlock(
                            IpamSource.WHEREABOUTS,
                            nsp.qualifiedName(),
                            nsp.label() + " (range " + c.network() + "/" + c.prefixLength() + ")",
                            IpRangeSet.union(List.of(c.asRange())))));
        }
        return out;
    }

    /**
     * What a NodeSlicePool says of an address in its range that no slice pool covers: a slice with no IPPool
     * yet (the plugin makes it on the node's first allocation), a free slice, or no slice at all.
     */
    List<AddressState> statesOutsidePools(IpAddress ip) {
        List<AddressState> out = new ArrayList<>();
        for (NodeSlicePool nsp : slicePools) {
            Optional<Cidr> range = Cidr.tryParse(nsp.range());
            if (range.isEmpty() || !range.get().contains(ip)) {
                continue;
            }
            boolean covered = members.entrySet().stream()
                    .anyMatch(e -> e.getValue().owner() == nsp
                            && e.getValue()
                                    .slice()
                                    .cidr()
                                    .map(c -> c.contains(ip))
                                    .orElse(false));
            if (covered) {
                continue;
            }
            Optional<NodeSlicePool.Slice> slice = nsp.slices().stream()
                    .filter(s -> s.cidr().map(c -> c.contains(ip)).orElse(false))
                    .findFirst();
            out.add(slice.map(s -> stateInSlice(nsp, s, ip))
                    .orElseGet(() -> state(
                            nsp,
                            AddressState.State.UNUSABLE,
                            "in no slice of " + nsp.qualifiedName() + ": no node can get it")));
        }
        return out;
    }

    private static AddressState stateInSlice(NodeSlicePool nsp, NodeSlicePool.Slice s, IpAddress ip) {
        Cidr c = s.cidr().orElseThrow();
        String where = s.free()
                ? "free slice " + s.sliceRange() + " of " + nsp.qualifiedName() + ", which no node holds yet"
                : s.nodeName() + "'s slice " + s.sliceRange() + " of " + nsp.qualifiedName()
                        + " (its IPPool is made on the node's first allocation)";
        if (ip.equals(c.network())) {
            return state(nsp, AddressState.State.NETWORK, "the network address of " + where);
        }
        if (ip.equals(c.last())) {
            return state(
                    nsp,
                    ip.isV4() ? AddressState.State.BROADCAST : AddressState.State.UNUSABLE,
                    "the last address of " + where + ", which Whereabouts never hands out");
        }
        return state(nsp, AddressState.State.FREE, "in " + where);
    }

    private static AddressState state(NodeSlicePool nsp, AddressState.State state, String detail) {
        return new AddressState(IpamSource.WHEREABOUTS, nsp.qualifiedName(), state, null, detail);
    }

    /**
     * What pool check finds in the slices: an IPPool for a slice its NodeSlicePool gives to another node or to
     * none, a node with two slices, an address outside its node's slice (or held by a Pod of another node), a
     * NodeSlicePool whose range or size differs from its NAD's, a sliced NAD without a NodeSlicePool.
     */
    List<Problem> problems(List<WhereaboutsPool> pools, PodIndex pods) {
        List<Problem> out = new ArrayList<>();
        for (NodeSlicePool nsp : slicePools) {
            strays(nsp, pools).forEach(out::add);
            Map<String, List<String>> byNode = new LinkedHashMap<>();
            nsp.assigned()
                    .forEach(s -> byNode.computeIfAbsent(s.nodeName(), k -> new ArrayList<>())
                            .add(s.sliceRange()));
            byNode.forEach((node, slices) -> {
                if (slices.size() > 1) {
                    out.add(mismatch(
                            nsp.qualifiedName(),
                            node,
                            "node " + node + " holds " + slices.size() + " slices (" + String.join(", ", slices)
                                    + "); the plugin allocates from the first only"));
                }
            });
            for (WhereaboutsNetwork n : usersOf(nsp)) {
                rangeDiffers(nsp, n).ifPresent(out::add);
            }
        }
        members.forEach((pool, m) -> outsideSlice(pool, m, pods, out));
        for (WhereaboutsNetwork n : networks) {
            if (n.sliced() && slicePools.stream().noneMatch(nsp -> nsp.name().equals(n.slicePoolName()))) {
                out.add(mismatch(
                        null,
                        n.nad(),
                        "sets node_slice_size " + n.nodeSliceSize() + " but no NodeSlicePool named "
                                + n.slicePoolName() + " exists: its Pods get no address (\"no allocated node slice"
                                + " for node\"); is the Whereabouts node-slice controller running?"));
            }
        }
        return out;
    }

    /** IPPools named and ranged like a slice of nsp that no assigned slice claims. */
    private List<Problem> strays(NodeSlicePool nsp, List<WhereaboutsPool> pools) {
        Optional<Cidr> range = Cidr.tryParse(nsp.range());
        Optional<Integer> size = nsp.slicePrefix();
        List<Problem> out = new ArrayList<>();
        if (range.isEmpty() || size.isEmpty()) {
            return out;
        }
        for (WhereaboutsPool p : pools) {
            Optional<Cidr> c = Cidr.tryParse(p.range());
            if (members.containsKey(p)
                    || !p.namespace().equals(nsp.namespace())
                    || c.isEmpty()
                    || c.get().prefixLength() != size.get()
                    || !range.get().contains(c.get().network())
                    || !p.name().endsWith("-" + WhereaboutsRange.normalize(p.range()))) {
                continue;
            }
            String slice = c.get().network() + "/" + c.get().prefixLength();
            String holder = nsp.slices().stream()
                    .filter(s -> sameCidr(s.sliceRange(), slice))
                    .findFirst()
                    .map(s -> s.free() ? "to no node" : "to node " + s.nodeName())
                    .orElse("to no node");
            out.add(mismatch(
                    p.qualifiedName(),
                    null,
                    "the IPPool of slice " + slice + ", which " + nsp.qualifiedName() + " gives " + holder
                            + ": the plugin no longer allocates from it ("
                            + p.valid().size() + (p.valid().size() == 1 ? " allocation" : " allocations")
                            + " left)"));
        }
        return out;
    }

    private static Optional<Problem> rangeDiffers(NodeSlicePool nsp, WhereaboutsNetwork n) {
        if (n.ranges().isEmpty()) {
            return Optional.empty();
        }
        Cidr want = n.ranges().get(0).cidr();
        String wantSize = n.nodeSliceSize().startsWith("/") ? n.nodeSliceSize() : "/" + n.nodeSliceSize();
        String haveSize = nsp.slicePrefix().map(p -> "/" + p).orElse(String.valueOf(nsp.sliceSize()));
        if (sameCidr(nsp.range(), want.toString()) && wantSize.equals(haveSize)) {
            return Optional.empty();
        }
        return Optional.of(mismatch(
                nsp.qualifiedName(),
                n.nad(),
                "range " + nsp.range() + " in slices of " + haveSize + ", but " + n.nad() + " sets " + want + " in "
                        + wantSize + ": nodes allocate from the old slices until the node-slice controller"
                        + " divides the range again"));
    }

    private static void outsideSlice(WhereaboutsPool pool, Member m, PodIndex pods, List<Problem> out) {
        Optional<Cidr> slice = m.slice().cidr();
        for (WhereaboutsAllocation a : pool.valid()) {
            String node = pods.nodeOf(a.podRef());
            String detail = slice.isPresent() && !slice.get().contains(IpAddress.parse(a.ip()))
                    ? "outside " + m.describe()
                    : node != null && !node.equals(m.slice().nodeName())
                            ? "the Pod runs on " + node + " but holds an address of " + m.describe()
                            : null;
            if (detail != null) {
                out.add(new Problem(
                        Problem.Kind.OUT_OF_RANGE,
                        IpamSource.WHEREABOUTS,
                        pool.qualifiedName(),
                        a.ip(),
                        a.podRef(),
                        detail));
            }
        }
    }

    private static Problem mismatch(String pool, String owner, String detail) {
        return new Problem(Problem.Kind.SLICE_MISMATCH, IpamSource.WHEREABOUTS, pool, null, owner, detail);
    }
}
