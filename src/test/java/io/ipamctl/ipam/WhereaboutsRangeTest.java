package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whereabouts' range rules (pkg/config, pkg/iphelpers, pkg/allocate) and its IPPool naming and offsets. */
class WhereaboutsRangeTest {

    private static WhereaboutsRange range(String range, String start, String end, String... exclude) {
        return WhereaboutsRange.parse(range, start, end, List.of(exclude));
    }

    @Test
    void seedRangeIsStartToEndInclusive() {
        var r = range("192.168.20.0/24", "192.168.20.10", "192.168.20.100");
        assertEquals("192.168.20.10-192.168.20.100", r.usable().toString());
        assertEquals(BigInteger.valueOf(91), r.usable().size());
        assertEquals("192.168.20.0-24", r.poolName(null));
        assertEquals("net-a-192.168.20.0-24", r.poolName("net-a"));
    }

    @Test
    void aWholeCidrLeavesOutTheNetworkAndTheLastAddressButNotTheGateway() {
        assertEquals(
                "10.1.0.1-10.1.0.254", range("10.1.0.0/24", null, null).usable().toString());
        assertEquals(
                "fd00::1-fd00::fe", range("fd00::/120", null, null).usable().toString());
        assertEquals("fd00---120", range("fd00::/120", null, null).poolName(null));
    }

    @Test
    void startAndEndOutsideTheUsableSpanAreIgnoredAsWhereaboutsDoes() {
        assertEquals(
                "10.1.0.1-10.1.0.254",
                range("10.1.0.0/24", "10.1.0.0", "10.1.1.9").usable().toString());
        // an end before the start is ignored, the start is kept
        assertEquals(
                "10.1.0.50-10.1.0.254",
                range("10.1.0.0/24", "10.1.0.50", "10.1.0.20").usable().toString());
    }

    @Test
    void excludeCutsOutWholeSubnetsAndSingleAddresses() {
        var r = range("10.1.0.0/24", "10.1.0.10", "10.1.0.100", "10.1.0.32/28", "10.1.0.60");
        assertEquals(
                "10.1.0.10-10.1.0.31,10.1.0.48-10.1.0.59,10.1.0.61-10.1.0.100",
                r.usable().toString());
        assertEquals(BigInteger.valueOf(22 + 12 + 40), r.usable().size());
    }

    @Test
    void startEndPrefixFormSetsStartAndEndAndMasksTheCidr() {
        var r = range("192.168.2.225-192.168.2.230/28", "192.168.2.226", null);
        assertEquals("192.168.2.224/28", r.cidr().toString());
        assertEquals("192.168.2.225-192.168.2.230", r.usable().toString());
        assertEquals("192.168.2.224-28", r.poolName(null));
    }

    @Test
    void tinyPrefixesHaveNoUsableAddress() {
        assertEquals(BigInteger.ZERO, range("10.1.0.0/31", null, null).usable().size());
        assertEquals(BigInteger.ZERO, range("fd00::/127", null, null).usable().size());
    }

    @Test
    void badValuesAreNamed() {
        assertEquals(
                "invalid CIDR \"10.1.0.0/33\" in the whereabouts IPAM config",
                assertThrows(IllegalArgumentException.class, () -> range("10.1.0.0/33", null, null))
                        .getMessage());
        assertEquals(
                "invalid range_start \"10.1.0.x\" in the whereabouts IPAM config",
                assertThrows(IllegalArgumentException.class, () -> range("10.1.0.0/24", "10.1.0.x", null))
                        .getMessage());
        assertEquals(
                "invalid CIDR in exclude list \"nope\"",
                assertThrows(IllegalArgumentException.class, () -> range("10.1.0.0/24", null, null, "nope"))
                        .getMessage());
    }

    @Test
    void allocationKeysAreOffsetsFromTheAddressAsWrittenInSpecRange() {
        assertEquals(
                Optional.of(IpAddress.parse("192.168.20.13")), WhereaboutsRange.addressAt("192.168.20.0/24", "13"));
        assertEquals(
                Optional.of(IpAddress.parse("192.168.20.18")), WhereaboutsRange.addressAt("192.168.20.5/24", "13"));
        assertEquals(Optional.of(IpAddress.parse("fd00::1:0")), WhereaboutsRange.addressAt("fd00::/64", "65536"));
        assertEquals(Optional.empty(), WhereaboutsRange.addressAt("192.168.20.0/24", "x1"));
        assertEquals(Optional.empty(), WhereaboutsRange.addressAt("192.168.20.0/24", "-1"));
        assertEquals(Optional.empty(), WhereaboutsRange.addressAt("255.255.255.0/24", "256"));
        assertEquals("13", WhereaboutsRange.offsetOf("192.168.20.0/24", IpAddress.parse("192.168.20.13")));
    }

    @Test
    void poolUsageUnitesTheNetworksThatShareTheRangeAndWarnsAboutOddities() {
        var a = new WhereaboutsNetwork(
                "default/a", null, "10.1.0.1", List.of(range("10.1.0.0/24", "10.1.0.10", "10.1.0.19")));
        var b = new WhereaboutsNetwork("prod/b", null, null, List.of(range("10.1.0.0/24", "10.1.0.15", "10.1.0.29")));
        var other = new WhereaboutsNetwork("default/c", "blue", null, List.of(range("10.1.0.0/24", null, null)));
        var pool = new WhereaboutsPool(
                "kube-system",
                "10.1.0.0-24",
                "10.1.0.0/24",
                List.of(
                        new WhereaboutsAllocation("12", "10.1.0.12", "c1", "default/p1", "net1"),
                        new WhereaboutsAllocation("200", "10.1.0.200", "c2", "default/p2", "net1"),
                        new WhereaboutsAllocation("x", null, "c3", "default/p3", "net1")),
                "7");
        SourceUsage u = pool.usage(List.of(a, b, other));
        assertEquals(List.of("10.1.0.10-10.1.0.29"), u.ranges());
        assertEquals(List.of("default/a", "prod/b"), u.networks());
        assertEquals(new Fill(BigInteger.valueOf(20), 2), u.fill());
        assertEquals(
                List.of(
                        "whereabouts pool kube-system/10.1.0.0-24: allocated address 10.1.0.200 (offset 200, default/p2) is outside the usable range",
                        "whereabouts pool kube-system/10.1.0.0-24: allocation key \"x\" is not an offset in the range; Whereabouts ignores it"),
                u.warnings());
        SourceUsage orphan = pool.usage(List.of(other));
        assertEquals(new Fill(BigInteger.valueOf(254), 2), orphan.fill());
        assertEquals(
                "whereabouts pool kube-system/10.1.0.0-24: no NetworkAttachmentDefinition uses this range; TOTAL counted "
                        + "from spec.range",
                orphan.warnings().get(0));
        var gatewayInside =
                new WhereaboutsNetwork("default/g", null, "10.1.0.1", List.of(range("10.1.0.0/24", null, null)));
        assertEquals(
                "whereabouts pool kube-system/10.1.0.0-24: gateway 10.1.0.1 lies in the usable range; Whereabouts hands it "
                        + "out unless it is excluded",
                pool.usage(List.of(gatewayInside)).warnings().get(0));
    }

    @Test
    void nodePodCidrLeavesOutNetworkGatewayAndBroadcast() {
        assertEquals(BigInteger.valueOf(253), new NodePodCidr("n", Cidr.parse("10.211.1.0/24"), null).total());
        assertEquals(BigInteger.valueOf(254), new NodePodCidr("n", Cidr.parse("fd00::/120"), null).total());
        assertEquals(
                "10.211.1.1",
                new NodePodCidr("n", Cidr.parse("10.211.1.0/24"), null)
                        .gateway()
                        .toString());
    }
}
