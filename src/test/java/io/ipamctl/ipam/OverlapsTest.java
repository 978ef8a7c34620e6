package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pools that share addresses across and within sources (issue 15.10): the message at create and the pool check finding. */
class OverlapsTest {

    private static final PoolDefinition OVL_NODE = Pools.pool("ovl-node", "10.211.1.1", 24, 0, "10.211.1.0/24");

    private static NodePodCidr node(String name, String cidr) {
        return new NodePodCidr(name, Cidr.parse(cidr), null);
    }

    private static SourcePools nodes(NodePodCidr... cidrs) {
        return new NodePodCidrs(List.of(cidrs), PodIndex::none);
    }

    private static SourcePools whereabouts(String... ranges) {
        List<WhereaboutsPool> pools = new ArrayList<>();
        for (String r : ranges) {
            pools.add(new WhereaboutsPool("kube-system", r.replace('/', '-'), r, List.of(), "1"));
        }
        return new WhereaboutsPools(pools, List.of(), PodIndex.none());
    }

    private static SourcePools antrea(PoolDefinition... defs) {
        return new AntreaIpPools(
                List.of(defs).stream()
                        .map(d -> ConsistencyCheckTest.antreaPool(d, List.of()))
                        .toList(),
                List.of(),
                PodIndex.none());
    }

    @Test
    void aNewPoolInsideANodesPodCidrIsNamedWithTheSharedAddresses() {
        List<PoolBlock> others =
                new ArrayList<>(nodes(node("node-01", "10.211.1.0/24"), node("node-02", "10.211.2.0/24"))
                        .blocks());
        others.addAll(whereabouts("192.168.20.0/24").blocks());
        assertEquals(
                List.of("pool ovl-node overlaps with node node-01 podCIDR 10.211.1.0/24 at 10.211.1.0-10.211.1.255: "
                        + "pools must not share addresses"),
                Overlaps.with("ovl-node", OVL_NODE.spans(), others));
        assertEquals(
                List.of(
                        "pool ovl-wb overlaps with whereabouts pool kube-system/192.168.20.0-24 (range 192.168.20.0/24) at "
                                + "192.168.20.150-192.168.20.160: pools must not share addresses"),
                Overlaps.with(
                        "ovl-wb",
                        Pools.pool("ovl-wb", "192.168.20.254", 24, 0, "192.168.20.150-192.168.20.160")
                                .spans(),
                        others));
        assertEquals(
                List.of(),
                Overlaps.with(
                        "apart",
                        Pools.pool("apart", "10.9.0.1", 24, 0, "10.9.0.0/24").spans(),
                        others));
    }

    @Test
    void severalSharedSpansAreMergedIntoOneLine() {
        PoolDefinition two = Pools.pool(
                "two",
                "10.211.0.1",
                16,
                0,
                "10.211.1.10-10.211.1.20",
                "10.211.1.21-10.211.1.30",
                "10.211.1.200-10.211.1.210");
        assertEquals(
                List.of("pool two overlaps with node node-01 podCIDR 10.211.1.0/24 at 10.211.1.10-10.211.1.30, "
                        + "10.211.1.200-10.211.1.210: pools must not share addresses"),
                Overlaps.with(
                        "two",
                        two.spans(),
                        nodes(node("node-01", "10.211.1.0/24")).blocks()));
    }

    @Test
    void checkReportsEachOverlappingPairOnceFromTheFirstListedPool() {
        var problems = Overlaps.among(List.of(
                antrea(Pools.poolAp(), OVL_NODE),
                whereabouts("192.168.20.0/24"),
                nodes(node("node-01", "10.211.1.0/24"), node("node-02", "10.211.2.0/24"))));
        assertEquals(
                List.of(
                        new Problem(
                                Problem.Kind.OVERLAP,
                                IpamSource.ANTREA,
                                "ovl-node",
                                null,
                                null,
                                "overlaps with node node-01 podCIDR 10.211.1.0/24 at 10.211.1.0-10.211.1.255: pools must not share addresses")),
                problems);
    }

    @Test
    void antreaPoolsAmongThemselvesAndNodesAmongThemselvesOverlapToo() {
        PoolDefinition a = Pools.pool("a", "10.5.0.1", 24, 0, "10.5.0.10-10.5.0.20");
        PoolDefinition b = Pools.pool("b", "10.5.0.1", 24, 0, "10.5.0.15-10.5.0.30");
        assertEquals(
                List.of(
                        new Problem(
                                Problem.Kind.OVERLAP,
                                IpamSource.ANTREA,
                                "a",
                                null,
                                null,
                                "overlaps with pool b at 10.5.0.15-10.5.0.20: pools must not share addresses"),
                        new Problem(
                                Problem.Kind.OVERLAP,
                                IpamSource.NODE,
                                "node-01",
                                null,
                                null,
                                "overlaps with node node-02 podCIDR 10.211.1.128/25 at 10.211.1.128-10.211.1.255: pools must not share addresses")),
                Overlaps.among(List.of(
                        antrea(a, b), nodes(node("node-01", "10.211.1.0/24"), node("node-02", "10.211.1.128/25")))));
    }

    @Test
    void whereaboutsRangesMayOverlapEachOtherButNotOthers() {
        var problems = Overlaps.among(List.of(
                antrea(Pools.pool("in-wb", "192.168.20.254", 24, 0, "192.168.20.200-192.168.20.210")),
                whereabouts("192.168.20.0/24", "192.168.20.0/25")));
        assertEquals(
                List.of(new Problem(
                        Problem.Kind.OVERLAP,
                        IpamSource.ANTREA,
                        "in-wb",
                        null,
                        null,
                        "overlaps with whereabouts pool kube-system/192.168.20.0-24 (range 192.168.20.0/24) at 192.168.20.200-192.168.20.210: "
                                + "pools must not share addresses")),
                problems);
    }

    @Test
    void oneNodesTwoFamiliesAndDisjointPoolsAreFine() {
        assertEquals(
                List.of(),
                Overlaps.among(List.of(
                        antrea(Pools.poolAp(), Pools.poolDb()),
                        nodes(
                                node("node-01", "10.211.1.0/24"),
                                node("node-01", "fd00:10:211:1::/64"),
                                node("node-02", "fd00:10:211:2::/64")))));
    }

    @Test
    void thousandsOfPodCidrsAreSweptNotComparedPairwise() {
        List<NodePodCidr> cidrs = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            cidrs.add(node(String.format("node-%04d", i), "10." + (i / 256) + "." + (i % 256) + ".0/24"));
        }
        cidrs.add(node("node-dup", "10.3.4.0/24"));
        var problems = Overlaps.among(List.of(nodes(cidrs.toArray(NodePodCidr[]::new))));
        assertEquals(
                List.of(
                        new Problem(
                                Problem.Kind.OVERLAP,
                                IpamSource.NODE,
                                "node-0772",
                                null,
                                null,
                                "overlaps with node node-dup podCIDR 10.3.4.0/24 at 10.3.4.0-10.3.4.255: pools must not share addresses")),
                problems);
    }
}
