package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which addresses of an Antrea pool can be handed out, counted exactly as Antrea's allocator
 * (pkg/ipam/ipallocator) does for an IPPool ({@link #of}) or an ExternalIPPool ({@link #ofExternalIpPool}):
 * a start-end range is all of start..end; a CIDR range is network+1..last with its reserved addresses
 * taken off (an IPPool: the gateway, and for IPv4 the broadcast address when the CIDR is the whole subnet;
 * an ExternalIPPool: the broadcast address of every IPv4 CIDR). Each range's allocator spans at most
 * 65,536 addresses from its first one, and its reserved addresses are counted off that.
 */
public final class PoolCapacity {

    /** Antrea caps every range's allocator at this many addresses. */
    public static final BigInteger RANGE_CAP = BigInteger.valueOf(65_536);

    /**
     * One range as Antrea's SingleIPAllocator sees it: the addresses it spans (null for a /32 or /128 CIDR),
     * the addresses it reserves (which count against its total even when outside its span), and its total
     * (below zero when it reserves more than it spans, as Antrea counts it).
     *
     * @param whole the addresses the range names (a CIDR from its network to its last address)
     */
    private record Slot(PoolRangeSpec spec, IpRange whole, IpRange span, List<IpAddress> reserved, BigInteger total) {

        boolean allocatable(IpAddress ip) {
            return span != null && span.contains(ip) && !reserved.contains(ip);
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private final BigInteger total;
    private final BigInteger antreaTotal;

    /**
     * @param gateway           reserved in every CIDR range, or null
     * @param broadcastReserved whether an IPv4 CIDR range reserves its last address
     */
    private PoolCapacity(List<PoolRangeSpec> ranges, IpAddress gateway, Predicate<Cidr> broadcastReserved) {
        BigInteger sum = BigInteger.ZERO;
        BigInteger raw = BigInteger.ZERO;
        for (PoolRangeSpec r : ranges) {
            IpAddress first;
            BigInteger count;
            IpRange whole;
            List<IpAddress> reserved = new ArrayList<>();
            if (r.isCidr()) {
                Cidr cidr = Cidr.parse(r.cidr());
                whole = cidr.asRange();
                count = cidr.size().subtract(BigInteger.ONE);
                first = count.signum() > 0 ? cidr.network().plus(1) : null;
                if (gateway != null) {
                    reserved.add(gateway);
                }
                if (cidr.family() == IpFamily.V4 && broadcastReserved.test(cidr)) {
                    reserved.add(cidr.last());
                }
            } else {
                first = IpAddress.parse(r.start());
                whole = new IpRange(first, IpAddress.parse(r.end()));
                count = whole.size();
            }
            // Antrea caps the allocator first and then takes len(reservedIPs) off: an IPv6 /64 holds 65,535.
            count = count.min(RANGE_CAP);
            BigInteger rangeTotal = count.subtract(BigInteger.valueOf(reserved.size()));
            IpRange span = count.signum() > 0 ? new IpRange(first, first.plus(count.longValueExact() - 1)) : null;
            slots.add(new Slot(r, whole, span, reserved, rangeTotal));
            sum = sum.add(rangeTotal.max(BigInteger.ZERO));
            raw = raw.add(rangeTotal);
        }
        total = sum;
        antreaTotal = raw;
    }

    /** An IPPool; requires one that passed {@link PoolValidator}'s parse rules. */
    public static PoolCapacity of(PoolDefinition pool) {
        return new PoolCapacity(pool.ranges(), IpAddress.tryParse(pool.gateway()).orElse(null),
                cidr -> cidr.prefixLength() == pool.prefixLength());
    }

    /**
     * An ExternalIPPool (pkg/controller/externalippool): no gateway is reserved, the broadcast address of every
     * IPv4 CIDR is. Requires ranges that parse.
     */
    public static PoolCapacity ofExternalIpPool(List<PoolRangeSpec> ranges) {
        return new PoolCapacity(ranges, null, cidr -> true);
    }

    /** The addresses that can be handed out: every range's total, a range that reserves more than it spans as 0. */
    public BigInteger total() {
        return total;
    }

    /**
     * The total as Antrea writes it into status.usage.total: the sum of the ranges' totals, where a range that
     * reserves more than it spans counts below zero (an ExternalIPPool's IPv4 /32 counts -1, antrea#7149).
     */
    public BigInteger antreaTotal() {
        return antreaTotal;
    }

    /** The ranges (as written) that Antrea counts below zero, see {@link #antreaTotal()}. */
    public List<String> rangesCountedBelowZero() {
        return slots.stream().filter(s -> s.total().signum() < 0).map(s -> s.spec().text()).toList();
    }

    /** The ranges (as written) whose allocator is capped at {@link #RANGE_CAP}: Antrea never hands out the rest. */
    public List<String> cappedRanges() {
        return slots.stream().filter(s -> s.span() != null && s.span().size().compareTo(s.whole().size()) < 0
                && s.span().size().equals(RANGE_CAP)).map(s -> s.spec().text()).toList();
    }

    /** The address spans of the ranges' allocators (a CIDR's network address excluded, at most 65,536 each). */
    public List<IpRange> spans() {
        return slots.stream().map(Slot::span).filter(java.util.Objects::nonNull).toList();
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
            if (slot.span() == null) {
                continue;
            }
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

    /** True when the address lies in one of the pool's allocators' spans, reserved or not. */
    public boolean covers(IpAddress ip) {
        return slots.stream().anyMatch(s -> s.span() != null && s.span().contains(ip));
    }

    /**
     * What the allocator makes of an address that one of the ranges names (empty when none does), before
     * anything is allocated: FREE, NETWORK, BROADCAST, GATEWAY (reserved by a CIDR range), or UNUSABLE past
     * the 65,536-address cap.
     */
    public Optional<AddressState> stateOf(IpAddress ip, IpamSource source, String pool) {
        for (Slot s : slots) {
            if (!s.whole().contains(ip)) {
                continue;
            }
            String range = s.spec().text();
            AddressState.State state;
            String detail = null;
            if (s.spec().isCidr() && ip.equals(s.whole().start())) {
                state = AddressState.State.NETWORK;
                detail = "the network address of " + range + ", never handed out";
            } else if (s.reserved().contains(ip) && ip.isV4() && s.spec().isCidr() && ip.equals(s.whole().end())) {
                state = AddressState.State.BROADCAST;
                detail = "the broadcast address of " + range + ", reserved";
            } else if (s.reserved().contains(ip)) {
                state = AddressState.State.GATEWAY;
                detail = "the gateway, reserved in " + range;
            } else if (s.span() == null || !s.span().contains(ip)) {
                state = AddressState.State.UNUSABLE;
                detail = "past the 65,536-address cap of range " + range + ": Antrea never hands it out";
            } else {
                state = AddressState.State.FREE;
            }
            return Optional.of(new AddressState(source, pool, state, null, detail));
        }
        return Optional.empty();
    }
}
