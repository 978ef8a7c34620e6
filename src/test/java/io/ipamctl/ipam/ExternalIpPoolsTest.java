package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Antrea ExternalIPPools as Antrea's ExternalIPPool controller counts them (pkg/controller/externalippool,
 * pkg/ipam/ipallocator; the figures of its TestCreateOrUpdateIPAllocator and of running the allocator),
 * their holders, and what pool check finds in them.
 */
class ExternalIpPoolsTest {

    /** The seed's pool: a /28 and a ten-address range. */
    private static ExternalIpPool seedPool(Long used, Long total) {
        return pool("egress-pool", used, total, "172.16.30.0/28", "172.16.30.100-172.16.30.109");
    }

    private static ExternalIpPool pool(String name, Long used, Long total, String... ranges) {
        return new ExternalIpPool(
                name, Arrays.stream(ranges).map(Pools::spec).toList(), null, null, null, used, total, null);
    }

    private static ExternalIpUser egress(String name, String pool, String ip) {
        return new ExternalIpUser(
                ExternalIpUser.Kind.EGRESS, null, name, pool, ip, ip == null ? null : "node-01", false);
    }

    private static ServiceFacts lb(String ns, String name, String pool, String ip, boolean sharing) {
        return new ServiceFacts(
                ns,
                name,
                "LoadBalancer",
                List.of("10.96.100.10"),
                null,
                ip == null ? List.of() : List.of(ip),
                pool,
                sharing);
    }

    private static ExternalIpPools pools(
            List<ExternalIpPool> pools, List<ExternalIpUser> egresses, ServiceFacts... services) {
        return new ExternalIpPools(pools, egresses, ServiceIndex.of(List.of(services)));
    }

    @ParameterizedTest(name = "[{0}] -> {1} (Antrea: {2})")
    @CsvSource(
            delimiter = '|',
            value = {
                // IPv4 cidr: network and broadcast out, no gateway reserved
                "10.0.0.0/24                     | 254   | 254",
                "10.0.0.0/28                     | 14    | 14",
                "10.0.0.0/30                     | 2     | 2",
                "10.0.0.0/16                     | 65534 | 65534",
                // the 65,536 cap comes first, the broadcast (outside the capped window) is still taken off
                "10.0.0.0/15                     | 65535 | 65535",
                "10.0.0.0/8                      | 65535 | 65535",
                "10.0.0.0/31                     | 0     | 0",
                // antrea#7149: a /32 reserves its broadcast out of nothing
                "10.0.0.5/32                     | 0     | -1",
                // IPv6 cidr: only the network address out
                "2001:db8::/124                  | 15    | 15",
                "2001:db8::/127                  | 1     | 1",
                "2001:db8::/128                  | 0     | 0",
                "2001:db8::/112                  | 65535 | 65535",
                "2001:db8::/64                   | 65536 | 65536",
                "2001:db8::/48                   | 65536 | 65536",
                // start-end: every address, nothing reserved, at most 65,536
                "10.0.0.10-10.0.0.10             | 1     | 1",
                "10.0.0.10-10.0.0.19             | 10    | 10",
                "10.0.0.0-10.0.255.255           | 65536 | 65536",
                "10.0.0.0-10.1.0.0               | 65536 | 65536",
                "2001:db8::-2001:db8::ffff:ffff:ffff:ffff | 65536 | 65536",
                // several ranges, mixed families (no subnetInfo): the sum
                "10.0.0.0/28;10.0.0.100-10.0.0.109 | 24  | 24",
                "10.0.0.0/24;2001:db8::/124      | 269   | 269",
                "10.0.0.0/24;10.0.1.0/32         | 254   | 253",
            })
    void totalCountsAsAntreasExternalIpPoolController(String ranges, long total, long antrea) {
        var p = pool("p", null, null, ranges.split(";"));
        assertEquals(
                BigInteger.valueOf(total),
                pools(List.of(p), List.of()).usages().get(0).total());
        assertEquals(
                BigInteger.valueOf(antrea),
                PoolCapacity.ofExternalIpPool(p.ranges()).antreaTotal());
    }

    @Test
    void aSlash32IsShownAsZeroWithAWarningNamingTheAntreaIssue() {
        var row = pools(List.of(pool("tiny", 0L, -1L, "10.0.0.5/32")), List.of())
                .usages()
                .get(0);
        assertEquals(BigInteger.ZERO, row.total());
        assertEquals(
                List.of("ExternalIPPool tiny: range 10.0.0.5/32 holds no address; Antrea counts it as -1 in "
                        + "status.usage.total (antrea#7149), ipamctl as 0"),
                row.warnings(),
                "no mismatch: Antrea's own -1 was reported");
    }

    @Test
    void aRangePastTheCapIsWarnedAbout() {
        var row = pools(List.of(pool("big", null, null, "10.0.0.0/15")), List.of())
                .usages()
                .get(0);
        assertEquals(
                List.of("ExternalIPPool big: range 10.0.0.0/15 is larger than Antrea's 65,536 addresses per range; the "
                        + "addresses past them are never handed out"),
                row.warnings());
    }

    @Test
    void usedIsTheDistinctAddressesOfEgressesAndLoadBalancerServicesInThePool() {
        var p = pools(
                List.of(seedPool(3L, 24L)),
                List.of(
                        egress("egress-web", "egress-pool", "172.16.30.1"),
                                egress("egress-db", "egress-pool", "172.16.30.2"),
                        egress("egress-static", null, "172.16.30.9"), egress("egress-pending", "egress-pool", null)),
                lb("ns-ap", "web-lb", "egress-pool", "172.16.30.3", true),
                lb("ns-ap", "web-lb2", "egress-pool", "172.16.30.3", true),
                lb("ns-ap", "other-lb", null, "172.16.30.4", false),
                new ServiceFacts(
                        "ns-ap", "not-lb", "ClusterIP", List.of("10.96.0.9"), null, List.of(), "egress-pool", false));
        SourceUsage row = p.usages().get(0);
        assertEquals(
                new SourceUsage(
                        IpamSource.EXTERNAL_IP,
                        "egress-pool",
                        null,
                        "ExternalIPPool egress-pool",
                        "crd.antrea.io/v1beta1",
                        List.of("172.16.30.0/28", "172.16.30.100-172.16.30.109"),
                        null,
                        null,
                        null,
                        null,
                        new Fill(BigInteger.valueOf(24), 3),
                        null,
                        List.of(),
                        null),
                row);
        assertEquals("externalippool/egress-pool", row.fullName());
        assertEquals(
                List.of(
                        new AddressHolder(
                                "egress-pool",
                                "172.16.30.1",
                                "Allocated",
                                "egress/egress-web",
                                "Egress",
                                "node-01",
                                null),
                        new AddressHolder(
                                "egress-pool",
                                "172.16.30.2",
                                "Allocated",
                                "egress/egress-db",
                                "Egress",
                                "node-01",
                                null),
                        new AddressHolder(
                                "egress-pool",
                                "172.16.30.3",
                                "Allocated",
                                "service/ns-ap/web-lb",
                                "Service",
                                null,
                                null),
                        new AddressHolder(
                                "egress-pool",
                                "172.16.30.3",
                                "Allocated",
                                "service/ns-ap/web-lb2",
                                "Service",
                                null,
                                null)),
                p.holders(row));
        assertEquals(List.of(), p.problems(), "two Services that both allow sharing hold one address rightly");
    }

    @Test
    void statusUsageIsCrossChecked() {
        var row = pools(List.of(seedPool(5L, 30L)), List.of(egress("e", "egress-pool", "172.16.30.1")))
                .usages()
                .get(0);
        assertEquals(
                List.of(
                        "ExternalIPPool egress-pool: status.usage.total is 30 but Antrea counts 24 for its ranges",
                        "ExternalIPPool egress-pool: status.usage.used is 5 but Egresses and Services hold 1 of its addresses"),
                row.warnings());
    }

    @Test
    void subnetInfoIsShownAsGatewayPrefixAndVlan() {
        var p = new ExternalIpPool(
                "sep", List.of(Pools.spec("10.10.0.10-10.10.0.20")), "10.10.0.1", 24, 10, null, null, null);
        SourceUsage row = pools(List.of(p), List.of()).usages().get(0);
        assertEquals(
                List.of("10.10.0.1/24", "10.10.0.1", "24", "10"),
                List.of(
                        row.subnet(),
                        row.gateway(),
                        row.prefixLength().toString(),
                        row.vlan().toString()));
    }

    @Test
    void checkFindsAddressesOutsideThePoolDoubleHoldersAndMissingPools() {
        var p = pools(
                List.of(seedPool(null, null)),
                List.of(
                        egress("outside", "egress-pool", "172.16.30.50"),
                        egress("broadcast", "egress-pool", "172.16.30.15"),
                        egress("network", "egress-pool", "172.16.30.0"),
                        egress("twice-a", "egress-pool", "172.16.30.5"),
                        egress("gone-pool-ip", "gone", "172.16.31.1"),
                        egress("gone-pool", "gone", null),
                        egress("bad", "egress-pool", "not-an-ip")),
                lb("ns-ap", "twice-b", "egress-pool", "172.16.30.5", true),
                lb("ns-ap", "share-a", "egress-pool", "172.16.30.6", true),
                lb("ns-ap", "share-b", "egress-pool", "172.16.30.6", false));
        List<String> found = new ArrayList<>();
        p.problems()
                .forEach(x -> found.add(
                        x.kind() + " | " + x.pool() + " | " + x.ip() + " | " + x.owner() + " | " + x.detail()));
        assertEquals(
                List.of(
                        "out-of-range | egress-pool | 172.16.30.50 | egress/outside | outside the ranges of ExternalIPPool egress-pool "
                                + "(172.16.30.0/28,172.16.30.100-172.16.30.109)",
                        "out-of-range | egress-pool | 172.16.30.15 | egress/broadcast | the broadcast address of 172.16.30.0/28, reserved "
                                + "(ExternalIPPool egress-pool)",
                        "out-of-range | egress-pool | 172.16.30.0 | egress/network | the network address of 172.16.30.0/28, never handed "
                                + "out (ExternalIPPool egress-pool)",
                        "dangling-reference | gone | 172.16.31.1 | egress/gone-pool-ip | the Egress names ExternalIPPool gone, which "
                                + "does not exist: it still holds 172.16.31.1, which Antrea releases when the pool is deleted",
                        "dangling-reference | gone | null | egress/gone-pool | the Egress names ExternalIPPool gone, which does not "
                                + "exist: it gets no address",
                        "out-of-range | egress-pool | not-an-ip | egress/bad | \"not-an-ip\" is not an IP address",
                        "duplicate | egress-pool | 172.16.30.5 | egress/twice-a, service/ns-ap/twice-b | held by 2 owners; Antrea gives an "
                                + "address of a pool to one Egress or Service only",
                        "duplicate | egress-pool | 172.16.30.6 | service/ns-ap/share-a, service/ns-ap/share-b | held by 2 owners; Services "
                                + "share a LoadBalancer address only when every one of them has "
                                + "service.antrea.io/allow-shared-load-balancer-ip: \"true\""),
                found);
    }

    @Test
    void blocksAreTheWholeRangesForTheOverlapChecks() {
        var blocks = pools(List.of(seedPool(null, null)), List.of()).blocks();
        assertEquals(
                List.of(new PoolBlock(
                        IpamSource.EXTERNAL_IP,
                        "egress-pool",
                        "ExternalIPPool egress-pool",
                        IpRangeSet.union(List.of(
                                Pools.spec("172.16.30.0/28").addresses().orElseThrow(),
                                Pools.spec("172.16.30.100-172.16.30.109")
                                        .addresses()
                                        .orElseThrow())))),
                blocks);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "172.16.30.0   | network   | the network address of 172.16.30.0/28, never handed out",
                "172.16.30.1   | allocated | egress/egress-web",
                "172.16.30.7   | free      | ''",
                "172.16.30.15  | broadcast | the broadcast address of 172.16.30.0/28, reserved",
                "172.16.30.100 | free      | ''",
                "172.16.30.110 | none      | ''",
            })
    void everyAddressHasAStateInThePool(String ip, String state, String detailOrOwner) {
        var p = pools(List.of(seedPool(null, null)), List.of(egress("egress-web", "egress-pool", "172.16.30.1")));
        List<AddressState> states = p.addressStates(IpAddress.parse(ip));
        if (state.equals("none")) {
            assertEquals(List.of(), states);
            return;
        }
        assertEquals(1, states.size());
        AddressState s = states.get(0);
        assertEquals(state, s.state().toString());
        assertEquals(detailOrOwner, s.holder() != null ? s.holder().owner() : s.detail() == null ? "" : s.detail());
    }

    @Test
    void addressesPastTheCapAreUnusable() {
        var p = pools(List.of(pool("big", null, null, "2001:db8::/64")), List.of());
        assertEquals(
                AddressState.State.FREE,
                p.addressStates(IpAddress.parse("2001:db8::1:0")).get(0).state());
        AddressState past = p.addressStates(IpAddress.parse("2001:db8::1:1")).get(0);
        assertEquals(AddressState.State.UNUSABLE, past.state());
        assertEquals("past the 65,536-address cap of range 2001:db8::/64: Antrea never hands it out", past.detail());
    }
}
