package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ServiceCIDRs as the API server's ClusterIP allocator counts them (pkg/registry/core/service/ipallocator,
 * Kubernetes v1.37), with the IPAddresses it keeps, and pool check in its repair loop's words.
 */
class ServiceCidrsTest {

    private static IpAddressObject clusterIp(String ip, String namespace, String service) {
        return new IpAddressObject(ip, IpAddressObject.CLUSTER_IP_ALLOCATOR, "", "services", namespace, service);
    }

    private static ServiceFacts service(String namespace, String name, String... clusterIps) {
        return new ServiceFacts(namespace, name, "ClusterIP", List.of(clusterIps), null, List.of(), null, false);
    }

    private static ServiceCidr cidr(String name, String... cidrs) {
        return new ServiceCidr(name, List.of(cidrs), null, null);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // IPv4: network and broadcast out
                "10.96.0.0/24    | 254",
                "10.96.0.0/16    | 65534",
                "10.96.0.0/12    | 1048574",
                "10.96.0.0/30    | 2",
                "10.96.0.0/31    | 0",
                "10.96.0.4/32    | 0",
                "0.0.0.0/32      | 0",
                "255.255.255.255/32 | 0",
                // IPv6: network out, the last address in; no 65,536 cap; at most 2^64-1
                "fd00:10:96::/124 | 15",
                "fd00:10:96::/127 | 1",
                "fd00:10:96::/128 | 0",
                "fd00:10:96::/112 | 65535",
                "fd00:10:96::/96 | 4294967295",
                "fd00:10:96::/65 | 9223372036854775807",
                "fd00:10:96::/64 | 18446744073709551615",
                // shorter than /64: no allocator at all
                "fd00:10:96::/63 | 0",
                "fd00::/8        | 0",
                "::/0            | 0",
            })
    void sizeCountsAsTheClusterIpAllocator(String cidr, String size) {
        assertEquals(new BigInteger(size), new ServiceCidrRange(Cidr.parse(cidr)).size());
        var row = new ServiceCidrs(List.of(cidr("c", cidr)), List.of(), ServiceIndex.none())
                .usages()
                .get(0);
        assertEquals(new BigInteger(size), row.total());
    }

    @Test
    void aShortIpv6PrefixGetsNoAllocatorAndSaysSo() {
        var row = new ServiceCidrs(
                        List.of(cidr("wide", "10.97.0.0/24", "fd00:97::/48")),
                        List.of(clusterIp("fd00:97::5", "default", "x")),
                        ServiceIndex.none())
                .usages()
                .get(0);
        assertEquals(new Fill(BigInteger.valueOf(254), 0), row.fill(), "an address of the /48 is nobody's allocation");
        assertEquals(
                List.of("ServiceCIDR wide: fd00:97::/48 is shorter than /64: the API server gives it no allocator "
                        + "(\"shortest allowed prefix length for service CIDR is 64\"), so it holds no ClusterIPs"),
                row.warnings());
    }

    @Test
    void rangeIsTheRepairLoopsPrefixContainsIp() {
        ServiceCidrRange v4 = new ServiceCidrRange(Cidr.parse("10.96.0.0/16"));
        assertFalse(v4.inRange(IpAddress.parse("10.96.0.0")));
        assertTrue(v4.inRange(IpAddress.parse("10.96.0.1")));
        assertTrue(v4.inRange(IpAddress.parse("10.96.255.254")));
        assertFalse(v4.inRange(IpAddress.parse("10.96.255.255")));
        ServiceCidrRange v6 = new ServiceCidrRange(Cidr.parse("fd00:10:96::/112"));
        assertFalse(v6.inRange(IpAddress.parse("fd00:10:96::")));
        assertTrue(v6.inRange(IpAddress.parse("fd00:10:96::ffff")));
    }

    /** The test cluster's default ServiceCIDR (dual stack) and its extra IPv6 one, with the seed's ClusterIPs. */
    private static ServiceCidrs seed(ServiceIndex services, IpAddressObject... more) {
        List<IpAddressObject> addresses = new ArrayList<>(List.of(
                clusterIp("10.96.0.1", "default", "kubernetes"),
                clusterIp("10.96.100.20", "ns-ap", "web-dual"),
                clusterIp("fd00:10:96::20", "ns-ap", "web-dual"),
                new IpAddressObject("10.96.0.50", "other-allocator.example.com", "", "services", "default", "x")));
        addresses.addAll(List.of(more));
        return new ServiceCidrs(
                List.of(cidr("extra-v6", "fd00:10:97::/64"), cidr("kubernetes", "10.96.0.0/16", "fd00:10:96::/112")),
                addresses,
                services);
    }

    @Test
    void usedIsTheAllocatorsIpAddressesInsideEachServiceCidr() {
        var p = seed(ServiceIndex.none());
        var rows = p.usages();
        assertEquals(
                new SourceUsage(
                        IpamSource.SERVICE_CIDR,
                        "kubernetes",
                        null,
                        "ServiceCIDR kubernetes",
                        "networking.k8s.io/v1",
                        List.of("10.96.0.0/16", "fd00:10:96::/112"),
                        "10.96.0.0/16,fd00:10:96::/112",
                        null,
                        null,
                        null,
                        new Fill(BigInteger.valueOf(65534 + 65535), 3),
                        null,
                        List.of(),
                        null),
                rows.get(1));
        assertEquals(
                new Fill(new BigInteger("18446744073709551615"), 0), rows.get(0).fill());
        assertEquals(64, rows.get(0).prefixLength());
        assertEquals("servicecidr/kubernetes", rows.get(1).fullName());
        assertEquals(
                List.of(
                        new AddressHolder(
                                "kubernetes",
                                "10.96.0.1",
                                "Allocated",
                                "service/default/kubernetes",
                                "Service",
                                null,
                                null),
                        new AddressHolder(
                                "kubernetes",
                                "10.96.100.20",
                                "Allocated",
                                "service/ns-ap/web-dual",
                                "Service",
                                null,
                                null),
                        new AddressHolder(
                                "kubernetes",
                                "fd00:10:96::20",
                                "Allocated",
                                "service/ns-ap/web-dual",
                                "Service",
                                null,
                                null)),
                p.holders(rows.get(1)));
    }

    @Test
    void overlappingServiceCidrsCountSharedAddressesInBothRowsAndSayWhatTheyHoldTogether() {
        var p = new ServiceCidrs(
                List.of(cidr("a", "10.96.0.0/24"), cidr("b", "10.96.0.128/25"), cidr("c", "10.97.0.0/30")),
                List.of(clusterIp("10.96.0.200", "default", "x"), clusterIp("10.96.0.5", "default", "y")),
                ServiceIndex.none());
        var rows = p.usages();
        assertEquals(
                List.of(
                        new Fill(BigInteger.valueOf(254), 2),
                        new Fill(BigInteger.valueOf(126), 1),
                        new Fill(BigInteger.valueOf(2), 0)),
                rows.stream().map(SourceUsage::fill).toList());
        // the union: 10.96.0.1-10.96.0.254 (254) and 10.97.0.1-2 (2); 10.96.0.200 once
        assertEquals(
                List.of(
                        "ServiceCIDR a shares addresses with ServiceCIDR b at 10.96.0.128-10.96.0.255: they count in both "
                                + "rows; all ServiceCIDRs together hold 256 addresses, 2 in use"),
                rows.get(0).warnings());
        assertEquals(
                List.of(
                        "ServiceCIDR b shares addresses with ServiceCIDR a at 10.96.0.128-10.96.0.255: they count in both "
                                + "rows; all ServiceCIDRs together hold 256 addresses, 2 in use"),
                rows.get(1).warnings());
        assertEquals(List.of(), rows.get(2).warnings());
        assertTrue(p.sharesAddressesOnPurpose(), "overlapping ServiceCIDRs are no overlap problem");
    }

    @Test
    void aServiceCidrThatTakesNoNewAddressesSaysWhy() {
        var row = new ServiceCidrs(
                        List.of(new ServiceCidr("old", List.of("10.98.0.0/24"), "it is being deleted", null)),
                        List.of(),
                        ServiceIndex.none())
                .usages()
                .get(0);
        assertEquals(List.of("ServiceCIDR old takes no new ClusterIPs: it is being deleted"), row.warnings());
    }

    @Test
    void checkSpeaksTheRepairLoopsWords() {
        ServiceIndex services = ServiceIndex.of(List.of(
                service("default", "kubernetes", "10.96.0.1"),
                service("ns-ap", "web-dual", "10.96.100.20", "fd00:10:96::20"),
                service("ns-ap", "unrecorded", "10.96.100.30"),
                service("ns-ap", "outside", "10.99.0.1"),
                service("ns-ap", "bad", "10.96.1"),
                service("ns-ap", "twin-a", "10.96.100.40"),
                service("ns-ap", "twin-b", "10.96.100.40"),
                service("ns-ap", "moved", "10.96.100.51"),
                service("ns-ap", "stolen", "10.96.100.60")));
        var p = seed(
                services,
                clusterIp("10.96.100.40", "ns-ap", "twin-a"),
                clusterIp("10.96.100.50", "ns-ap", "moved"),
                clusterIp("10.96.100.51", "ns-ap", "moved"),
                clusterIp("10.96.200.1", "ns-gone", "deleted"),
                clusterIp("10.96.100.60", "ns-ap", "deleted-too"),
                new IpAddressObject(
                        "10.96.200.2",
                        IpAddressObject.CLUSTER_IP_ALLOCATOR,
                        "gateway.networking.k8s.io",
                        "gateways",
                        "ns-ap",
                        "gw"));
        List<String> found = new ArrayList<>();
        p.problems()
                .forEach(x -> found.add(
                        x.kind() + " | " + x.pool() + " | " + x.ip() + " | " + x.owner() + " | " + x.detail()));
        assertEquals(
                List.of(
                        "unrecorded | kubernetes | 10.96.100.30 | service/ns-ap/unrecorded | ClusterIPNotAllocated: no IPAddress "
                                + "10.96.100.30 for it; the API server's repair loop creates one",
                        "out-of-range | null | 10.99.0.1 | service/ns-ap/outside | ClusterIPOutOfRange: not within any ServiceCIDR; the "
                                + "API server cannot repair it: recreate the Service",
                        "out-of-range | null | 10.96.1 | service/ns-ap/bad | ClusterIPNotValid: \"10.96.1\" is not an IP address",
                        "unrecorded | kubernetes | 10.96.100.60 | service/ns-ap/stolen | ClusterIPNotAllocated: its IPAddress names "
                                + "service/ns-ap/deleted-too; the API server's repair loop recreates it",
                        "duplicate | kubernetes | 10.96.100.40 | service/ns-ap/twin-a, service/ns-ap/twin-b | ClusterIPAlreadyAllocated: "
                                + "2 Services have this ClusterIP; recreate all but one",
                        "leaked | kubernetes | 10.96.100.50 | service/ns-ap/moved | IPAddressWrongReference: the service's ClusterIPs "
                                + "are 10.96.100.51; the API server's repair loop deletes it",
                        "leaked | kubernetes | 10.96.100.60 | service/ns-ap/deleted-too | IPAddressNotAllocated: service "
                                + "ns-ap/deleted-too not found; the API server's repair loop deletes it",
                        "leaked | kubernetes | 10.96.200.1 | service/ns-gone/deleted | IPAddressNotAllocated: service ns-gone/deleted "
                                + "not found; the API server's repair loop deletes it",
                        "leaked | kubernetes | 10.96.200.2 | gateways.gateway.networking.k8s.io/ns-ap/gw | IPAddressNotAllocated: it "
                                + "does not reference a Service; the API server's repair loop deletes it"),
                found);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10.96.0.0       | kubernetes | network   | the network address of 10.96.0.0/16, never handed out",
                "10.96.0.1       | kubernetes | allocated | service/default/kubernetes",
                "10.96.0.2       | kubernetes | free      | ''",
                "10.96.0.50      | kubernetes | allocated | service/default/x",
                "10.96.255.255   | kubernetes | broadcast | the broadcast address of 10.96.0.0/16, never handed out",
                "fd00:10:96::ffff | kubernetes | free     | ''",
                "fd00:10:97::1   | extra-v6   | free      | ''",
            })
    void everyAddressHasAStateInItsServiceCidr(String ip, String pool, String state, String detailOrOwner) {
        List<AddressState> states = seed(ServiceIndex.none()).addressStates(IpAddress.parse(ip));
        assertEquals(1, states.size(), states.toString());
        AddressState s = states.get(0);
        assertEquals(List.of(pool, state), List.of(s.pool(), s.state().toString()));
        assertEquals(detailOrOwner, s.holder() != null ? s.holder().owner() : s.detail() == null ? "" : s.detail());
        assertEquals(
                List.of(),
                seed(ServiceIndex.none()).addressStates(IpAddress.parse("10.97.0.1")),
                "outside every ServiceCIDR");
    }

    @Test
    void anAddressOfAPrefixWithoutAllocatorIsUnusable() {
        var p = new ServiceCidrs(List.of(cidr("wide", "fd00:97::/48")), List.of(), ServiceIndex.none());
        AddressState s = p.addressStates(IpAddress.parse("fd00:97::1")).get(0);
        assertEquals(AddressState.State.UNUSABLE, s.state());
        assertEquals("fd00:97::/48 is shorter than /64: the API server gives it no allocator", s.detail());
    }
}
