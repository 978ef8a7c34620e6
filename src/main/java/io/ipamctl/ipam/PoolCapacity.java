package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Which addresses of a pool can be handed out, counted exactly as Antrea's pool allocator does:
 * a start-end range is all of start..end; a CIDR range is network+1..last with the gateway reserved,
 * and for IPv4 the broadcast address too when the CIDR is the whole subnet; each range is capped at
 * 65,536 addresses.
 */
public final class PoolCapacity {

    /** Antrea caps every range's allocator at this many addresses. */
    public static final BigInteger RANGE_CAP = BigInteger.valueOf(65_536);

    private final List<IpRange> spans = new ArrayList<>();
    private final List<IpAddress> reserved = new ArrayList<>();
    private final BigInteger total;

    private PoolCapacity(PoolDefinition pool) {
        IpAddress gateway = IpAddress.tryParse(pool.gateway()).orElse(null);
        BigInteger sum = BigInteger.ZERO;
        for (PoolRangeSpec r : pool.ranges()) {
            BigInteger size;
            if (r.isCidr()) {
                Cidr cidr = Cidr.parse(r.cidr());
                IpRange span = new IpRange(cidr.network().plus(1).compareTo(cidr.last()) > 0
                        ? cidr.last() : cidr.network().plus(1), cidr.last());
                size = cidr.size().subtract(BigInteger.ONE);
                spans.add(span);
                if (gateway != null) {
                    size = size.subtract(BigInteger.ONE);
                    reserved.add(gateway);
                }
                if (cidr.family() == IpFamily.V4 && cidr.prefixLength() == pool.prefixLength()) {
                    size = size.subtract(BigInteger.ONE);
                    reserved.add(cidr.last());
                }
            } else {
                IpRange span = new IpRange(IpAddress.parse(r.start()), IpAddress.parse(r.end()));
                spans.add(span);
                size = span.size();
            }
            sum = sum.add(size.max(BigInteger.ZERO).min(RANGE_CAP));
        }
        total = sum;
    }

    /** Requires a pool that passed {@link PoolValidator}'s parse rules. */
    public static PoolCapacity of(PoolDefinition pool) {
        return new PoolCapacity(pool);
    }

    public BigInteger total() {
        return total;
    }

    /** The address spans that ranges cover (a CIDR's network address excluded). */
    public List<IpRange> spans() {
        return List.copyOf(spans);
    }

    /** True when Antrea could hand this address out from this pool. */
    public boolean isAllocatable(IpAddress ip) {
        return spans.stream().anyMatch(s -> s.contains(ip)) && !reserved.contains(ip);
    }

    /** The lowest address Antrea could hand out that is not taken yet (ranges in pool order). */
    public java.util.Optional<IpAddress> firstFree(java.util.Set<IpAddress> taken) {
        for (IpRange span : spans) {
            BigInteger limit = span.size().min(RANGE_CAP);
            IpAddress ip = span.start();
            for (BigInteger i = BigInteger.ZERO; i.compareTo(limit) < 0; i = i.add(BigInteger.ONE)) {
                if (!reserved.contains(ip) && !taken.contains(ip)) {
                    return java.util.Optional.of(ip);
                }
                ip = ip.plus(1);
            }
        }
        return java.util.Optional.empty();
    }

    /** True when the address lies in one of the pool's ranges, reserved or not. */
    public boolean covers(IpAddress ip) {
        return spans.stream().anyMatch(s -> s.contains(ip));
    }
}
