package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Node IPAM's pure half: counted from the Pods, which are only read when a count or owners are asked for. */
class NodePodCidrsTest {

    private static final List<NodePodCidr> CIDRS = List.of(
            new NodePodCidr("node-01", Cidr.parse("10.211.1.0/24"), null),
            new NodePodCidr("node-01", Cidr.parse("fd00:10:211:1::/64"), null));

    private static PodFacts pod(String key, String node, String... ips) {
        return new PodFacts(key, node, "Running", false, List.of(ips), List.of(), List.of(), List.of());
    }

    @Test
    void rowsAndOwnersPerFamily() {
        PodIndex pods = PodIndex.of(List.of(
                pod("default/a", "node-01", "10.211.1.5", "fd00:10:211:1::5"),
                pod("default/b", "node-01", "10.211.1.6"),
                pod("default/elsewhere", "node-02", "10.211.1.7")));
        var nodes = new NodePodCidrs(CIDRS, () -> pods);
        SourceUsage v4 = nodes.usages().get(0);
        assertEquals(
                new SourceUsage(
                        IpamSource.NODE,
                        "node-01",
                        null,
                        "node node-01 podCIDR 10.211.1.0/24",
                        "v1",
                        List.of("10.211.1.0/24"),
                        "10.211.1.0/24",
                        "10.211.1.1",
                        24,
                        null,
                        new Fill(BigInteger.valueOf(253), 2),
                        null,
                        List.of(),
                        null),
                v4);
        assertEquals(1, nodes.usages().get(1).used());
        assertEquals(
                List.of(
                        new AddressHolder("node-01", "10.211.1.5", "Running", "default/a", "Pod", "node-01", null),
                        new AddressHolder("node-01", "10.211.1.6", "Running", "default/b", "Pod", "node-01", null)),
                nodes.holders(v4));
        assertEquals(List.of("node-01"), nodes.poolNames());
    }

    @Test
    void blocksAndNamesNeedNoPods() {
        AtomicInteger reads = new AtomicInteger();
        var nodes = new NodePodCidrs(CIDRS, () -> {
            reads.incrementAndGet();
            return PodIndex.none();
        });
        assertEquals(
                List.of("node node-01 podCIDR 10.211.1.0/24", "node node-01 podCIDR fd00:10:211:1::/64"),
                nodes.blocks().stream().map(PoolBlock::label).toList());
        nodes.poolNames();
        assertEquals(0, reads.get());
    }

    @Test
    void claimsEveryPodNetworkAddressNamingTheNodeWhereItCan() {
        var nodes = new NodePodCidrs(CIDRS, PodIndex::none);
        assertEquals(
                Optional.of(new SourcePools.PodAddressClaim("node-01")),
                nodes.claimPodAddress(IpAddress.parse("10.211.1.9")));
        assertEquals(
                Optional.of(new SourcePools.PodAddressClaim(null)),
                nodes.claimPodAddress(IpAddress.parse("10.99.0.1")));
        assertEquals(List.of(), nodes.problems());
    }

    @Test
    void addressStatesNameTheReservedAddressesAndTheHolder() {
        PodIndex pods = PodIndex.of(List.of(pod("default/a", "node-01", "10.211.1.5")));
        var nodes = new NodePodCidrs(CIDRS, () -> pods);
        Function<String, String> state = ip -> String.join(
                " ",
                nodes.addressStates(IpAddress.parse(ip)).stream()
                        .map(s -> s.pool() + " " + s.state() + " "
                                + (s.holder() == null ? s.detail() : s.holder().owner()))
                        .toList());
        assertEquals("node-01 network the network address of 10.211.1.0/24", state.apply("10.211.1.0"));
        assertEquals("node-01 gateway the gateway of 10.211.1.0/24 (antrea-gw0)", state.apply("10.211.1.1"));
        assertEquals("node-01 allocated default/a", state.apply("10.211.1.5"));
        assertEquals("node-01 free null", state.apply("10.211.1.6"));
        assertEquals("node-01 broadcast the broadcast address of 10.211.1.0/24", state.apply("10.211.1.255"));
        assertEquals("node-01 free null", state.apply("fd00:10:211:1:ffff:ffff:ffff:ffff"), "IPv6 has no broadcast");
        assertEquals("", state.apply("10.211.2.5"));
    }
}
