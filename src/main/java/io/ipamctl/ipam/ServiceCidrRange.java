package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.Optional;

/**
 * One CIDR of a ServiceCIDR as the API server's ClusterIP allocator sees it
 * (pkg/registry/core/service/ipallocator/ipallocator.go, cidrallocator.go; pkg/api/servicecidr): usable
 * from network+1 to the IPv4 broadcast-1, or to the last address for IPv6; at most 2^64-1 addresses; an
 * IPv6 prefix shorter than /64 gets no allocator at all.
 */
public record ServiceCidrRange(Cidr cidr) {

    /** The API server refuses an allocator for IPv6 prefixes shorter than this. */
    public static final int SHORTEST_V6_PREFIX = 64;
    /** The allocator's size limit (a uint64 count). */
    public static final BigInteger MAX_SIZE = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    public ServiceCidrRange {
        cidr = new Cidr(cidr.network(), cidr.prefixLength());
    }

    /** Whether the API server makes an allocator for it (IPv6 shorter than /64: no). */
    public boolean hasAllocator() {
        return cidr.family() == IpFamily.V4 || cidr.prefixLength() >= SHORTEST_V6_PREFIX;
    }

    /** The addresses handed out: first..last, or empty (no allocator, or a /31, /32, /128). */
    public Optional<IpRange> usable() {
        boolean v4 = cidr.family() == IpFamily.V4;
        int hostBits = cidr.family().bits() - cidr.prefixLength();
        if (!hasAllocator() || hostBits < (v4 ? 2 : 1)) {
            return Optional.empty();
        }
        return Optional.of(new IpRange(cidr.network().plus(1), v4 ? cidr.last().plus(-1) : cidr.last()));
    }

    /** IPv4 2^h-2, IPv6 2^h-1, at most 2^64-1; 0 without an allocator. */
    public BigInteger size() {
        return usable().map(IpRange::size).orElse(BigInteger.ZERO).min(MAX_SIZE);
    }

    /** The repair loop's "in range" (PrefixContainsIP): inside the prefix, not the network, for IPv4 not the broadcast. */
    public boolean inRange(IpAddress ip) {
        return cidr.contains(ip) && !ip.equals(cidr.network()) && !(ip.isV4() && ip.equals(cidr.last()));
    }

    /** What the allocator makes of an address inside the prefix, before anything is allocated. */
    public AddressState stateOf(IpAddress ip, String pool) {
        AddressState.State state = AddressState.State.FREE;
        String detail = null;
        if (ip.equals(cidr.network())) {
            state = AddressState.State.NETWORK;
            detail = "the network address of " + cidr + ", never handed out";
        } else if (ip.isV4() && ip.equals(cidr.last())) {
            state = AddressState.State.BROADCAST;
            detail = "the broadcast address of " + cidr + ", never handed out";
        } else if (!hasAllocator()) {
            state = AddressState.State.UNUSABLE;
            detail = cidr + " is shorter than /64: the API server gives it no allocator";
        }
        return new AddressState(IpamSource.SERVICE_CIDR, pool, state, null, detail);
    }
}
