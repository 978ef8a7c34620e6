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
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "{0}: network {1}, last {2}, size {3}")
    @CsvSource({
        "10.0.0.5/24,        10.0.0.0,        10.0.0.255,      256",
        "10.0.0.0/24,        10.0.0.0,        10.0.0.255,      256",
        "10.0.0.255/24,      10.0.0.0,        10.0.0.255,      256",
        "172.16.19.254/24,   172.16.19.0,     172.16.19.255,   256",
        "10.2.0.64/26,       10.2.0.64,       10.2.0.127,      64",
        "10.2.0.100/26,      10.2.0.64,       10.2.0.127,      64",
        "192.168.1.1/16,     192.168.0.0,     192.168.255.255, 65536",
        "10.0.0.7/31,        10.0.0.6,        10.0.0.7,        2",
        "10.0.0.5/32,        10.0.0.5,        10.0.0.5,        1",
        "255.255.255.255/32, 255.255.255.255, 255.255.255.255, 1",
        "10.1.2.3/8,         10.0.0.0,        10.255.255.255,  16777216",
        "200.1.2.3/1,        128.0.0.0,       255.255.255.255, 2147483648",
        "10.0.0.5/0,         0.0.0.0,         255.255.255.255, 4294967296",
        "0.0.0.0/0,          0.0.0.0,         255.255.255.255, 4294967296",
        "2001:db8::1/64,     2001:db8::,      2001:db8::ffff:ffff:ffff:ffff, 18446744073709551616",
        "2001:db8:1:2:3:4:5:6/120, 2001:db8:1:2:3:4:5:0, 2001:db8:1:2:3:4:5:ff, 256",
        "2001:db8::5/127,    2001:db8::4,     2001:db8::5,     2",
        "2001:db8::5/128,    2001:db8::5,     2001:db8::5,     1",
        "::1/128,            ::1,             ::1,             1",
        "::/0,               ::,              ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 340282366920938463463374607431768211456",
        "ffff::1/1,          8000::,          ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 170141183460469231731687303715884105728",
        "FD00::ABCD/112,     fd00::,          fd00::ffff,      65536",
    })
    void masksToNetworkAndLast(String text, String network, String last, BigInteger size) {
        Cidr c = Cidr.parse(text);
        assertEquals(IpAddress.parse(network), c.network());
        assertEquals(IpAddress.parse(last), c.last());
        assertEquals(size, c.size());
        assertEquals(new IpRange(IpAddress.parse(network), IpAddress.parse(last)), c.asRange());
        assertTrue(c.contains(c.network()));
        assertTrue(c.contains(c.last()));
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
        "10.0.0.5/24,     10.0.0.5/24",
        "0.0.0.0/0,       0.0.0.0/0",
        "2001:DB8::1/64,  2001:db8::1/64",
        "2001:0db8:0:0::/48, 2001:db8::/48",
    })
    void keepsTheAddressAsWrittenButCanonical(String text, String printed) {
        Cidr c = Cidr.parse(text);
        assertEquals(printed, c.toString());
        assertEquals(Integer.parseInt(text.substring(text.indexOf('/') + 1)), c.prefixLength());
    }

    @ParameterizedTest(name = "\"{0}\" refused")
    @ValueSource(
            strings = {
                "10.0.0.0/33",
                "10.0.0.0/64",
                "10.0.0.0/128",
                "2001:db8::/129",
                "2001:db8::/200",
                "10.0.0.0/024",
                "10.0.0.0/00",
                "10.0.0.0/01",
                "2001:db8::/064",
                "10.0.0.0/",
                "/24",
                "/",
                "10.0.0.0",
                "2001:db8::",
                "",
                "10.0.0.0/-1",
                "10.0.0.0/+24",
                "10.0.0.0/ 24",
                "10.0.0.0 /24",
                "10.0.0.0/24 ",
                "10.0.0.0/2a",
                "10.0.0.0/24/24",
                "10.0.0.0//24",
                "10.0.0.0/1000",
                "10.0.0.0/0024",
                "10.0.0.0/\uff12\uff14",
                "10.0.0.0/\u0662\u0664",
                "2001:db8::/\u0666\u0664",
                "256.0.0.0/8",
                "01.0.0.0/8",
                "localhost/8",
                "example.com/24",
                "10.0.0/24",
                "fe80::1%eth0/64",
            })
    void refusesBadCidrs(String text) {
        assertEquals(Optional.empty(), Cidr.tryParse(text));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertEquals(
                "\"" + text + "\" is not a valid CIDR (expected ADDRESS/PREFIX, e.g. 172.16.19.0/24)", e.getMessage());
    }

    @Test
    void refusesNull() {
        assertEquals(Optional.empty(), Cidr.tryParse(null));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.0.0.5/24,  10.0.0.0,     true",
        "10.0.0.5/24,  10.0.0.255,   true",
        "10.0.0.5/24,  10.0.1.0,     false",
        "10.0.0.5/24,  9.255.255.255, false",
        "10.0.0.0/32,  10.0.0.0,     true",
        "10.0.0.0/32,  10.0.0.1,     false",
        "0.0.0.0/0,    255.255.255.255, true",
        "0.0.0.0/0,    ::,           false",
        "::/0,         0.0.0.0,      false",
        "::/0,         ::ffff:1.2.3.4, true",
        "2001:db8::/64, 2001:db8::ffff:ffff:ffff:ffff, true",
        "2001:db8::/64, 2001:db8:0:1::, false",
    })
    void containsOnlyItsOwnFamilyAndSpan(String cidr, String ip, boolean expected) {
        assertEquals(expected, Cidr.parse(cidr).contains(IpAddress.parse(ip)));
    }

    @Test
    void constructorChecksThePrefix() {
        IpAddress v4 = IpAddress.parse("10.0.0.0");
        IpAddress v6 = IpAddress.parse("2001:db8::");
        assertEquals(
                "prefix length 33 out of range for IPv4",
                assertThrows(IllegalArgumentException.class, () -> new Cidr(v4, 33))
                        .getMessage());
        assertEquals(
                "prefix length -1 out of range for IPv4",
                assertThrows(IllegalArgumentException.class, () -> new Cidr(v4, -1))
                        .getMessage());
        assertEquals(
                "prefix length 129 out of range for IPv6",
                assertThrows(IllegalArgumentException.class, () -> new Cidr(v6, 129))
                        .getMessage());
        assertEquals(IpFamily.V6, new Cidr(v6, 128).family());
        assertFalse(new Cidr(v4, 0).contains(v6));
    }
}
