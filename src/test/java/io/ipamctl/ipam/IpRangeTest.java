package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpRangeTest {

    private static IpRange range(String start, String end) {
        return new IpRange(IpAddress.parse(start), IpAddress.parse(end));
    }

    private static IpRange range(String text) {
        int dash = text.indexOf('-');
        return dash < 0
                ? IpRange.single(IpAddress.parse(text))
                : range(text.substring(0, dash), text.substring(dash + 1));
    }

    @ParameterizedTest(name = "{0}-{1} holds {2}")
    @CsvSource({
        "172.16.19.11,  172.16.19.50,   40",
        "10.0.0.1,      10.0.0.1,       1",
        "10.0.0.0,      10.0.0.255,     256",
        "10.0.0.255,    10.0.1.0,       2",
        "0.0.0.0,       255.255.255.255, 4294967296",
        "2001:db8::,    2001:db8::ffff, 65536",
        "2001:db8::1,   2001:db8::1,    1",
        "::,            ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 340282366920938463463374607431768211456",
    })
    void sizeIsInclusive(String start, String end, BigInteger size) {
        assertEquals(size, range(start, end).size());
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "172.16.19.11-172.16.19.50, 172.16.19.11,  true",
        "172.16.19.11-172.16.19.50, 172.16.19.50,  true",
        "172.16.19.11-172.16.19.50, 172.16.19.30,  true",
        "172.16.19.11-172.16.19.50, 172.16.19.10,  false",
        "172.16.19.11-172.16.19.50, 172.16.19.51,  false",
        "172.16.19.11-172.16.19.50, 172.16.19.254, false",
        "10.0.0.1,                  10.0.0.1,      true",
        "10.0.0.1,                  10.0.0.2,      false",
        "0.0.0.0-255.255.255.255,   ::,            false",
        "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 0.0.0.0, false",
        "::-::ffff:ffff:ffff,       ::ffff:1.2.3.4, true",
        "::-::ffff:ffff:ffff,       1.2.3.4,       false",
        "2001:db8::10-2001:db8::20, 2001:db8::1f,  true",
        "2001:db8::10-2001:db8::20, 2001:db8::21,  false",
    })
    void containsAddress(String range, String ip, boolean expected) {
        assertEquals(expected, range(range).contains(IpAddress.parse(ip)));
    }

    @ParameterizedTest(name = "{0} contains range {1}: {2}")
    @CsvSource({
        "10.0.0.0-10.0.0.255, 10.0.0.0-10.0.0.255, true",
        "10.0.0.0-10.0.0.255, 10.0.0.10-10.0.0.20, true",
        "10.0.0.0-10.0.0.255, 10.0.0.200-10.0.1.0, false",
        "10.0.0.10-10.0.0.20, 10.0.0.0-10.0.0.255, false",
        "10.0.0.0-10.0.0.255, ::1,                 false",
    })
    void containsRange(String outer, String inner, boolean expected) {
        assertEquals(expected, range(outer).contains(range(inner)));
    }

    @ParameterizedTest(name = "{0} ∩ {1} = {2}")
    @CsvSource({
        "10.0.0.10-10.0.0.20, 10.0.0.15-10.0.0.30, 10.0.0.15-10.0.0.20",
        "10.0.0.15-10.0.0.30, 10.0.0.10-10.0.0.20, 10.0.0.15-10.0.0.20",
        "10.0.0.10-10.0.0.20, 10.0.0.20-10.0.0.30, 10.0.0.20",
        "10.0.0.20-10.0.0.30, 10.0.0.10-10.0.0.20, 10.0.0.20",
        "10.0.0.10-10.0.0.20, 10.0.0.12-10.0.0.13, 10.0.0.12-10.0.0.13",
        "10.0.0.12-10.0.0.13, 10.0.0.10-10.0.0.20, 10.0.0.12-10.0.0.13",
        "10.0.0.10-10.0.0.20, 10.0.0.10-10.0.0.20, 10.0.0.10-10.0.0.20",
        "10.0.0.10,           10.0.0.10,           10.0.0.10",
        "2001:db8::1-2001:db8::ff, 2001:db8::f0-2001:db8::1:0, 2001:db8::f0-2001:db8::ff",
    })
    void intersects(String a, String b, String expected) {
        assertEquals(Optional.of(range(expected)), range(a).intersection(range(b)));
        assertEquals(expected, range(a).intersection(range(b)).orElseThrow().toString());
        assertTrue(range(a).overlaps(range(b)));
        assertTrue(range(b).overlaps(range(a)));
    }

    @ParameterizedTest(name = "{0} and {1} are disjoint")
    @CsvSource({
        "10.0.0.10-10.0.0.20, 10.0.0.21-10.0.0.30",
        "10.0.0.21-10.0.0.30, 10.0.0.10-10.0.0.20",
        "10.0.0.10,           10.0.0.11",
        "0.0.0.0-255.255.255.255, ::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "0.0.0.0-0.0.0.255,   ::-::ff",
        "1.2.3.4,             ::ffff:1.2.3.4",
        "2001:db8::1-2001:db8::ff, 2001:db8::100-2001:db8::1ff",
    })
    void disjointRangesHaveNoIntersection(String a, String b) {
        assertEquals(Optional.empty(), range(a).intersection(range(b)));
        assertFalse(range(a).overlaps(range(b)));
        assertFalse(range(b).overlaps(range(a)));
    }

    @ParameterizedTest(name = "{0}-{1} refused: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10.0.0.20   | 10.0.0.10   | range start 10.0.0.20 is greater than range end 10.0.0.10",
                "10.0.1.0    | 10.0.0.255  | range start 10.0.1.0 is greater than range end 10.0.0.255",
                "2001:db8::2 | 2001:db8::1 | range start 2001:db8::2 is greater than range end 2001:db8::1",
                "10.0.0.1    | 2001:db8::1 | range 10.0.0.1-2001:db8::1 mixes IPv4 and IPv6",
                "::1         | 10.0.0.1    | range ::1-10.0.0.1 mixes IPv4 and IPv6",
                "::ffff:1.2.3.4 | 1.2.3.4  | range ::ffff:1.2.3.4-1.2.3.4 mixes IPv4 and IPv6",
            })
    void refusesReversedAndMixedRanges(String start, String end, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> range(start, end));
        assertEquals(message, e.getMessage());
    }

    @Test
    void printsSingleAddressWithoutDash() {
        assertEquals("10.0.0.1", IpRange.single(IpAddress.parse("10.0.0.1")).toString());
        assertEquals("10.0.0.1-10.0.0.2", range("10.0.0.1", "10.0.0.2").toString());
        assertEquals(
                "2001:db8::1-2001:db8::a", range("2001:DB8::1", "2001:db8:0::A").toString());
        assertEquals(IpFamily.V6, range("::1", "::2").family());
        assertEquals(BigInteger.ONE, IpRange.single(IpAddress.parse("::")).size());
    }
}
