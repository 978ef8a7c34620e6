package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address as a number. Parsed by hand, never through InetAddress, so that a
 * host name typed by mistake is rejected instead of being resolved over DNS.
 */
public record IpAddress(IpFamily family, BigInteger value) implements Comparable<IpAddress> {

    /** The upper 96 bits of an IPv4-mapped IPv6 address, ::ffff:0:0/96. */
    private static final BigInteger MAPPED_PREFIX = BigInteger.valueOf(0xffff);

    public IpAddress {
        if (value.signum() < 0 || value.bitLength() > family.bits()) {
            throw new IllegalArgumentException("value out of range for " + family);
        }
    }

    public static IpAddress of(IpFamily family, BigInteger value) {
        return new IpAddress(family, value);
    }

    /** Parses an address; throws {@link IllegalArgumentException} with a user-facing message. */
    public static IpAddress parse(String text) {
        return tryParse(text)
                .orElseThrow(() -> new IllegalArgumentException("\"" + text + "\" is not a valid IP address"));
    }

    /**
     * Whether a text was meant as an address, valid or not: digits and dots with a dot (999.1.1.1,
     * 10.0.0), or anything with a colon. Such a text is never taken for an object name, although a
     * name may be all digits and dots: a colon is no part of a name.
     */
    public static boolean looksLikeOne(String text) {
        return text != null && (text.indexOf(':') >= 0 || text.matches("[0-9.]*\\.[0-9.]*"));
    }

    public static Optional<IpAddress> tryParse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        Long v4 = parseV4(text);
        return v4 == null ? Optional.empty() : Optional.of(new IpAddress(IpFamily.V4, BigInteger.valueOf(v4)));
    }

    /**
     * Dotted quad, four decimal parts 0..255, no leading zeros (as Go's net.ParseIP since 1.17). One pass
     * over the characters, no split: a 100k-allocation `pool usage` parses every entry's address.
     */
    private static Long parseV4(String text) {
        long v = 0;
        int parts = 0;
        int i = 0;
        int n = text.length();
        while (true) {
            int start = i;
            int octet = 0;
            while (i < n && i - start <= 3) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                octet = octet * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || (digits > 1 && text.charAt(start) == '0') || octet > 255) {
                return null;
            }
            v = (v << 8) | octet;
            parts++;
            if (i == n) {
                return parts == 4 ? v : null;
            }
            if (text.charAt(i) != '.' || parts == 4) {
                return null;
            }
            i++;
        }
    }

    private static Optional<IpAddress> parseV6(String text) {
        int dbl = text.indexOf("::");
        if (dbl >= 0 && text.indexOf("::", dbl + 1) >= 0) {
            return Optional.empty();
        }
        String head = dbl >= 0 ? text.substring(0, dbl) : text;
        String tail = dbl >= 0 ? text.substring(dbl + 2) : "";
        int[] headGroups = groups(head, dbl < 0);
        int[] tailGroups = groups(tail, true);
        if (headGroups == null || tailGroups == null) {
            return Optional.empty();
        }
        int total = headGroups.length + tailGroups.length;
        if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
            return Optional.empty();
        }
        int[] all = new int[8];
        System.arraycopy(headGroups, 0, all, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
        BigInteger v = BigInteger.ZERO;
        for (int g : all) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        return Optional.of(new IpAddress(IpFamily.V6, v));
    }

    /** 16-bit groups of one side of "::"; the last group may be an embedded IPv4 address. */
    private static int[] groups(String side, boolean mayEndWithV4) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        int n = parts.length;
        String last = parts[n - 1];
        boolean v4Tail = mayEndWithV4 && last.indexOf('.') >= 0;
        int[] out = new int[v4Tail ? n + 1 : n];
        for (int i = 0; i < (v4Tail ? n - 1 : n); i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int g = 0;
            for (int k = 0; k < p.length(); k++) {
                // ASCII only: Character.digit also takes full-width and other Unicode digits
                char c = p.charAt(k);
                int d = c < 128 ? Character.digit(c, 16) : -1;
                if (d < 0) {
                    return null;
                }
                g = g * 16 + d;
            }
            out[i] = g;
        }
        if (v4Tail) {
            Long v4 = parseV4(last);
            if (v4 == null) {
                return null;
            }
            out[n - 1] = (int) (v4 >>> 16);
            out[n] = (int) (v4 & 0xffff);
        }
        return out;
    }

    public boolean isV4() {
        return family == IpFamily.V4;
    }

    public IpAddress plus(long delta) {
        return new IpAddress(family, value.add(BigInteger.valueOf(delta)));
    }

    /** The all-ones value of this family (255.255.255.255 or ffff:...:ffff). */
    public static BigInteger maxValue(IpFamily family) {
        return BigInteger.ONE.shiftLeft(family.bits()).subtract(BigInteger.ONE);
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = family.compareTo(o.family);
        return c != 0 ? c : value.compareTo(o.value);
    }

    // The record's own equals/hashCode, written out: the generated ones link through ObjectMethods at every
    // start, and `pool usage` hashes every allocated address (duplicates check).
    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && family == other.family && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return 31 * family.hashCode() + value.hashCode();
    }

    /**
     * Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run compressed, and an
     * IPv4-mapped address in mixed notation as section 5 recommends and Go's netip prints it).
     */
    @Override
    public String toString() {
        if (isV4()) {
            return dottedQuad(value.longValue());
        }
        if (value.shiftRight(32).equals(MAPPED_PREFIX)) {
            return "::ffff:" + dottedQuad(value.longValue() & 0xffffffffL);
        }
        int[] g = new int[8];
        BigInteger v = value;
        for (int i = 7; i >= 0; i--) {
            g[i] = v.intValue() & 0xffff;
            v = v.shiftRight(16);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    private static String dottedQuad(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
