package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whereabouts node slices as the v0.9.2 node-slice controller and plugin leave them: a NodeSlicePool cut into
 * /26 slices, node-01 and node-02 holding one each, two free, each node's allocations in its own IPPool.
 */
class NodeSlicesTest {

    private static final WhereaboutsNetwork SLICED = new WhereaboutsNetwork(
            "default/slice-conf",
            "slicenet",
            null,
            List.of(WhereaboutsRange.parse("192.168.32.0/24", null, null, List.of("192.168.32.0/28"))),
            "/26",
            "slice-conf");

    private static final NodeSlicePool SLICES = new NodeSlicePool(
            "kube-system",
            "slicenet",
            "192.168.32.0/24",
            "/26",
            List.of(
                    new NodeSlicePool.Slice("node-01", "192.168.32.0/26"),
                    new NodeSlicePool.Slice("node-02", "192.168.32.64/26"),
                    new NodeSlicePool.Slice("", "192.168.32.128/26"),
                    new NodeSlicePool.Slice("", "192.168.32.192/26")),
            null);

    private static WhereaboutsPool slicePool(String node, String slice, String offset, String ip, String pod) {
        return new WhereaboutsPool(
                "kube-system",
                NodeSlicePool.slicePoolName("slicenet", node, slice),
                slice,
                List.of(new WhereaboutsAllocation(offset, ip, "id-" + pod, "default/" + pod, "net2")),
                "3");
    }

    private static final WhereaboutsPool NODE1 = slicePool("node-01", "192.168.32.0/26", "1", "192.168.32.1", "pod0");
    private static final WhereaboutsPool NODE2 = slicePool("node-02", "192.168.32.64/26", "1", "192.168.32.65", "pod1");

    private static PodFacts pod(String name, String node, String sliceIp) {
        return new PodFacts(
                "default/" + name,
                node,
                "Running",
                false,
                List.of(),
                List.of(),
                List.of(),
                List.of(new PodFacts.SecondaryNetwork("default/slice-conf", "net2", List.of(sliceIp))));
    }

    private static final PodIndex PODS =
            PodIndex.of(List.of(pod("pod0", "node-01", "192.168.32.1"), pod("pod1", "node-02", "192.168.32.65")));

    private static WhereaboutsPools pools(List<WhereaboutsPool> pools, NodeSlicePool nsp, PodIndex pods) {
        return new WhereaboutsPools(pools, List.of(SLICED), List.of(nsp), pods);
    }

    private static String line(SourceUsage u) {
        return u.qualifiedName() + " " + u.ranges() + " " + u.total() + " " + u.used() + " " + u.networks() + " "
                + u.slices() + " " + u.warnings();
    }

    /** Slices are /26: 62 addresses each (network and last never handed out, the NAD's exclude ignored). */
    @Test
    void theRangeRowCountsEverySliceAndTheNodeRowsFollowIt() {
        List<SourceUsage> rows = pools(List.of(NODE2, NODE1), SLICES, PODS).usages();
        assertEquals(
                List.of(
                        "kube-system/slicenet [192.168.32.0/24] 248 2 [default/slice-conf] Slices[size=/26, total=4,"
                                + " free=2] []",
                        "kube-system/slicenet-node-01-192.168.32.0-26 [192.168.32.1-192.168.32.62] 62 1"
                                + " [default/slice-conf] null []",
                        "kube-system/slicenet-node-02-192.168.32.64-26 [192.168.32.65-192.168.32.126] 62 1"
                                + " [default/slice-conf] null []"),
                rows.stream().map(NodeSlicesTest::line).toList());
        assertEquals("whereabouts node slices kube-system/slicenet", rows.get(0).label());
        assertEquals(BigInteger.valueOf(246), rows.get(0).fill().free());
    }

    @Test
    void theRangeRowHoldsNothingItselfAndNamesItsNodeSlicePool() {
        var p = pools(List.of(NODE1, NODE2), SLICES, PODS);
        List<SourceUsage> rows = p.usages();
        assertEquals(List.of(), p.holders(rows.get(0)));
        assertEquals(
                List.of(new AddressHolder(
                        NODE1.qualifiedName(),
                        "192.168.32.1",
                        "Allocated",
                        "default/pod0",
                        "Pod",
                        "node-01",
                        "id-pod0")),
                p.holders(rows.get(1)));
        assertEquals(
                List.of(
                        "kube-system/slicenet-node-01-192.168.32.0-26",
                        "kube-system/slicenet-node-02-192.168.32.64-26",
                        "kube-system/slicenet"),
                p.poolNames());
        assertEquals(
                List.of("whereabouts node slices kube-system/slicenet (range 192.168.32.0/24)"),
                p.blocks().stream().map(PoolBlock::label).toList());
    }

    private static String states(WhereaboutsPools p, String ip) {
        return String.join(
                "; ",
                p.addressStates(IpAddress.parse(ip)).stream()
                        .map(s -> s.pool() + " " + s.state()
                                + (s.holder() == null ? "" : " " + s.holder().owner()) + " " + s.detail())
                        .toList());
    }

    @Test
    void anAddressIsFoundInItsNodesSliceOrInAFreeSlice() {
        var p = pools(List.of(NODE1, NODE2), SLICES, PODS);
        assertEquals(
                "kube-system/slicenet-node-01-192.168.32.0-26 allocated default/pod0 in node-01's slice 192.168.32.0/26"
                        + " of kube-system/slicenet",
                states(p, "192.168.32.1"));
        assertEquals(
                "kube-system/slicenet-node-02-192.168.32.64-26 free in node-02's slice 192.168.32.64/26"
                        + " of kube-system/slicenet",
                states(p, "192.168.32.66"));
        assertEquals(
                "kube-system/slicenet-node-02-192.168.32.64-26 broadcast the last address of 192.168.32.64/26,"
                        + " which Whereabouts never hands out",
                states(p, "192.168.32.127"));
        assertEquals(
                "kube-system/slicenet free in free slice 192.168.32.128/26 of kube-system/slicenet, which no node"
                        + " holds yet",
                states(p, "192.168.32.130"));
        assertEquals(
                "kube-system/slicenet network the network address of free slice 192.168.32.192/26 of"
                        + " kube-system/slicenet, which no node holds yet",
                states(p, "192.168.32.192"));
        assertEquals("", states(p, "192.168.31.1"));
        var noPoolYet = pools(List.of(NODE1), SLICES, PODS);
        assertEquals(
                "kube-system/slicenet free in node-02's slice 192.168.32.64/26 of kube-system/slicenet (its IPPool is"
                        + " made on the node's first allocation)",
                states(noPoolYet, "192.168.32.70"));
    }

    private static List<String> problems(WhereaboutsPools p) {
        return p.problems().stream()
                .map(x -> x.kind() + " | " + x.pool() + " | " + x.ip() + " | " + x.owner() + " | " + x.detail())
                .toList();
    }

    @Test
    void consistentSlicesHaveNoProblems() {
        assertEquals(List.of(), problems(pools(List.of(NODE1, NODE2), SLICES, PODS)));
    }

    @Test
    void checkFindsStraySlicePoolsDoubleSlicesPodsOnAnotherNodeAndChangedRanges() {
        var changed = new NodeSlicePool(
                "kube-system",
                "slicenet",
                "192.168.32.0/24",
                "/26",
                List.of(
                        new NodeSlicePool.Slice("node-01", "192.168.32.0/26"),
                        new NodeSlicePool.Slice("node-02", "192.168.32.64/26"),
                        new NodeSlicePool.Slice("node-01", "192.168.32.128/26"),
                        new NodeSlicePool.Slice("", "192.168.32.192/26")),
                null);
        var stray = slicePool("node-03", "192.168.32.192/26", "2", "192.168.32.194", "pod3");
        var moved = slicePool("node-02", "192.168.32.64/26", "5", "192.168.32.69", "pod0");
        List<WhereaboutsPool> all = new ArrayList<>(List.of(NODE1, moved, stray));
        var otherRange = new WhereaboutsNetwork(
                "ns-b/slice-b",
                "slicenet",
                null,
                List.of(WhereaboutsRange.parse("192.168.40.0/24", null, null, List.of())),
                "/27",
                "slice-b");
        var orphanNad = new WhereaboutsNetwork(
                "ns-b/no-slices",
                null,
                null,
                List.of(WhereaboutsRange.parse("192.168.50.0/24", null, null, List.of())),
                "26",
                "lonely");
        var p = new WhereaboutsPools(all, List.of(SLICED, otherRange, orphanNad), List.of(changed), PODS);
        assertEquals(
                List.of(
                        "slice-mismatch | kube-system/slicenet-node-03-192.168.32.192-26 | null | null | the IPPool of"
                                + " slice 192.168.32.192/26, which kube-system/slicenet gives to no node: the plugin no"
                                + " longer allocates from it (1 allocation left)",
                        "slice-mismatch | kube-system/slicenet | null | node-01 | node node-01 holds 2 slices"
                                + " (192.168.32.0/26, 192.168.32.128/26); the plugin allocates from the first only",
                        "slice-mismatch | kube-system/slicenet | null | ns-b/slice-b | range 192.168.32.0/24 in slices"
                                + " of /26, but ns-b/slice-b sets 192.168.40.0/24 in /27: nodes allocate from the old"
                                + " slices until the node-slice controller divides the range again",
                        "out-of-range | kube-system/slicenet-node-02-192.168.32.64-26 | 192.168.32.69 | default/pod0 |"
                                + " the Pod runs on node-01 but holds an address of node-02's slice 192.168.32.64/26 of"
                                + " kube-system/slicenet",
                        "slice-mismatch | null | null | ns-b/no-slices | sets node_slice_size 26 but no NodeSlicePool"
                                + " named lonely exists: its Pods get no address (\"no allocated node slice for node\");"
                                + " is the Whereabouts node-slice controller running?"),
                problems(p).stream()
                        .filter(s -> s.startsWith("slice-mismatch") || s.startsWith("out-of-range"))
                        .toList());
    }

    /** Multus' network-status of a sliced network is looked up in the node slice pools, not in a whole-range pool. */
    @Test
    void networkStatusOfASlicedNetworkIsFoundInTheSlicePools() {
        var p = pools(List.of(NODE1, NODE2), SLICES, PODS);
        assertEquals(List.of(), problems(p));
        var wrong =
                PodIndex.of(List.of(pod("pod0", "node-01", "192.168.32.9"), pod("pod1", "node-02", "192.168.32.65")));
        assertEquals(
                List.of("network-status-unrecorded | kube-system/slicenet-node-01-192.168.32.0-26 | 192.168.32.9 |"
                        + " default/pod0 | net2 of default/slice-conf: no Whereabouts allocation"),
                problems(pools(List.of(NODE1, NODE2), SLICES, wrong)));
    }

    @Test
    void slicePoolNamesFollowThePlugin() {
        assertEquals("node-01-192.168.32.0-26", NodeSlicePool.slicePoolName(null, "node-01", "192.168.32.0/26"));
        assertEquals("net-a-node-01-10.0.0.64-26", NodeSlicePool.slicePoolName("net-a", "node-01", "10.0.0.64/26"));
        assertEquals(
                List.of(26),
                new NodeSlicePool("n", "s", "10.0.0.0/24", "26", List.of(), null)
                        .slicePrefix().stream().toList());
    }
}
