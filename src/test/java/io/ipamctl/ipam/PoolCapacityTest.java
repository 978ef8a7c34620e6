package io.ipamctl.ipam;

import static io.ipamctl.ipam.Pools.pool;
import static io.ipamctl.ipam.Pools.poolAp;
import static io.ipamctl.ipam.Pools.poolOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Totals and allocatable addresses as Antrea's pool allocator computes them
 * (pkg/ipam/poolallocator/allocator.go initIPAllocators, pkg/ipam/ipallocator/allocator.go).
 */
class PoolCapacityTest {

    @Test
    void seedPoolHoldsForty() {
        PoolCapacity c = PoolCapacity.of(poolAp());
        assertEquals(BigInteger.valueOf(40), c.total());
        assertEquals(List.of(new IpRange(IpAddress.parse("172.16.19.11"), IpAddress.parse("172.16.19.50"))), c.spans());
    }

    @ParameterizedTest(name = "[{2}] gw {0}/{1} -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                // start-end: every address start..end, nothing reserved
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.50                    | 40",
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.11                    | 1",
                "172.16.19.254 | 24 | 172.16.19.1-172.16.19.254                    | 254",
                "172.16.19.254 | 24 | 172.16.19.0-172.16.19.255                    | 256",
                "10.0.0.1      | 8  | 10.0.0.0-10.0.255.255                        | 65536",
                "10.0.0.1      | 8  | 10.0.0.0-10.1.0.0                            | 65536",
                "10.0.0.1      | 8  | 10.0.0.0-10.255.255.255                      | 65536",
                // cidr: network+1..last, the gateway reserved, and the IPv4 broadcast when the cidr is the subnet
                "10.2.0.1      | 24 | 10.2.0.0/24                                  | 253",
                "10.2.0.1      | 24 | 10.2.0.5/24                                  | 253",
                "10.2.0.1      | 24 | 10.2.0.64/26                                 | 62",
                "10.2.0.1      | 24 | 10.2.0.0/25                                  | 126",
                "10.2.0.1      | 24 | 10.2.0.128/25                                | 126",
                "10.2.0.254    | 24 | 10.2.0.0/24                                  | 253",
                "10.2.0.65     | 26 | 10.2.0.64/26                                 | 61",
                "10.2.0.5      | 30 | 10.2.0.4/30                                  | 1",
                "10.2.0.1      | 24 | 10.2.0.4/30                                  | 2",
                "10.2.0.1      | 24 | 10.2.0.4/31                                  | 0",
                "10.2.0.1      | 16 | 10.2.0.0/16                                  | 65533",
                "10.2.0.1      | 16 | 10.2.0.0/17                                  | 32766",
                // each range's allocator spans at most 65,536 addresses; the reserved ones are taken off that
                "10.0.0.1      | 15 | 10.0.0.0/15                                  | 65534",
                "10.0.0.1      | 8  | 10.0.0.0/8                                   | 65534",
                "10.0.0.1      | 8  | 10.0.0.0/9                                   | 65535",
                "10.0.0.1      | 1  | 0.0.0.0/2                                    | 65535",
                // IPv6: no broadcast
                "2001:db8::1   | 64 | 2001:db8::10-2001:db8::ff                    | 240",
                "2001:db8::1   | 64 | 2001:db8::1-2001:db8::1                      | 1",
                "2001:db8::1   | 64 | 2001:db8::-2001:db8::ffff                    | 65536",
                "2001:db8::1   | 64 | 2001:db8::-2001:db8::1:0                     | 65536",
                "2001:db8::1   | 64 | 2001:db8::-2001:db8::ffff:ffff:ffff:ffff     | 65536",
                "2001:db8::1   | 64 | 2001:db8::/120                               | 254",
                "2001:db8::1   | 120 | 2001:db8::/120                              | 254",
                "2001:db8::1   | 64 | 2001:db8::100/120                            | 254",
                "2001:db8::1   | 64 | 2001:db8::/112                               | 65534",
                "2001:db8::1   | 64 | 2001:db8::/111                               | 65535",
                "2001:db8::1   | 64 | 2001:db8::/64                                | 65535",
                "2001:db8::1   | 48 | 2001:db8::/64                                | 65535",
                "2001:db8::1   | 64 | 2001:db8::4/126                              | 2",
                "2001:db8::1   | 64 | 2001:db8::4/127                              | 0",
                // several ranges: the sum, the gateway reserved once per cidr range
                "10.2.0.1      | 24 | 10.2.0.10-10.2.0.19;10.2.0.64/26             | 72",
                "10.2.0.1      | 24 | 10.2.0.0/25;10.2.0.128/25                    | 252",
                "10.2.0.1      | 24 | 10.2.0.0/26;10.2.0.64/26;10.2.0.128/26;10.2.0.192/26 | 248",
                "10.2.0.1      | 24 | 10.2.0.2-10.2.0.2;10.2.0.4-10.2.0.5;10.2.0.7-10.2.0.9 | 6",
                "10.0.0.1      | 8  | 10.0.0.0/15;10.2.0.0-10.3.0.0;10.4.0.0/24     | 65535+65536+254",
                "2001:db8::1   | 64 | 2001:db8:0:0:1::/80;2001:db8:0:0:2::/80      | 131070",
                "2001:db8::1   | 64 | 2001:db8::10-2001:db8::1f;2001:db8::100/120  | 270",
                // no range at all
                "10.2.0.1      | 24 |                                              | 0",
            })
    void totalCountsLikeAntrea(String gateway, int prefixLength, String ranges, String expected) {
        BigInteger want = BigInteger.ZERO;
        for (String part : expected.split("\\+")) {
            want = want.add(new BigInteger(part));
        }
        assertEquals(
                want,
                PoolCapacity.of(poolOf(gateway, prefixLength, ranges == null ? "" : ranges))
                        .total());
    }

    /**
     * Antrea counts len(reservedIPs) off a cidr range even when that range's allocator cannot hold them,
     * which goes below zero for a /32 (and a /31 that is the whole subnet); ipamctl counts such a range as 0.
     */
    @ParameterizedTest(name = "[{2}] gw {0}/{1} -> 0")
    @CsvSource(
            delimiter = '|',
            value = {
                "10.2.0.1    | 24  | 10.2.0.5/32     | 10.2.0.11-10.2.0.50",
                "10.2.0.4    | 31  | 10.2.0.4/31     | 10.2.1.11-10.2.1.50",
                "2001:db8::1 | 64  | 2001:db8::5/128 | 2001:db8::11-2001:db8::38",
            })
    void rangeWithoutRoomCountsAsZero(String gateway, int prefixLength, String range, String fortyMore) {
        assertEquals(
                BigInteger.ZERO,
                PoolCapacity.of(pool(gateway, prefixLength, range)).total());
        assertEquals(
                BigInteger.valueOf(40),
                PoolCapacity.of(pool(gateway, prefixLength, range, fortyMore)).total());
    }

    @ParameterizedTest(name = "{3} in [{2}] gw {0}/{1}: covered {4}, allocatable {5}")
    @CsvSource(
            delimiter = '|',
            value = {
                // the seed pool: start-end, gateway outside
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.50 | 172.16.19.11  | true  | true",
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.50 | 172.16.19.50  | true  | true",
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.50 | 172.16.19.10  | false | false",
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.50 | 172.16.19.51  | false | false",
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.50 | 172.16.19.254 | false | false",
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.50 | ::ffff:172.16.19.11 | false | false",
                // a start-end range reserves nothing, not even a gateway inside it
                "172.16.19.254 | 24 | 172.16.19.1-172.16.19.254 | 172.16.19.254 | true  | true",
                // cidr = whole subnet: network never handed out, gateway and broadcast reserved
                "10.2.0.1      | 24 | 10.2.0.0/24               | 10.2.0.0      | false | false",
                "10.2.0.1      | 24 | 10.2.0.0/24               | 10.2.0.1      | true  | false",
                "10.2.0.1      | 24 | 10.2.0.0/24               | 10.2.0.2      | true  | true",
                "10.2.0.1      | 24 | 10.2.0.0/24               | 10.2.0.254    | true  | true",
                "10.2.0.1      | 24 | 10.2.0.0/24               | 10.2.0.255    | true  | false",
                "10.2.0.1      | 24 | 10.2.0.0/24               | 10.2.1.0      | false | false",
                // cidr smaller than the subnet: its last address is not a broadcast address
                "10.2.0.1      | 24 | 10.2.0.64/26              | 10.2.0.64     | false | false",
                "10.2.0.1      | 24 | 10.2.0.64/26              | 10.2.0.65     | true  | true",
                "10.2.0.1      | 24 | 10.2.0.64/26              | 10.2.0.127    | true  | true",
                "10.2.0.1      | 24 | 10.2.0.64/26              | 10.2.0.1      | false | false",
                "10.2.0.1      | 24 | 10.2.0.64/26              | 10.2.0.128    | false | false",
                // a /32 cidr leaves its allocator empty; a /31 holds its second address only
                "10.2.0.1      | 24 | 10.2.0.5/32               | 10.2.0.5      | false | false",
                "10.2.0.1      | 24 | 10.2.0.4/31               | 10.2.0.4      | false | false",
                "10.2.0.1      | 24 | 10.2.0.4/31               | 10.2.0.5      | true  | true",
                // the gateway is reserved by the cidr range only: a start-end range of the same pool hands it out
                "10.2.0.1      | 24 | 10.2.0.1-10.2.0.10;10.2.0.128/25 | 10.2.0.1 | true | true",
                "10.2.0.200    | 24 | 10.2.0.1-10.2.0.10;10.2.0.128/25 | 10.2.0.200 | true | false",
                // every allocator spans at most 65,536 addresses from its first one
                "2001:db8::1   | 64 | 2001:db8::/64             | 2001:db8::    | false | false",
                "2001:db8::1   | 64 | 2001:db8::/64             | 2001:db8::1   | true  | false",
                "2001:db8::1   | 64 | 2001:db8::/64             | 2001:db8::2   | true  | true",
                "2001:db8::1   | 64 | 2001:db8::/64             | 2001:db8::1:0 | true  | true",
                "2001:db8::1   | 64 | 2001:db8::/64             | 2001:db8::1:1 | false | false",
                "2001:db8::1   | 64 | 2001:db8::/64             | 2001:db8::ffff:ffff:ffff:ffff | false | false",
                "2001:db8::1   | 64 | 2001:db8::-2001:db8::ffff:ffff | 2001:db8::ffff | true | true",
                "2001:db8::1   | 64 | 2001:db8::-2001:db8::ffff:ffff | 2001:db8::1:0  | false | false",
                "10.0.0.1      | 8  | 10.0.0.0/8                | 10.1.0.0      | true  | true",
                "10.0.0.1      | 8  | 10.0.0.0/8                | 10.1.0.1      | false | false",
                "10.0.0.1      | 8  | 10.0.0.0/8                | 10.255.255.255 | false | false",
                // IPv6 has no broadcast
                "2001:db8::1   | 120 | 2001:db8::/120           | 2001:db8::ff  | true  | true",
            })
    void coversAndAllocatable(
            String gateway, int prefixLength, String ranges, String ip, boolean covered, boolean allocatable) {
        PoolCapacity c = PoolCapacity.of(poolOf(gateway, prefixLength, ranges));
        assertEquals(covered, c.covers(IpAddress.parse(ip)), "covers");
        assertEquals(allocatable, c.isAllocatable(IpAddress.parse(ip)), "isAllocatable");
    }

    @ParameterizedTest(name = "[{2}] gw {0}/{1}: spans {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.50     | 172.16.19.11-172.16.19.50",
                "10.2.0.1      | 24 | 10.2.0.0/24                   | 10.2.0.1-10.2.0.255",
                "10.2.0.1      | 24 | 10.2.0.64/26;10.2.0.10-10.2.0.19 | 10.2.0.65-10.2.0.127;10.2.0.10-10.2.0.19",
                "10.2.0.1      | 24 | 10.2.0.4/31                   | 10.2.0.5",
                "10.2.0.1      | 24 | 10.2.0.5/32                   | ''",
                "2001:db8::1   | 64 | 2001:db8::/64                 | 2001:db8::1-2001:db8::1:0",
                "2001:db8::1   | 64 | 2001:db8::5-2001:db8::ffff:ffff | 2001:db8::5-2001:db8::1:4",
            })
    void spansAreTheAllocatorsAddresses(String gateway, int prefixLength, String ranges, String expected) {
        List<String> spans = PoolCapacity.of(poolOf(gateway, prefixLength, ranges)).spans().stream()
                .map(IpRange::toString)
                .toList();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(";")), spans);
    }

    private static Set<IpAddress> taken(String... texts) {
        return new HashSet<>(Pools.ips(texts));
    }

    private static Set<IpAddress> takenRange(String from, int count) {
        Set<IpAddress> out = new HashSet<>();
        IpAddress ip = IpAddress.parse(from);
        for (int i = 0; i < count; i++) {
            out.add(ip.plus(i));
        }
        return out;
    }

    @ParameterizedTest(name = "[{2}] gw {0}/{1}, taken {3} -> {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.50 | ''                        | 172.16.19.11",
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.50 | 172.16.19.11;172.16.19.12;172.16.19.13 | 172.16.19.14",
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.50 | 172.16.19.12              | 172.16.19.11",
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.50 | 172.16.19.11;172.16.19.13 | 172.16.19.12",
                "10.2.0.1      | 24 | 10.2.0.0/24               | ''                        | 10.2.0.2",
                "10.2.0.2      | 24 | 10.2.0.0/24               | ''                        | 10.2.0.1",
                "10.2.0.1      | 24 | 10.2.0.0/24               | 10.2.0.2                  | 10.2.0.3",
                "10.2.0.1      | 24 | 10.2.0.64/26              | ''                        | 10.2.0.65",
                "2001:db8::1   | 64 | 2001:db8::/64             | ''                        | 2001:db8::2",
                "2001:db8::1   | 64 | 2001:db8::/64             | 2001:db8::2               | 2001:db8::3",
                // ranges are tried in pool order, not address order
                "10.2.0.1      | 24 | 10.2.0.20-10.2.0.21;10.2.0.10-10.2.0.11 | ''          | 10.2.0.20",
                "10.2.0.1      | 24 | 10.2.0.20-10.2.0.21;10.2.0.10-10.2.0.11 | 10.2.0.20;10.2.0.21 | 10.2.0.10",
                "10.2.0.1      | 24 | 10.2.0.128/25;10.2.0.1-10.2.0.3 | 10.2.0.129        | 10.2.0.130",
                // the gateway is free in a start-end range even when a cidr range of the pool reserves it
                "10.2.0.1      | 24 | 10.2.0.1-10.2.0.3;10.2.0.128/25 | ''                | 10.2.0.1",
                // taken addresses of other pools do not matter
                "172.16.19.254 | 24 | 172.16.19.11-172.16.19.50 | 172.16.20.11;10.0.0.1    | 172.16.19.11",
                // the last address of the family
                "255.255.255.1 | 24 | 255.255.255.250-255.255.255.255 | 255.255.255.250;255.255.255.251;255.255.255.252;255.255.255.253;255.255.255.254 | 255.255.255.255",
                "ffff:ffff:ffff:ffff::1 | 64 | ffff:ffff:ffff:ffff::/64 | '' | ffff:ffff:ffff:ffff::2",
                // a /32 cidr has nothing to give
                "10.2.0.1      | 24 | 10.2.0.5/32;10.2.0.7-10.2.0.7 | ''                    | 10.2.0.7",
            })
    void firstFreeFollowsAntreasAllocateNext(
            String gateway, int prefixLength, String ranges, String taken, String expected) {
        Set<IpAddress> t = taken.isEmpty() ? Set.of() : taken(taken.split(";"));
        assertEquals(
                Optional.of(IpAddress.parse(expected)),
                PoolCapacity.of(poolOf(gateway, prefixLength, ranges)).firstFree(t));
    }

    @Test
    void seedPoolExhaustedAfterForty() {
        PoolCapacity c = PoolCapacity.of(poolAp());
        Set<IpAddress> t = takenRange("172.16.19.11", 39);
        assertEquals(Optional.of(IpAddress.parse("172.16.19.50")), c.firstFree(t));
        t.add(IpAddress.parse("172.16.19.50"));
        assertEquals(Optional.empty(), c.firstFree(t));
    }

    @Test
    void wholeSubnetCidrExhaustedWithoutBroadcastOrGateway() {
        PoolCapacity c = PoolCapacity.of(pool("10.2.0.1", 24, "10.2.0.0/24"));
        Set<IpAddress> t = takenRange("10.2.0.2", 252);
        assertEquals(Optional.of(IpAddress.parse("10.2.0.254")), c.firstFree(t));
        t.add(IpAddress.parse("10.2.0.254"));
        assertEquals(Optional.empty(), c.firstFree(t));
    }

    /**
     * Antrea's AllocateNext refuses once a range's allocated count reaches its total, and that total has
     * the gateway taken off even when the gateway lies outside the cidr: 10.2.0.64/26 gives out 62 of its
     * 63 addresses by AllocateNext (10.2.0.127 can still be requested explicitly).
     */
    @Test
    void cidrWithGatewayOutsideIsExhaustedAtItsTotal() {
        PoolCapacity c = PoolCapacity.of(pool("10.2.0.1", 24, "10.2.0.64/26"));
        Set<IpAddress> t = takenRange("10.2.0.65", 61);
        assertEquals(Optional.of(IpAddress.parse("10.2.0.126")), c.firstFree(t));
        t.add(IpAddress.parse("10.2.0.126"));
        assertEquals(Optional.empty(), c.firstFree(t));
        assertEquals(true, c.isAllocatable(IpAddress.parse("10.2.0.127")));
    }

    @Test
    void exhaustedRangeFallsThroughToTheNext() {
        PoolCapacity c = PoolCapacity.of(pool("10.2.0.1", 24, "10.2.0.64/26", "10.2.0.200-10.2.0.201"));
        Set<IpAddress> t = takenRange("10.2.0.66", 62);
        assertEquals(Optional.of(IpAddress.parse("10.2.0.200")), c.firstFree(t));
        t = takenRange("10.2.0.65", 62);
        t.addAll(taken("10.2.0.200", "10.2.0.201"));
        assertEquals(Optional.empty(), c.firstFree(t));
        assertEquals(BigInteger.valueOf(64), c.total());
    }

    @Test
    void bigIpv6RangeIsExhaustedAtTheCap() {
        PoolCapacity c = PoolCapacity.of(pool("2001:db8::1", 64, "2001:db8::-2001:db8::ffff:ffff"));
        Set<IpAddress> t = takenRange("2001:db8::", 65_535);
        assertEquals(Optional.of(IpAddress.parse("2001:db8::ffff")), c.firstFree(t));
        t.add(IpAddress.parse("2001:db8::ffff"));
        assertEquals(Optional.empty(), c.firstFree(t));
    }

    @Test
    void fullRangeAtTheTopOfTheFamily() {
        PoolCapacity c = PoolCapacity.of(pool("255.255.255.1", 24, "255.255.255.254-255.255.255.255"));
        assertEquals(Optional.empty(), c.firstFree(taken("255.255.255.254", "255.255.255.255")));
        PoolCapacity v6 = PoolCapacity.of(
                pool("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff01", 120, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120"));
        assertEquals(BigInteger.valueOf(254), v6.total());
        Set<IpAddress> t = takenRange("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff02", 254);
        assertEquals(Optional.empty(), v6.firstFree(t));
        t.remove(IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertEquals(Optional.of(IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")), v6.firstFree(t));
    }

    @Test
    void rangeCapIsAntreas() {
        assertEquals(BigInteger.valueOf(65_536), PoolCapacity.RANGE_CAP);
    }

    @ParameterizedTest(name = "{3} in {2} gw {0}/{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "172.16.20.254 | 24 | 172.16.20.11-172.16.20.50 | 172.16.20.11  | ''",
                "172.16.20.254 | 24 | 172.16.20.11-172.16.20.50 | 172.16.20.0   | IP 172.16.20.0 is the network address of the subnet 172.16.20.0/24 of IP pool pool-test; it is never given to a Pod",
                "172.16.20.254 | 24 | 172.16.20.11-172.16.20.50 | 172.16.20.255 | IP 172.16.20.255 is the broadcast address of the subnet 172.16.20.0/24 of IP pool pool-test; it is never given to a Pod",
                "172.16.20.254 | 24 | 172.16.20.11-172.16.20.50 | 172.16.20.254 | IP 172.16.20.254 is the gateway of IP pool pool-test (subnet 172.16.20.0/24)",
                "172.16.20.254 | 24 | 172.16.20.11-172.16.20.50 | 172.16.20.51  | IP 172.16.20.51 does not belong to IP pool pool-test (ranges 172.16.20.11-172.16.20.50)",
                "172.16.20.254 | 24 | 172.16.20.11-172.16.20.50 | 172.16.21.0   | IP 172.16.21.0 does not belong to IP pool pool-test (ranges 172.16.20.11-172.16.20.50)",
                "10.2.0.1      | 24 | 10.2.0.0/24               | 10.2.0.0      | IP 10.2.0.0 is the network address of the subnet 10.2.0.0/24 of IP pool pool-test; it is never given to a Pod",
                "10.2.0.1      | 24 | 10.2.0.0/24               | 10.2.0.255    | IP 10.2.0.255 is the broadcast address of the subnet 10.2.0.0/24 of IP pool pool-test; it is never given to a Pod",
                "10.2.0.1      | 24 | 10.2.0.0/24               | 10.2.0.1      | IP 10.2.0.1 is the gateway of IP pool pool-test (subnet 10.2.0.0/24)",
                "10.2.0.1      | 24 | 10.2.0.0/24               | 10.2.0.2      | ''",
                "10.2.0.1      | 24 | 10.2.0.64/26              | 10.2.0.64     | IP 10.2.0.64 is the network address of range 10.2.0.64/26 of IP pool pool-test, which Antrea never hands out",
                "10.2.0.1      | 24 | 10.2.0.64/26              | 10.2.0.127    | ''",
                // a start-end range may begin at the subnet's network address, and then Antrea hands it out
                "10.3.0.254    | 24 | 10.3.0.0-10.3.0.9         | 10.3.0.0      | ''",
                "2001:db8::1   | 64 | 2001:db8::/64             | 2001:db8::    | IP 2001:db8:: is the network address of the subnet 2001:db8::/64 of IP pool pool-test; it is never given to a Pod",
                "2001:db8::1   | 64 | 2001:db8::/64             | 2001:db8::1:1 | IP 2001:db8::1:1 does not belong to IP pool pool-test (ranges 2001:db8::/64)",
                "2001:db8::1   | 64 | 2001:db8::/64             | 10.2.0.0      | IP 10.2.0.0 does not belong to IP pool pool-test (ranges 2001:db8::/64)",
            })
    void refusalSaysWhatTheAddressIs(String gateway, int prefixLength, String ranges, String ip, String expected) {
        assertEquals(
                expected.isEmpty() ? Optional.empty() : Optional.of(expected),
                PoolCapacity.of(poolOf(gateway, prefixLength, ranges)).refusal(IpAddress.parse(ip)));
    }
}
