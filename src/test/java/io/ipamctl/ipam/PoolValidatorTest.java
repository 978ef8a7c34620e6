package io.ipamctl.ipam;

import static io.ipamctl.ipam.Pools.pool;
import static io.ipamctl.ipam.Pools.poolAp;
import static io.ipamctl.ipam.Pools.poolDb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The webhook rules with Antrea's wording and order (pkg/controller/validation/ippool.go at the commit antrea.md
 * cites), then ipamctl's own rules.
 */
class PoolValidatorTest {

    private static final String NAME_RULE = ": must be a DNS-1123 subdomain (lower case letters, digits, '-' and '.', "
            + "starting and ending with a letter or digit, at most 253 characters)";

    private static List<String> validate(String gateway, int prefixLength, String ranges) {
        return PoolValidator.validate(Pools.poolOf(gateway, prefixLength, ranges), List.of());
    }

    private static List<String> lines(String expected) {
        return expected == null || expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" ## "));
    }

    @Test
    void seedPoolsAreValid() {
        assertEquals(List.of(), PoolValidator.validate(poolAp(), List.of()));
        assertEquals(List.of(), PoolValidator.validate(poolAp(), List.of(poolDb())));
        assertEquals(List.of(), PoolValidator.validate(poolDb(), List.of(poolAp(), poolDb())));
    }

    /** One range per row; the expected problems are separated by " ## ". */
    @ParameterizedTest(name = "gw {0}/{1} [{2}] -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                // 1. gateway must parse
                "10.0.0                | 24  | 10.0.0.10-10.0.0.20     | invalid gateway address 10.0.0",
                "localhost             | 24  | 10.0.0.10-10.0.0.20     | invalid gateway address localhost",
                "10.0.0.01             | 24  | 10.0.0.10-10.0.0.20     | invalid gateway address 10.0.0.01",
                "10.0.0.256            | 24  | 10.0.0.10-10.0.0.20     | invalid gateway address 10.0.0.256",
                "10.0.0.1/24           | 24  | 10.0.0.10-10.0.0.20     | invalid gateway address 10.0.0.1/24",
                "2001:db8:::1          | 64  | 2001:db8::10-2001:db8::20 | invalid gateway address 2001:db8:::1",
                "''                    | 24  | 10.0.0.10-10.0.0.20     | 'invalid gateway address '",
                // ... and nothing else is checked once it does not (neither the prefix nor the ranges)
                "bad                   | 99  | 10.0.0.20-10.0.0.10     | invalid gateway address bad",
                // 2. prefixLength 1..31 for IPv4, 1..127 for IPv6
                "10.0.0.1              | 0   | 10.0.0.10-10.0.0.20     | invalid prefixLength 0: must be 1..31 for an IPv4 gateway",
                "10.0.0.1              | 32  | 10.0.0.10-10.0.0.20     | invalid prefixLength 32: must be 1..31 for an IPv4 gateway",
                "10.0.0.1              | 33  | 10.0.0.10-10.0.0.20     | invalid prefixLength 33: must be 1..31 for an IPv4 gateway",
                "10.0.0.1              | -1  | 10.0.0.10-10.0.0.20     | invalid prefixLength -1: must be 1..31 for an IPv4 gateway",
                "10.0.0.1              | 64  | 10.0.0.10-10.0.0.20     | invalid prefixLength 64: must be 1..31 for an IPv4 gateway",
                "2001:db8::1           | 0   | 2001:db8::10-2001:db8::20 | invalid prefixLength 0: must be 1..127 for an IPv6 gateway",
                "2001:db8::1           | 128 | 2001:db8::10-2001:db8::20 | invalid prefixLength 128: must be 1..127 for an IPv6 gateway",
                "2001:db8::1           | 129 | 2001:db8::10-2001:db8::20 | invalid prefixLength 129: must be 1..127 for an IPv6 gateway",
                "::ffff:10.0.0.1       | 32  | ::ffff:10.0.0.10-::ffff:10.0.0.20 | ''",
                "::ffff:10.0.0.1       | 128 | ::ffff:10.0.0.10-::ffff:10.0.0.20 | invalid prefixLength 128: must be 1..127 for an IPv6 gateway",
                "10.0.0.1              | 0   | 10.0.0.20-10.0.0.10     | invalid prefixLength 0: must be 1..31 for an IPv4 gateway",
                "10.0.0.1              | 31  | 10.0.0.0-10.0.0.0       | ''",
                "10.0.0.1              | 1   | 10.0.0.10-10.0.0.20     | ''",
                "2001:db8::1           | 127 | 2001:db8::-2001:db8::   | ''",
                "2001:db8::1           | 1   | 2001:db8::10-2001:db8::20 | ''",
                // 3. cidr must parse
                "10.0.0.1              | 24  | 10.0.0.0/33             | invalid cidr 10.0.0.0/33",
                "10.0.0.1              | 24  | 10.0.0.0/024            | invalid cidr 10.0.0.0/024",
                "10.0.0.1              | 24  | 10.0.0.0/               | invalid cidr 10.0.0.0/",
                "10.0.0.1              | 24  | 10.0.0.300/24           | invalid cidr 10.0.0.300/24",
                "10.0.0.1              | 24  | example.com/24          | invalid cidr example.com/24",
                "2001:db8::1           | 64  | 2001:db8::/129          | invalid cidr 2001:db8::/129",
                // the cidr is masked before it is compared with the subnet
                // (the webhook accepts it; ipamctl refuses host bits, see hostBitsAreRefusedThoughTheWebhookMasksThem)
                "10.0.0.1              | 24  | 10.0.0.5/24             | cidr 10.0.0.5/24 has host bits set: Antrea would use it as 10.0.0.0/24; write 10.0.0.0/24, or a start-end range 10.0.0.5-10.0.0.255 for the addresses from 10.0.0.5",
                "10.0.0.1              | 24  | 10.0.0.77/26            | cidr 10.0.0.77/26 has host bits set: Antrea would use it as 10.0.0.64/26; write 10.0.0.64/26, or a start-end range 10.0.0.77-10.0.0.127 for the addresses from 10.0.0.77",
                "10.0.0.1              | 24  | 10.0.0.0/24             | ''",
                // 4. start and end must parse (start first)
                "10.0.0.1              | 24  | 10.0.0.300-10.0.0.20    | invalid start ip address 10.0.0.300",
                "10.0.0.1              | 24  | 10.0.0.10-10.0.0.300    | invalid end ip address 10.0.0.300",
                "10.0.0.1              | 24  | bad-worse               | invalid start ip address bad",
                "10.0.0.1              | 24  | 10.0.0.010-10.0.0.20    | invalid start ip address 10.0.0.010",
                "10.0.0.1              | 24  | 10.0.0.10-localhost     | invalid end ip address localhost",
                // 5. same family
                "10.0.0.1              | 24  | 10.0.0.10-2001:db8::1   | range start 10.0.0.10 and range end 2001:db8::1 should belong to same family",
                "2001:db8::1           | 64  | 2001:db8::1-10.0.0.10   | range start 2001:db8::1 and range end 10.0.0.10 should belong to same family",
                "10.0.0.1              | 24  | 10.0.0.10-::ffff:10.0.0.20 | range start 10.0.0.10 and range end ::ffff:10.0.0.20 should belong to same family",
                // 6. start <= end, reported with the text as written
                "10.0.0.1              | 24  | 10.0.0.20-10.0.0.10     | range start 10.0.0.20 should not be greater than range end 10.0.0.10",
                "2001:db8::1           | 64  | 2001:DB8::20-2001:db8::10 | range start 2001:DB8::20 should not be greater than range end 2001:db8::10",
                "10.0.0.1              | 24  | 10.0.0.10-10.0.0.10     | ''",
                // 7. the whole range inside the subnet, which is printed as gateway/prefixLength as written
                "10.0.0.1              | 24  | 10.0.1.0/24             | range [10.0.1.0/24] must be a strict subset of the subnet 10.0.0.0/24",
                "10.0.0.1              | 24  | 10.0.0.0/23             | range [10.0.0.0/23] must be a strict subset of the subnet 10.0.0.0/24",
                "10.0.0.1              | 24  | 10.0.0.5/23             | range [10.0.0.5/23] must be a strict subset of the subnet 10.0.0.0/24",
                "10.0.0.1              | 24  | 10.0.0.250-10.0.1.5     | range [10.0.0.250-10.0.1.5] must be a strict subset of the subnet 10.0.0.0/24",
                "10.0.0.1              | 24  | 9.255.255.255-10.0.0.5  | range [9.255.255.255-10.0.0.5] must be a strict subset of the subnet 10.0.0.0/24",
                "172.16.19.254         | 24  | 172.16.20.11-172.16.20.50 | range [172.16.20.11-172.16.20.50] must be a strict subset of the subnet 172.16.19.0/24",
                "10.0.0.1              | 24  | 2001:db8::1-2001:db8::5 | range [2001:db8::1-2001:db8::5] must be a strict subset of the subnet 10.0.0.0/24",
                "2001:db8::1           | 64  | 10.0.0.0/24             | range [10.0.0.0/24] must be a strict subset of the subnet 2001:db8::/64",
                "2001:db8::1           | 64  | 2001:db8:0:1::/64       | range [2001:db8:0:1::/64] must be a strict subset of the subnet 2001:db8::/64",
                "2001:DB8::1           | 64  | 2001:db8:1::1-2001:db8:1::5 | range [2001:db8:1::1-2001:db8:1::5] must be a strict subset of the subnet 2001:db8::/64",
                "2001:db8:0:0::1       | 64  | 2001:db8::/63           | range [2001:db8::/63] must be a strict subset of the subnet 2001:db8::/64",
                "2001:db8::1           | 64  | 2001:db8::/64           | ''",
                "2001:DB8::1           | 64  | 2001:db8::10-2001:db8::ffff | ''",
            })
    void webhookRulesOneRange(String gateway, int prefixLength, String range, String expected) {
        assertEquals(lines(expected), validate(gateway, prefixLength, range));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10.0.0.5/24      | 10.0.0.1    | 24 | cidr 10.0.0.5/24 has host bits set: Antrea would use it as 10.0.0.0/24; write 10.0.0.0/24, or a start-end range 10.0.0.5-10.0.0.255 for the addresses from 10.0.0.5",
                "10.5.0.7/24      | 10.5.0.1    | 24 | cidr 10.5.0.7/24 has host bits set: Antrea would use it as 10.5.0.0/24; write 10.5.0.0/24, or a start-end range 10.5.0.7-10.5.0.255 for the addresses from 10.5.0.7",
                "10.0.0.1/32      | 10.0.0.254  | 24 | ''",
                "10.0.0.128/25    | 10.0.0.1    | 24 | ''",
                "2001:db8::5/64   | 2001:db8::1 | 64 | cidr 2001:db8::5/64 has host bits set: Antrea would use it as 2001:db8::/64; write 2001:db8::/64, or a start-end range 2001:db8::5-2001:db8::ffff:ffff:ffff:ffff for the addresses from 2001:db8::5",
            })
    void hostBitsAreRefusedThoughTheWebhookMasksThem(String cidr, String gateway, int prefixLength, String expected) {
        PoolDefinition pool = Pools.poolOf(gateway, prefixLength, cidr);
        assertEquals(List.of(), PoolValidator.webhookProblems(pool), "Antrea's webhook masks the cidr and accepts it");
        assertEquals(lines(expected), PoolValidator.validate(pool, List.of()));
    }

    /** Several ranges, separated by ';'; expected problems separated by " ## ", the first being Antrea's answer. */
    @ParameterizedTest(name = "gw {0}/{1} [{2}] -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                // 8. overlap with an earlier range of the same pool: "range [later] overlaps with range [earlier]"
                "10.0.0.1 | 24 | 10.0.0.10-10.0.0.20;10.0.0.20-10.0.0.30 | range [10.0.0.20-10.0.0.30] overlaps with range [10.0.0.10-10.0.0.20]",
                "10.0.0.1 | 24 | 10.0.0.20-10.0.0.30;10.0.0.10-10.0.0.20 | range [10.0.0.10-10.0.0.20] overlaps with range [10.0.0.20-10.0.0.30]",
                "10.0.0.1 | 24 | 10.0.0.10-10.0.0.20;10.0.0.10-10.0.0.20 | range [10.0.0.10-10.0.0.20] overlaps with range [10.0.0.10-10.0.0.20]",
                "10.0.0.1 | 24 | 10.0.0.0/26;10.0.0.60-10.0.0.70         | range [10.0.0.60-10.0.0.70] overlaps with range [10.0.0.0/26]",
                "10.0.0.1 | 24 | 10.0.0.60-10.0.0.70;10.0.0.0/26         | range [10.0.0.0/26] overlaps with range [10.0.0.60-10.0.0.70]",
                "10.0.0.1 | 24 | 10.0.0.0/25;10.0.0.5/26                 | range [10.0.0.5/26] overlaps with range [10.0.0.0/25]",
                "10.0.0.1 | 24 | 10.0.0.0/26;10.0.0.0-10.0.0.0           | range [10.0.0.0-10.0.0.0] overlaps with range [10.0.0.0/26]",
                "10.0.0.1 | 24 | 10.0.0.0/26;10.0.0.63-10.0.0.63         | range [10.0.0.63-10.0.0.63] overlaps with range [10.0.0.0/26]",
                "2001:db8::1 | 64 | 2001:db8::/120;2001:db8::ff-2001:db8::1ff | range [2001:db8::ff-2001:db8::1ff] overlaps with range [2001:db8::/120]",
                // adjacent ranges do not overlap
                "10.0.0.1 | 24 | 10.0.0.0/26;10.0.0.64-10.0.0.70         | ''",
                "10.0.0.1 | 24 | 10.0.0.10-10.0.0.20;10.0.0.21-10.0.0.30 | ''",
                "10.0.0.1 | 24 | 10.0.0.0/25;10.0.0.128/25               | ''",
                // a range overlapping two earlier ones: Antrea names the first; ipamctl lists both
                "10.0.0.1 | 24 | 10.0.0.10-10.0.0.20;10.0.0.30-10.0.0.40;10.0.0.15-10.0.0.35 | range [10.0.0.15-10.0.0.35] overlaps with range [10.0.0.10-10.0.0.20] ## range [10.0.0.15-10.0.0.35] overlaps with range [10.0.0.30-10.0.0.40]",
                // a range gets its first problem only; every range is reported, in order
                "10.0.0.1 | 24 | 10.0.0.0/33;10.0.0.20-10.0.0.10;10.0.0.10-10.0.0.20 | invalid cidr 10.0.0.0/33 ## range start 10.0.0.20 should not be greater than range end 10.0.0.10",
                "10.0.0.1 | 24 | 10.0.0.10-10.0.0.20;10.0.1.10-10.0.1.20;10.0.0.15-10.0.0.16 | range [10.0.1.10-10.0.1.20] must be a strict subset of the subnet 10.0.0.0/24 ## range [10.0.0.15-10.0.0.16] overlaps with range [10.0.0.10-10.0.0.20]",
                "10.0.0.1 | 24 | bad-10.0.0.5;10.0.0.5-bad;10.0.0.9-2001:db8::1 | invalid start ip address bad ## invalid end ip address bad ## range start 10.0.0.9 and range end 2001:db8::1 should belong to same family",
                "10.0.0.1 | 24 | 10.0.1.0/24;10.0.1.0/24                 | range [10.0.1.0/24] must be a strict subset of the subnet 10.0.0.0/24 ## range [10.0.1.0/24] must be a strict subset of the subnet 10.0.0.0/24",
                // a range refused earlier is not compared for overlap
                "10.0.0.1 | 24 | 10.0.0.20-10.0.0.10;10.0.0.12-10.0.0.14 | range start 10.0.0.20 should not be greater than range end 10.0.0.10",
                // no range
                "10.0.0.1 | 24 | ''                                      | a pool needs at least one range (a CIDR, or a start and an end address)",
                "bad      | 24 | ''                                      | a pool needs at least one range (a CIDR, or a start and an end address) ## invalid gateway address bad",
            })
    void webhookRulesSeveralRanges(String gateway, int prefixLength, String ranges, String expected) {
        assertEquals(lines(expected), validate(gateway, prefixLength, ranges));
    }

    @ParameterizedTest(name = "name \"{0}\" accepted")
    @ValueSource(
            strings = {
                "pool-ap",
                "a",
                "1",
                "0pool",
                "pool.ap",
                "pool.ap.v1",
                "p-1.q-2",
                "a-b-c",
                "pool--ap",
                "x123456789012345678901234567890123456789012345678901234567890abcd"
            })
    void acceptsDns1123Subdomains(String name) {
        assertEquals(List.of(), PoolValidator.validateName(name));
        assertEquals(
                List.of(),
                PoolValidator.validate(pool(name, "172.16.19.254", 24, 19, "172.16.19.11-172.16.19.50"), List.of()));
    }

    @ParameterizedTest(name = "name \"{0}\" refused")
    @ValueSource(
            strings = {
                "Pool-AP",
                "pool_ap",
                "-pool",
                "pool-",
                ".pool",
                "pool.",
                "pool..ap",
                "pool ap",
                " pool",
                "pool/ap",
                "pool:ap",
                "poolé",
                "POOL",
                "pool-.ap",
                "pool.-ap",
                "*"
            })
    void refusesOtherNames(String name) {
        assertEquals(List.of("invalid pool name \"" + name + "\"" + NAME_RULE), PoolValidator.validateName(name));
    }

    @Test
    void nameLengthLimitIs253() {
        String n253 = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        assertEquals(253, n253.length());
        assertEquals(List.of(), PoolValidator.validateName(n253));
        assertEquals(List.of(), PoolValidator.validateName("a".repeat(253)));
        String n254 = n253 + "e";
        assertEquals(List.of("invalid pool name \"" + n254 + "\"" + NAME_RULE), PoolValidator.validateName(n254));
        assertEquals(
                List.of("invalid pool name \"" + "a".repeat(254) + "\"" + NAME_RULE),
                PoolValidator.validateName("a".repeat(254)));
    }

    @Test
    void nameIsRequired() {
        assertEquals(List.of("a pool name is required"), PoolValidator.validateName(""));
        assertEquals(List.of("a pool name is required"), PoolValidator.validateName(null));
    }

    static Stream<Arguments> namesWithControlCharacters() {
        return Stream.of(
                Arguments.of("pool\nap", "pool\\x0aap"),
                Arguments.of("pool\u001b[31mred", "pool\\x1b[31mred"),
                Arguments.of("pool\tap", "pool\\x09ap"),
                Arguments.of("pool\rap", "pool\\x0dap"),
                Arguments.of("pool\u007f", "pool\\x7f"),
                Arguments.of("pool\u0085", "pool\\x85"),
                Arguments.of("\u0000", "\\x00"));
    }

    @ParameterizedTest(name = "name with control characters shown as {1}")
    @MethodSource("namesWithControlCharacters")
    void controlCharactersInNamesAreEscaped(String name, String shown) {
        assertEquals(List.of("invalid pool name \"" + shown + "\"" + NAME_RULE), PoolValidator.validateName(name));
    }

    @Test
    void gatewayWithControlCharactersIsEscaped() {
        assertEquals(
                List.of("invalid gateway address 10.0.0.1\\x1b[2J"),
                validate("10.0.0.1\u001b[2J", 24, "10.0.0.10-10.0.0.20"));
        assertEquals(List.of("invalid cidr 10.0.0.0/24\\x0a"), validate("10.0.0.1", 24, "10.0.0.0/24\n"));
        assertEquals(
                List.of("invalid start ip address \\x0710.0.0.10"),
                validate("10.0.0.1", 24, "\u000710.0.0.10-10.0.0.20"));
        assertEquals(
                List.of("invalid end ip address 10.0.0.20\\x0d"), validate("10.0.0.1", 24, "10.0.0.10-10.0.0.20\r"));
    }

    @ParameterizedTest(name = "vlan {0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0     | ''",
                "1     | ''",
                "19    | ''",
                "4094  | ''",
                "-1    | invalid vlan -1: a VLAN ID must be 0..4094 (0 = untagged)",
                "4095  | invalid vlan 4095: a VLAN ID must be 0..4094 (0 = untagged)",
                "65535 | invalid vlan 65535: a VLAN ID must be 0..4094 (0 = untagged)",
            })
    void vlanRange(int vlan, String expected) {
        assertEquals(
                lines(expected),
                PoolValidator.validate(
                        pool("pool-ap", "172.16.19.254", 24, vlan, "172.16.19.11-172.16.19.50"), List.of()));
    }

    @Test
    void problemsComeNameFirstThenWebhookThenVlan() {
        PoolDefinition bad = pool("Pool_AP", "172.16.19.254", 32, 4095, "172.16.19.11-172.16.19.50");
        assertEquals(
                List.of(
                        "invalid pool name \"Pool_AP\"" + NAME_RULE,
                        "invalid prefixLength 32: must be 1..31 for an IPv4 gateway",
                        "invalid vlan 4095: a VLAN ID must be 0..4094 (0 = untagged)"),
                PoolValidator.validate(bad, List.of()));
    }

    /** ipamctl adds a hint after Antrea's own text; what Antrea would return stays the start of the line. */
    @Test
    void prefixLengthMessageStartsWithAntreasText() {
        String line = validate("10.0.0.1", 32, "10.0.0.10-10.0.0.20").get(0);
        assertTrue(line.startsWith("invalid prefixLength 32:"), line);
    }

    @ParameterizedTest(name = "gw {0} in [{1}]: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "172.16.19.30  | 172.16.19.11-172.16.19.50 | gateway 172.16.19.30 lies inside range [172.16.19.11-172.16.19.50]: Antrea would hand it out to a Pod; shrink the range or use a CIDR range",
                "172.16.19.11  | 172.16.19.11-172.16.19.50 | gateway 172.16.19.11 lies inside range [172.16.19.11-172.16.19.50]: Antrea would hand it out to a Pod; shrink the range or use a CIDR range",
                "172.16.19.50  | 172.16.19.11-172.16.19.50 | gateway 172.16.19.50 lies inside range [172.16.19.11-172.16.19.50]: Antrea would hand it out to a Pod; shrink the range or use a CIDR range",
                "172.16.19.1   | 172.16.19.1-172.16.19.1   | gateway 172.16.19.1 lies inside range [172.16.19.1-172.16.19.1]: Antrea would hand it out to a Pod; shrink the range or use a CIDR range",
                "2001:DB8::10  | 2001:db8::1-2001:db8::ff  | gateway 2001:db8::10 lies inside range [2001:db8::1-2001:db8::ff]: Antrea would hand it out to a Pod; shrink the range or use a CIDR range",
                "172.16.19.10  | 172.16.19.11-172.16.19.50 | ''",
                "172.16.19.51  | 172.16.19.11-172.16.19.50 | ''",
                "172.16.19.254 | 172.16.19.11-172.16.19.50 | ''",
                // a cidr range reserves the gateway itself
                "172.16.19.1   | 172.16.19.0/24            | ''",
                "172.16.19.1   | 172.16.19.0/25            | ''",
            })
    void gatewayInsideStartEndRange(String gateway, String range, String expected) {
        int plen = gateway.contains(":") ? 64 : 24;
        assertEquals(lines(expected), validate(gateway, plen, range));
    }

    @Test
    void gatewayInsideOneOfSeveralRanges() {
        assertEquals(
                List.of("gateway 10.0.0.1 lies inside range [10.0.0.1-10.0.0.5]: Antrea would hand it out to a Pod; "
                        + "shrink the range or use a CIDR range"),
                validate("10.0.0.1", 24, "10.0.0.128/25;10.0.0.1-10.0.0.5;10.0.0.10-10.0.0.20"));
    }

    @Test
    void ownRulesWaitForTheWebhookRules() {
        // the gateway lies inside the first range, but the second range is refused: only the webhook problem is shown
        assertEquals(
                List.of("range start 10.0.0.30 should not be greater than range end 10.0.0.20"),
                PoolValidator.validate(
                        pool("p", "10.0.0.5", 24, 0, "10.0.0.1-10.0.0.10", "10.0.0.30-10.0.0.20"),
                        List.of(pool("other", "10.0.0.5", 24, 0, "10.0.0.1-10.0.0.10"))));
    }

    @ParameterizedTest(name = "[{0}] vs {1} [{2}] -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "172.16.19.40-172.16.19.60 | pool-ap | 172.16.19.11-172.16.19.50 | pool pool-new overlaps with pool pool-ap at 172.16.19.40-172.16.19.50: pools must not share addresses",
                "172.16.19.1-172.16.19.11  | pool-ap | 172.16.19.11-172.16.19.50 | pool pool-new overlaps with pool pool-ap at 172.16.19.11: pools must not share addresses",
                "172.16.19.50-172.16.19.60 | pool-ap | 172.16.19.11-172.16.19.50 | pool pool-new overlaps with pool pool-ap at 172.16.19.50: pools must not share addresses",
                "172.16.19.20-172.16.19.30 | pool-ap | 172.16.19.11-172.16.19.50 | pool pool-new overlaps with pool pool-ap at 172.16.19.20-172.16.19.30: pools must not share addresses",
                "172.16.19.0/24            | pool-ap | 172.16.19.11-172.16.19.50 | pool pool-new overlaps with pool pool-ap at 172.16.19.11-172.16.19.50: pools must not share addresses",
                "172.16.19.0/27;172.16.19.40-172.16.19.45 | pool-ap | 172.16.19.11-172.16.19.50 | pool pool-new overlaps with pool pool-ap at 172.16.19.11-172.16.19.31, 172.16.19.40-172.16.19.45: pools must not share addresses",
                "172.16.19.100-172.16.19.110 | pool-x | 172.16.19.64/26    | pool pool-new overlaps with pool pool-x at 172.16.19.100-172.16.19.110: pools must not share addresses",
                // a cidr of the other pool counts from its network address to its last one
                "172.16.19.64-172.16.19.64 | pool-x | 172.16.19.64/26      | pool pool-new overlaps with pool pool-x at 172.16.19.64: pools must not share addresses",
                "172.16.19.51-172.16.19.60 | pool-ap | 172.16.19.11-172.16.19.50 | ''",
                "172.16.19.1-172.16.19.10  | pool-ap | 172.16.19.11-172.16.19.50 | ''",
                "172.16.19.128/25          | pool-x | 172.16.19.0/25       | ''",
                // other families never overlap
                "172.16.19.11-172.16.19.50 | pool-v6 | ::ffff:172.16.19.11-::ffff:172.16.19.50 | ''",
                // unparsable ranges of the other pool are skipped
                "172.16.19.11-172.16.19.50 | pool-x | 172.16.19.50-172.16.19.11;bad-worse;10.0.0.0/33 | ''",
            })
    void overlapWithAnotherPool(String ranges, String otherName, String otherRanges, String expected) {
        PoolDefinition mine = pool("pool-new", "172.16.19.254", 24, 0, ranges.split(";"));
        PoolDefinition other = pool(otherName, "172.16.19.254", 24, 0, otherRanges.split(";"));
        assertEquals(lines(expected), PoolValidator.validate(mine, List.of(other)));
        assertEquals(lines(expected).stream().findFirst(), PoolValidator.overlapWith(mine, other));
    }

    @Test
    void overlapWithSeveralPoolsOneLineEach() {
        PoolDefinition mine = pool("pool-new", "172.16.0.1", 16, 0, "172.16.19.40-172.16.20.20");
        assertEquals(
                List.of(
                        "pool pool-new overlaps with pool pool-ap at 172.16.19.40-172.16.19.50: pools must not share addresses",
                        "pool pool-new overlaps with pool pool-db at 172.16.20.11-172.16.20.20: pools must not share addresses"),
                PoolValidator.validate(mine, List.of(poolAp(), poolDb())));
    }

    @Test
    void overlapIsNotCheckedAgainstThePoolItself() {
        PoolDefinition changed = pool("pool-ap", "172.16.19.254", 24, 19, "172.16.19.11-172.16.19.60");
        assertEquals(List.of(), PoolValidator.validate(changed, List.of(poolAp())));
    }

    @Test
    void ipv6OverlapNamesCanonicalAddresses() {
        PoolDefinition mine = pool("pool-new", "2001:db8::1", 64, 0, "2001:DB8::80-2001:db8::180");
        PoolDefinition other = pool("pool-v6", "2001:db8::1", 64, 0, "2001:db8::/120");
        assertEquals(
                Optional.of("pool pool-new overlaps with pool pool-v6 at 2001:db8::80-2001:db8::ff: "
                        + "pools must not share addresses"),
                PoolValidator.overlapWith(mine, other));
    }

    @Test
    void overlapLineEscapesControlCharactersInNames() {
        PoolDefinition mine = pool("new\npool", "172.16.19.254", 24, 0, "172.16.19.40-172.16.19.60");
        PoolDefinition other = pool("evil\u001b[2J", "172.16.19.254", 24, 0, "172.16.19.11-172.16.19.50");
        assertEquals(
                List.of(
                        "invalid pool name \"new\\x0apool\"" + NAME_RULE,
                        "pool new\\x0apool overlaps with pool evil\\x1b[2J at 172.16.19.40-172.16.19.50: pools must not share addresses"),
                PoolValidator.validate(mine, List.of(other)));
    }

    @Test
    void seedScenarioAllRulesTogether() {
        // pool-ap with its gateway moved into the range and a second pool overlapping it
        PoolDefinition mine = pool("pool-ap2", "172.16.19.20", 24, 19, "172.16.19.11-172.16.19.50");
        assertEquals(
                List.of(
                        "gateway 172.16.19.20 lies inside range [172.16.19.11-172.16.19.50]: Antrea would hand it out to a Pod; "
                                + "shrink the range or use a CIDR range",
                        "pool pool-ap2 overlaps with pool pool-ap at 172.16.19.11-172.16.19.50: pools must not share addresses"),
                PoolValidator.validate(mine, List.of(poolAp(), poolDb())));
    }
}
