package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses of a pool can be handed out, counted exactly as Antrea's pool allocator does:
 * a start-end range is all of start..end; a CIDR range is network+1..last with the gateway reserved,
 * and for IPv4 the broadcast address too when the CIDR is the whole subnet. Each range's allocator
 * spans at most 65,536 addresses from its first one, and its reserved addresses are counted off that.
 */
public final class PoolCapacity {

    /** Antrea caps every range's allocator at this many addresses. */
    public static final BigInteger RANGE_CAP = BigInteger.valueOf(65_536);

    /**
     * One range as Antrea's SingleIPAllocator sees it: the addresses it spans (none for a /32 or /128 CIDR),
     * the addresses it reserves (which count against its total even when outside its span), and its total.
     */
    private record Slot(IpRange span, List<IpAddress> reserved, BigInteger total) {

        boolean allocatable(IpAddress ip) {
            return span.contains(ip) && !reserved.contains(ip);
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private final BigInteger total;

    private PoolCapacity(PoolDefinition pool) {
        IpAddress gateway = IpAddress.tryParse(pool.gateway()).orElse(null);
        BigInteger sum = BigInteger.ZERO;
        for (PoolRangeSpec r : pool.ranges()) {
            IpAddress first;
            BigInteger count;
            List<IpAddress> reserved = new ArrayList<>();
            if (r.isCidr()) {
                Cidr cidr = Cidr.parse(r.cidr());
                count = cidr.size().subtract(BigInteger.ONE);
                first = count.signum() > 0 ? cidr.network().plus(1) : null;
                if (gateway != null) {
                    reserved.add(gateway);
                }
                if (cidr.family() == IpFamily.V4 && cidr.prefixLength() == pool.prefixLength()) {
                    reserved.add(cidr.last());
                }
            } else {
                first = IpAddress.parse(r.start());
                count = IpAddress.parse(r.end()).value().subtract(first.value()).add(BigInteger.ONE);
            }
            // Antrea caps the allocator first and then takes len(reservedIPs) off: an IPv6 /64 holds 65,535.
            count = count.min(RANGE_CAP);
            BigInteger rangeTotal = count.subtract(BigInteger.valueOf(reserved.size()));
            if (count.signum() > 0) {
                slots.add(new Slot(new IpRange(first, first.plus(count.longValueExact() - 1)), reserved, rangeTotal));
            }
            sum = sum.add(rangeTotal.max(BigInteger.ZERO));
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

    /** The address spans of the ranges' allocators (a CIDR's network address excluded, at most 65,536 each). */
    public List<IpRange> spans() {
        return slots.stream().map(Slot::span).toList();
    }

    /** True when Antrea could hand this address out from this pool (reserved only by the range it lies in). */
    public boolean isAllocatable(IpAddress ip) {
        return slots.stream().anyMatch(s -> s.allocatable(ip));
    }

    /**
     * The address Antrea's AllocateNext would hand out next: ranges in pool order, the lowest address of the
     * first range whose allocated count is still below its total.
     */
    public Optional<IpAddress> firstFree(Set<IpAddress> taken) {
        for (Slot slot : slots) {
            long used = taken.stream().filter(slot::allocatable).count();
            if (BigInteger.valueOf(used).compareTo(slot.total()) >= 0) {
                continue;
            }
            for (IpAddress ip = slot.span().start(); ; ip = ip.plus(1)) {
                if (!slot.reserved().contains(ip) && !taken.contains(ip)) {
                    return Optional.of(ip);
                }
                if (ip.equals(slot.span().end())) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    /** True when the address lies in one of the pool's ranges, reserved or not. */
    public boolean covers(IpAddress ip) {
        return slots.stream().anyMatch(s -> s.span().contains(ip));
    }
}
