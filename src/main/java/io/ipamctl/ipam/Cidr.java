package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.Optional;

/** A prefix such as 10.0.0.0/24; the address is kept as written, {@link #network()} masks it. */
public record Cidr(IpAddress address, int prefixLength) {

    public Cidr {
        if (prefixLength < 0 || prefixLength > address.family().bits()) {
            throw new IllegalArgumentException(
                    "prefix length " + prefixLength + " out of range for " + address.family());
        }
    }

    public static Cidr parse(String text) {
        return tryParse(text)
                .orElseThrow(() -> new IllegalArgumentException(
                        "\"" + text + "\" is not a valid CIDR (expected ADDRESS/PREFIX, e.g. 172.16.19.0/24)"));
    }

    public static Optional<Cidr> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.length() - slash > 4) {
            return Optional.empty();
        }
        Optional<IpAddress> ip = IpAddress.tryParse(text.substring(0, slash));
        String p = text.substring(slash + 1);
        if (ip.isEmpty() || !p.chars().allMatch(c -> c >= '0' && c <= '9') || (p.length() > 1 && p.charAt(0) == '0')) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(p);
        if (prefix > ip.get().family().bits()) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(ip.get(), prefix));
    }

    public IpFamily family() {
        return address.family();
    }

    private BigInteger hostMask() {
        return BigInteger.ONE.shiftLeft(family().bits() - prefixLength).subtract(BigInteger.ONE);
    }

    public IpAddress network() {
        return IpAddress.of(family(), address.value().andNot(hostMask()));
    }

    /** The last address of the prefix (the IPv4 broadcast address). */
    public IpAddress last() {
        return IpAddress.of(family(), network().value().or(hostMask()));
    }

    public IpRange asRange() {
        return new IpRange(network(), last());
    }

    public boolean contains(IpAddress ip) {
        return asRange().contains(ip);
    }

    /** Number of addresses in the prefix. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(family().bits() - prefixLength);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
