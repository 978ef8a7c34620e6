package io.ipamctl.ipam;

import static io.ipamctl.ipam.Pools.pool;
import static io.ipamctl.ipam.Pools.poolAp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolUsageTest {

    private static Allocation pod(String ip) {
        return new Allocation(ip, "Allocated", "ns-ap/web-" + ip, "cid", null, null);
    }

    private static List<Allocation> pods(String... ips) {
        return Arrays.stream(ips).map(PoolUsageTest::pod).toList();
    }

    /** A pool of exactly {@code size} addresses starting at 10.1.0.0, and {@code used} distinct entries in it. */
    private static PoolUsage usage(int size, int used) {
        PoolDefinition def = size == 0
                ? pool("10.0.0.1", 8)
                : pool("10.0.0.1", 8, "10.1.0.0-" + IpAddress.parse("10.1.0.0").plus(size - 1));
        List<Allocation> entries = new ArrayList<>();
        for (int i = 0; i < used; i++) {
            entries.add(pod(IpAddress.parse("10.1.0.0").plus(i).toString()));
        }
        return PoolUsage.of(def, entries, null, null);
    }

    @Test
    void seedPoolAp() {
        PoolUsage u = PoolUsage.of(poolAp(), pods("172.16.19.11", "172.16.19.12", "172.16.19.13"), 3, 40);
        assertEquals(poolAp(), u.pool());
        assertEquals(BigInteger.valueOf(40), u.total());
        assertEquals(3, u.used());
        assertEquals(BigInteger.valueOf(37), u.free());
        assertEquals(7.5, u.percent());
        assertEquals(List.of(), u.warnings());
        assertEquals(false, u.atOrAbove(80));
    }

    @ParameterizedTest(name = "{1}/{0} = {2}% ({3} free)")
    @CsvSource({
        "40,     0,    0.0,   40",
        "40,     3,    7.5,   37",
        "40,     40,   100.0, 0",
        "3,      1,    33.3,  2",
        "3,      2,    66.6,  1",
        "6,      1,    16.6,  5",
        "7,      1,    14.2,  6",
        "8,      1,    12.5,  7",
        "16,     1,    6.2,   15",
        "200,    1,    0.5,   199",
        "2000,   1,    0.0,   1999",
        "2001,   1,    0.0,   2000",
        "10000,  7999, 79.9,  2001",
        "10000,  8000, 80.0,  2000",
        "10000,  7949, 79.4,  2051",
        "10000,  7944, 79.4,  2056",
        "2000,   1999, 99.9 , 1",
        "65536,  1,    0.0,   65535",
        "1,      1,    100.0, 0",
    })
    void percentIsRoundedDownToOneDecimal(int total, int used, double percent, long free) {
        PoolUsage u = usage(total, used);
        assertEquals(BigInteger.valueOf(total), u.total());
        assertEquals(used, u.used());
        assertEquals(percent, u.percent());
        assertEquals(BigInteger.valueOf(free), u.free());
    }

    @ParameterizedTest(name = "{1}/{0} >= {2}%: {3}")
    @CsvSource({
        "100,   80,   80,        true",
        "100,   79,   80,        false",
        "100,   81,   80,        true",
        "10000, 7999, 80,        false",
        "10000, 7999, 79.99,     true",
        "10000, 8000, 80,        true",
        "3,     1,    33.3,      true",
        "3,     1,    33.34,     false",
        "3,     1,    33.333333, true",
        "3,     2,    66.67,     false",
        "3,     2,    66.66,     true",
        "40,    3,    7.5,       true",
        "40,    3,    7.6,       false",
        "40,    0,    0,         true",
        "40,    0,    0.1,       false",
        "40,    40,   100,       true",
        "40,    39,   100,       false",
        "1000,  1,    0.1,       true",
        "2000,  1999, 100,       false",
    })
    void thresholdIsExactNotRounded(int total, int used, double threshold, boolean expected) {
        assertEquals(expected, usage(total, used).atOrAbove(threshold));
    }

    @Test
    void aPoolWithoutRangesIsFullAndSaysWhy() {
        PoolUsage none = PoolUsage.of(pool("10.0.0.1", 24), List.of(), 0, 0);
        assertEquals(BigInteger.ZERO, none.total());
        assertEquals(100.0, none.percent());
        assertEquals(BigInteger.ZERO, none.free());
        assertEquals(true, none.atOrAbove(0));
        assertEquals(true, none.atOrAbove(80));
        assertEquals(true, none.atOrAbove(100));
        assertEquals(List.of("pool pool-test can hand out no address: it has no ranges"), none.warnings());
    }

    @Test
    void aPoolWithNoRoomIsFullForEveryThresholdAndSaysWhy() {
        // a /31 cidr in a /24 holds nothing once the gateway is counted off; an entry in it still counts as used
        PoolUsage full = PoolUsage.of(pool("10.0.0.1", 24, "10.0.0.4/31"), pods("10.0.0.5"), 1, 0);
        assertEquals(BigInteger.ZERO, full.total());
        assertEquals(1, full.used());
        assertEquals(100.0, full.percent());
        assertEquals(BigInteger.ZERO, full.free());
        assertEquals(true, full.atOrAbove(100));
        assertEquals(
                List.of(
                        "pool pool-test can hand out no address: range 10.0.0.4/31 gives no address to new Pods: Antrea "
                                + "never hands out its network address 10.0.0.4 and counts the gateway 10.0.0.1 (outside the range) off "
                                + "the 1 address left"),
                full.warnings());
        PoolUsage unused = PoolUsage.of(pool("10.40.0.1", 31, "10.40.0.0/31"), List.of(), null, null);
        assertEquals(100.0, unused.percent());
        assertEquals(true, unused.atOrAbove(0.1));
        assertEquals(true, unused.atOrAbove(100));
    }

    @ParameterizedTest(name = "{0} gw {1}/{2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // a whole-subnet /31: its one address after the network is the gateway and the broadcast at once
                "10.40.0.0/31 | 10.40.0.1   | 31 | -1 | 0 | pool pool-test can hand out no address: range 10.40.0.0/31 gives no address to new Pods: Antrea never hands out its network address 10.40.0.0 and counts the gateway 10.40.0.1 and the broadcast address 10.40.0.1 off the 1 address left (Antrea reports its total as -1, antrea#7149)",
                // a /32: no address beside its network address; Antrea still counts the gateway off it
                "10.40.0.9/32 | 10.40.0.1   | 24 | -1 | 0 | pool pool-test can hand out no address: range 10.40.0.9/32 gives no address to new Pods: its only address 10.40.0.9 is its network address, which Antrea never hands out (Antrea reports its total as -1, antrea#7149)",
                "2001:db8::9/128 | 2001:db8::1 | 64 | -1 | 0 | pool pool-test can hand out no address: range 2001:db8::9/128 gives no address to new Pods: its only address 2001:db8::9 is its network address, which Antrea never hands out (Antrea reports its total as -1, antrea#7149)",
                // a range that holds only the gateway
                "10.40.0.0/31 | 10.40.0.1   | 24 | 0  | 0 | pool pool-test can hand out no address: range 10.40.0.0/31 gives no address to new Pods: Antrea never hands out its network address 10.40.0.0 and counts the gateway 10.40.0.1 off the 1 address left",
                // one empty range beside a usable one: the pool works, the range is named
                "10.40.0.0/24;10.40.1.9/32 | 10.40.0.1 | 16 | 253 | 254 | pool pool-test: range 10.40.1.9/32 gives no address to new Pods: its only address 10.40.1.9 is its network address, which Antrea never hands out (Antrea reports its total as -1, antrea#7149)",
            })
    void poolsAndRangesWithoutRoomAreNamedWithTheReason(
            String ranges, String gateway, int prefixLength, int antreaTotal, int total, String expected) {
        PoolDefinition def = Pools.poolOf(gateway, prefixLength, ranges);
        PoolCapacity capacity = PoolCapacity.of(def);
        assertEquals(
                BigInteger.valueOf(antreaTotal), capacity.antreaTotal(), "what Antrea writes to status.usage.total");
        assertEquals(BigInteger.valueOf(total), capacity.total(), "the true figure");
        assertEquals(List.of(expected), PoolUsage.of(def, List.of(), null, null).warnings());
    }

    @Test
    void antreasNegativeTotalIsExplainedNotJustReportedAsAMismatch() {
        PoolDefinition def = Pools.poolOf("10.40.0.1", 24, "10.40.0.9/32");
        assertEquals(
                List.of(
                        "pool pool-test can hand out no address: range 10.40.0.9/32 gives no address to new Pods: its "
                                + "only address 10.40.0.9 is its network address, which Antrea never hands out (Antrea reports its "
                                + "total as -1, antrea#7149)",
                        "pool pool-test: status.usage.total is -1 but the ranges hold 0 (Antrea counts a range with no room as a "
                                + "negative number, antrea#7149)"),
                PoolUsage.of(def, List.of(), 0, -1).warnings());
    }

    @Test
    void moreEntriesThanAddresses() {
        PoolUsage u = PoolUsage.of(
                pool("10.0.0.1", 24, "10.0.0.10-10.0.0.11"), pods("10.0.0.10", "10.0.0.11", "10.0.0.12"), 3, 2);
        assertEquals(3, u.used());
        assertEquals(BigInteger.ZERO, u.free());
        assertEquals(150.0, u.percent());
        assertEquals(List.of("pool pool-test: allocated address 10.0.0.12 is outside the pool's ranges"), u.warnings());
    }

    @ParameterizedTest(name = "reported used={0} total={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "3    | 40   | ''",
                "     |      | ''",
                "3    |      | ''",
                "     | 40   | ''",
                "2    | 40   | pool pool-ap: status.usage.used is 2 but status lists 3 addresses",
                "0    | 40   | pool pool-ap: status.usage.used is 0 but status lists 3 addresses",
                "3    | 41   | pool pool-ap: status.usage.total is 41 but the ranges hold 40",
                "3    | 0    | pool pool-ap: status.usage.total is 0 but the ranges hold 40",
                "4    | 39   | pool pool-ap: status.usage.total is 39 but the ranges hold 40 ## pool pool-ap: status.usage.used is 4 but status lists 3 addresses",
            })
    void reportedUsageIsCrossChecked(Integer reportedUsed, Integer reportedTotal, String expected) {
        PoolUsage u = PoolUsage.of(
                poolAp(), pods("172.16.19.11", "172.16.19.12", "172.16.19.13"), reportedUsed, reportedTotal);
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ## ")), u.warnings());
        assertEquals(3, u.used());
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "172.16.19.11;172.16.19.50 | ''",
                "172.16.19.51              | pool pool-ap: allocated address 172.16.19.51 is outside the pool's ranges",
                "172.16.19.10              | pool pool-ap: allocated address 172.16.19.10 is outside the pool's ranges",
                "172.16.19.254             | pool pool-ap: allocated address 172.16.19.254 is outside the pool's ranges",
                "172.16.20.11              | pool pool-ap: allocated address 172.16.20.11 is outside the pool's ranges",
                "::ffff:172.16.19.11       | pool pool-ap: allocated address ::ffff:172.16.19.11 is outside the pool's ranges",
                "bogus                     | pool pool-ap: allocated address bogus is outside the pool's ranges",
                "172.16.19.011             | pool pool-ap: allocated address 172.16.19.011 is outside the pool's ranges",
                "172.16.19.11;172.16.19.11 | pool pool-ap: address 172.16.19.11 is listed more than once",
                "172.16.19.11;172.16.19.12;172.16.19.11;172.16.19.11 | pool pool-ap: address 172.16.19.11 is listed more than once ## pool pool-ap: address 172.16.19.11 is listed more than once",
                "172.16.19.60;172.16.19.60 | pool pool-ap: allocated address 172.16.19.60 is outside the pool's ranges ## pool pool-ap: allocated address 172.16.19.60 is outside the pool's ranges",
                "172.16.19.99;172.16.19.12;172.16.19.12 | pool pool-ap: allocated address 172.16.19.99 is outside the pool's ranges ## pool pool-ap: address 172.16.19.12 is listed more than once",
            })
    void entriesAreCheckedInStatusOrder(String ips, String expected) {
        List<Allocation> entries = pods(ips.split(";"));
        PoolUsage u = PoolUsage.of(poolAp(), entries, entries.size(), 40);
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ## ")), u.warnings());
        assertEquals(entries.size(), u.used());
    }

    @ParameterizedTest(name = "[{0}] in {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // the network address of a cidr is never in the pool
                "10.2.0.0        | 10.2.0.0/24   | pool pool-test: allocated address 10.2.0.0 is outside the pool's ranges",
                "10.2.0.2        | 10.2.0.0/24   | ''",
                // addresses past the 65,536 an allocator spans are not in the pool for Antrea
                "2001:db8::1:0   | 2001:db8::/64 | ''",
                "2001:db8::1:1   | 2001:db8::/64 | pool pool-test: allocated address 2001:db8::1:1 is outside the pool's ranges",
                // the same IPv6 address written twice differently is a duplicate
                "2001:db8::10;2001:DB8:0::10 | 2001:db8::/64 | pool pool-test: address 2001:DB8:0::10 is listed more than once",
            })
    void cidrEntries(String ips, String cidr, String expected) {
        String gateway = cidr.contains(":") ? "2001:db8::1" : "10.2.0.1";
        int plen = cidr.contains(":") ? 64 : 24;
        PoolUsage u = PoolUsage.of(pool(gateway, plen, cidr), pods(ips.split(";")), null, null);
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ## ")), u.warnings());
    }

    @Test
    void statefulSetReservationsCountAsUsed() {
        List<Allocation> entries = List.of(
                pod("172.16.19.11"),
                new Allocation("172.16.19.12", "Reserved", null, null, "ns-ap/db", 0),
                new Allocation("172.16.19.13", "Reserved", "ns-ap/db-1", "cid", "ns-ap/db", 1));
        PoolUsage u = PoolUsage.of(poolAp(), entries, 3, 40);
        assertEquals(3, u.used());
        assertEquals(7.5, u.percent());
        assertEquals(List.of(), u.warnings());
        assertEquals("ns-ap/db[0]", entries.get(1).ownerText());
        assertEquals("ns-ap/db-1", entries.get(2).ownerText());
        assertEquals(null, new Allocation("172.16.19.14", "Reserved", null, null, null, null).ownerText());
    }

    @Test
    void aCidrWithHostBitsReadFromTheServerIsCountedMaskedAndWarned() {
        PoolUsage u = PoolUsage.of(pool("10.5.0.1", 24, "10.5.0.7/24"), List.of(), null, null);
        assertEquals(BigInteger.valueOf(253), u.total());
        assertEquals(
                List.of("pool pool-test: cidr 10.5.0.7/24 has host bits set: Antrea would use it as 10.5.0.0/24"),
                u.warnings());
    }
}
