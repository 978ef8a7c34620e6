package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.Optional;

/** An inclusive range of addresses of one family, start &lt;= end. */
public record IpRange(IpAddress start, IpAddress end) {

    public IpRange {
        if (start.family() != end.family()) {
            throw new IllegalArgumentException("range " + start + "-" + end + " mixes IPv4 and IPv6");
        }
        if (start.compareTo(end) > 0) {
            throw new IllegalArgumentException("range start " + start + " is greater than range end " + end);
        }
    }

    public static IpRange single(IpAddress ip) {
        return new IpRange(ip, ip);
    }

    public IpFamily family() {
        return start.family();
    }

    public BigInteger size() {
        return end.value().subtract(start.value()).add(BigInteger.ONE);
    }

    public boolean contains(IpAddress ip) {
        return ip.family() == family() && start.compareTo(ip) <= 0 && ip.compareTo(end) <= 0;
    }

    public boolean contains(IpRange other) {
        return contains(other.start) && contains(other.end);
    }

    public Optional<IpRange> intersection(IpRange other) {
        if (other.family() != family()) {
            return Optional.empty();
        }
        IpAddress s = start.compareTo(other.start) >= 0 ? start : other.start;
        IpAddress e = end.compareTo(other.end) <= 0 ? end : other.end;
        return s.compareTo(e) <= 0 ? Optional.of(new IpRange(s, e)) : Optional.empty();
    }

    public boolean overlaps(IpRange other) {
        return intersection(other).isPresent();
    }

    /** "a-b", or just "a" for a single address. */
    @Override
    public String toString() {
        return start.equals(end) ? start.toString() : start + "-" + end;
    }
}
