package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.0.0.0,            0",
        "0.0.0.1,            1",
        "0.0.1.0,            256",
        "1.2.3.4,            16909060",
        "10.0.0.1,           167772161",
        "127.0.0.1,          2130706433",
        "172.16.19.11,       2886734603",
        "172.16.19.254,      2886734846",
        "192.168.255.255,    3232301055",
        "255.255.255.254,    4294967294",
        "255.255.255.255,    4294967295",
    })
    void parsesIpv4ToItsNumber(String text, long value) {
        IpAddress ip = IpAddress.parse(text);
        assertEquals(IpFamily.V4, ip.family());
        assertEquals(BigInteger.valueOf(value), ip.value());
        assertEquals(text, ip.toString());
    }

    @ParameterizedTest(name = "\"{0}\" refused")
    @ValueSource(
            strings = {
                "256.0.0.0",
                "0.0.0.256",
                "1.2.3.999",
                "1000.1.1.1",
                "01.2.3.4",
                "1.02.3.4",
                "1.2.3.04",
                "1.2.3.00",
                "00.0.0.0",
                "010.0.0.1",
                "1.2.3",
                "1.2.3.4.5",
                "1..3.4",
                ".1.2.3",
                "1.2.3.",
                "...",
                "1.2.3.4.",
                "1.2.3.-4",
                "+1.2.3.4",
                "1.2.3.4 ",
                " 1.2.3.4",
                "1.2.3.4/24",
                "0x1.2.3.4",
                "1.2.3.a",
                "localhost",
                "example.com",
                "www.example.com",
                "host-1",
                "1.2.3.com",
                "ff",
                "1.2.3.\u0664",
                "\uff11.2.3.4",
                "4294967295",
                "2130706433",
            })
    void refusesBadIpv4AndHostNames(String text) {
        assertEquals(Optional.empty(), IpAddress.tryParse(text));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text));
        assertEquals("\"" + text + "\" is not a valid IP address", e.getMessage());
    }

    @Test
    void refusesNullAndEmpty() {
        assertEquals(Optional.empty(), IpAddress.tryParse(null));
        assertEquals(Optional.empty(), IpAddress.tryParse(""));
        assertEquals(
                "\"\" is not a valid IP address",
                assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(""))
                        .getMessage());
    }

    /** Host names are refused by the parser itself: a name that does resolve must still be refused, at once. */
    @Test
    void neverResolvesHostNames() {
        long t0 = System.nanoTime();
        for (String name : new String[] {"localhost", "example.com", "ip6-localhost", "invalid.", "a.b.c.d"}) {
            assertEquals(Optional.empty(), IpAddress.tryParse(name), name);
        }
        // A DNS lookup of an unresolvable name would take far longer than this on a machine without network.
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
    }

    static Stream<Arguments> ipv6Canonical() {
        return Stream.of(
                // input, canonical RFC 5952 text
                Arguments.of("::", "::"),
                Arguments.of("0:0:0:0:0:0:0:0", "::"),
                Arguments.of("::1", "::1"),
                Arguments.of("0:0:0:0:0:0:0:1", "::1"),
                Arguments.of("1::", "1::"),
                Arguments.of("1:0:0:0:0:0:0:0", "1::"),
                Arguments.of("2001:db8::1", "2001:db8::1"),
                Arguments.of("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
                Arguments.of("2001:DB8::1", "2001:db8::1"),
                Arguments.of("2001:Db8:AbCd::FFFF", "2001:db8:abcd::ffff"),
                Arguments.of("FE80::1", "fe80::1"),
                // a single zero group is never shortened to "::" (RFC 5952 4.2.2)
                Arguments.of("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
                Arguments.of("2001:db8::1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
                Arguments.of("1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0"),
                Arguments.of("0:1:2:3:4:5:6:7", "0:1:2:3:4:5:6:7"),
                // the longest run is shortened (RFC 5952 4.2.3)
                Arguments.of("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
                Arguments.of("1:0:0:0:2:0:0:3", "1::2:0:0:3"),
                Arguments.of("0:0:1:0:0:0:0:2", "0:0:1::2"),
                // equal runs: the first one is shortened (RFC 5952 4.2.3)
                Arguments.of("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
                Arguments.of("1:0:0:2:3:0:0:4", "1::2:3:0:0:4"),
                Arguments.of("0:0:1:2:3:4:0:0", "::1:2:3:4:0:0"),
                Arguments.of("1:0:0:1:0:0:1:1", "1::1:0:0:1:1"),
                // leading zeros inside a group are dropped (RFC 5952 4.1)
                Arguments.of("2001:0db8:00a0:000b:0000:0000:0000:0001", "2001:db8:a0:b::1"),
                Arguments.of("0001:0002:0003:0004:0005:0006:0007:0008", "1:2:3:4:5:6:7:8"),
                Arguments.of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
                // "::" may stand for exactly one group when written so
                Arguments.of("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
                Arguments.of("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
                Arguments.of("1:2:3::5:6:7:8", "1:2:3:0:5:6:7:8"),
                // embedded IPv4; IPv4-mapped addresses print in mixed notation (RFC 5952 section 5)
                Arguments.of("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
                Arguments.of("::FFFF:172.16.19.11", "::ffff:172.16.19.11"),
                Arguments.of("0:0:0:0:0:ffff:10.0.0.1", "::ffff:10.0.0.1"),
                Arguments.of("::ffff:0.0.0.0", "::ffff:0.0.0.0"),
                Arguments.of("::ffff:102:304", "::ffff:1.2.3.4"),
                Arguments.of("::1.2.3.4", "::102:304"),
                Arguments.of("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
                Arguments.of("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
                Arguments.of("::ffff:1:1.2.3.4", "::ffff:1:102:304"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("ipv6Canonical")
    void formatsIpv6AsRfc5952(String input, String canonical) {
        IpAddress ip = IpAddress.parse(input);
        assertEquals(IpFamily.V6, ip.family());
        assertEquals(canonical, ip.toString());
        // the canonical text parses back to the same address
        assertEquals(ip, IpAddress.parse(canonical));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "::,                    0",
        "::1,                   1",
        "::ffff,                65535",
        "::1:0,                 65536",
        "::ffff:1.2.3.4,        281470698652420",
        "1::,                   5192296858534827628530496329220096",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 340282366920938463463374607431768211455",
    })
    void parsesIpv6ToItsNumber(String text, BigInteger value) {
        assertEquals(value, IpAddress.parse(text).value());
    }

    @ParameterizedTest(name = "\"{0}\" refused")
    @ValueSource(
            strings = {
                ":",
                ":::",
                "1:::2",
                "::1::",
                "1::2::3",
                "::1::2",
                "1::2:3::",
                "1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7:8::",
                "::1:2:3:4:5:6:7:8",
                "1:2:3:4::5:6:7:8",
                ":1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:",
                ":1::",
                "::1:",
                "1::2:",
                ":1::2",
                "12345::",
                "::00001",
                "g::",
                "::g",
                "1:2:3:4:5:6:7:x",
                "-1::",
                "+1::",
                "::-1",
                "fe80::1%eth0",
                "fe80::1%1",
                "[::1]",
                "::1/128",
                " ::1",
                "::1 ",
                ":: 1",
                "::ffff:1.2.3",
                "::ffff:1.2.3.4.5",
                "::ffff:256.0.0.1",
                "::ffff:01.2.3.4",
                "::ffff:1.2.3.4:1",
                "1.2.3.4::",
                "1.2.3.4::1",
                "::1.2.3.4:ffff",
                "1:2:3:4:5:6:7:1.2.3.4",
                "1:2:3:4:5:6:7:8:1.2.3.4",
                "::1.2.3.4.",
                "::.1.2.3",
                "1:2:3:4:5:6:1.2.3.4::",
                "::\uff11",
                "\uff26\uff25\uff18\uff10::1",
                "::\u0661",
                "::\u00e9",
            })
    void refusesBadIpv6(String text) {
        assertEquals(Optional.empty(), IpAddress.tryParse(text));
        assertEquals(
                "\"" + text + "\" is not a valid IP address",
                assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text))
                        .getMessage());
    }

    @Test
    void mappedAddressIsIpv6NotIpv4() {
        // As netip.ParseAddr in Antrea's webhook: ::ffff:1.2.3.4 is an IPv6 address (Is4() is false).
        IpAddress mapped = IpAddress.parse("::ffff:1.2.3.4");
        assertFalse(mapped.isV4());
        assertEquals(IpFamily.V6, mapped.family());
        assertTrue(IpAddress.parse("1.2.3.4").compareTo(mapped) < 0);
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "0.0.0.0,         0.0.0.1",
        "10.0.0.9,        10.0.0.10",
        "9.255.255.255,   10.0.0.0",
        "255.255.255.255, ::",
        "::,              ::1",
        "::ffff,          ::1:0",
        "2001:db8::ffff,  2001:db8::1:0",
    })
    void ordersByFamilyThenValue(String lower, String higher) {
        IpAddress a = IpAddress.parse(lower);
        IpAddress b = IpAddress.parse(higher);
        assertTrue(a.compareTo(b) < 0);
        assertTrue(b.compareTo(a) > 0);
        assertEquals(0, a.compareTo(IpAddress.parse(lower)));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
        "10.0.0.0,         1,  10.0.0.1",
        "10.0.0.255,       1,  10.0.1.0",
        "10.0.1.0,        -1,  10.0.0.255",
        "255.255.255.254,  1,  255.255.255.255",
        "::,               1,  ::1",
        "::ffff,           1,  ::1:0",
        "2001:db8::,      -1,  2001:db7:ffff:ffff:ffff:ffff:ffff:ffff",
    })
    void plusMovesWithinTheFamily(String from, long delta, String expected) {
        assertEquals(IpAddress.parse(expected), IpAddress.parse(from).plus(delta));
    }

    @ParameterizedTest(name = "{0} + {1} overflows")
    @CsvSource({
        "255.255.255.255, 1",
        "0.0.0.0, -1",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 1",
        "::, -1",
    })
    void plusRefusesToLeaveTheFamily(String from, long delta) {
        IpAddress ip = IpAddress.parse(from);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ip.plus(delta));
        assertEquals("value out of range for " + ip.family(), e.getMessage());
    }

    @Test
    void constructorChecksTheValueRange() {
        assertEquals(
                "value out of range for IPv4",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> IpAddress.of(IpFamily.V4, BigInteger.ONE.shiftLeft(32)))
                        .getMessage());
        assertEquals(
                "value out of range for IPv6",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> IpAddress.of(IpFamily.V6, BigInteger.ONE.shiftLeft(128)))
                        .getMessage());
        assertEquals(
                "value out of range for IPv4",
                assertThrows(IllegalArgumentException.class, () -> IpAddress.of(IpFamily.V4, BigInteger.valueOf(-1)))
                        .getMessage());
        assertEquals(
                "255.255.255.255",
                IpAddress.of(IpFamily.V4, IpAddress.maxValue(IpFamily.V4)).toString());
        assertEquals(
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                IpAddress.of(IpFamily.V6, IpAddress.maxValue(IpFamily.V6)).toString());
        // IPv4 value 1.2.3.4 as an IPv6 address is ::102:304, not the mapped form
        assertEquals(
                "::102:304",
                IpAddress.of(IpFamily.V6, BigInteger.valueOf(16909060)).toString());
    }

    @Test
    void familyFacts() {
        assertEquals(32, IpFamily.V4.bits());
        assertEquals(128, IpFamily.V6.bits());
        assertEquals(4, IpFamily.V4.version());
        assertEquals(6, IpFamily.V6.version());
        assertEquals("IPv4", IpFamily.V4.toString());
        assertEquals("IPv6", IpFamily.V6.toString());
    }

    @Test
    void equalAddressesAreEqualWhateverTheSpelling() {
        assertEquals(IpAddress.parse("2001:db8::1"), IpAddress.parse("2001:0DB8:0:0:0:0:0:0001"));
        assertEquals(
                IpAddress.parse("2001:db8::1").hashCode(),
                IpAddress.parse("2001:0DB8::0001").hashCode());
        assertFalse(IpAddress.parse("::1.2.3.4").equals(IpAddress.parse("1.2.3.4")));
    }

    @Test
    void whatWasMeantAsAnAddressValidOrNot() {
        for (String meant : new String[] {"999.1.1.1", "10.0.0", "10.211.1.14", "fd00::zz", "::1", "1.2"}) {
            org.junit.jupiter.api.Assertions.assertTrue(IpAddress.looksLikeOne(meant), meant);
        }
        for (String name : new String[] {"frontend", "web.v2", "db-01", "1234", "a.1.2.3", "", "default/1.2.3.4"}) {
            org.junit.jupiter.api.Assertions.assertFalse(IpAddress.looksLikeOne(name), name);
        }
    }
}
