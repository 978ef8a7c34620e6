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
     * One range as Antrea's SingleIPAllocator sees it: the addresses it names (whole: a CIDR from its network
     * to its last address), the addresses it spans (null for a /32 or /128 CIDR, which spans none), the
     * addresses it reserves (which count against its total even when outside its span), and its total as
     * Antrea computes it (span size minus reserved entries: negative for a /32).
     */
    private record Slot(
            PoolRangeSpec spec,
            Cidr cidr,
            IpRange whole,
            IpRange span,
            List<Reserved> reserved,
            BigInteger antreaTotal) {

        boolean isReserved(IpAddress ip) {
            return reserved.stream().anyMatch(r -> r.ip().equals(ip));
        }

        boolean allocatable(IpAddress ip) {
            return span != null && span.contains(ip) && !isReserved(ip);
        }

        BigInteger total() {
            return antreaTotal.max(BigInteger.ZERO);
        }
    }

    /** An address a CIDR range's allocator keeps back, and what it is ("the gateway", "the broadcast address"). */
    private record Reserved(IpAddress ip, String role) {}

    private final PoolDefinition pool;
    private final IpAddress gateway;
    private final List<Slot> slots = new ArrayList<>();

    /** @param broadcastReserved whether an IPv4 CIDR range reserves its last address */
    private PoolCapacity(PoolDefinition pool, Predicate<Cidr> broadcastReserved) {
        this.pool = pool;
        this.gateway = IpAddress.tryParse(pool.gateway()).orElse(null);
        for (PoolRangeSpec r : pool.ranges()) {
            IpAddress first;
            BigInteger count;
            Cidr cidr = null;
            IpRange whole;
            List<Reserved> reserved = new ArrayList<>();
            if (r.isCidr()) {
                cidr = Cidr.parse(r.cidr());
                whole = cidr.asRange();
                count = cidr.size().subtract(BigInteger.ONE);
                first = count.signum() > 0 ? cidr.network().plus(1) : null;
                if (gateway != null) {
                    reserved.add(new Reserved(gateway, "the gateway"));
                }
                if (cidr.family() == IpFamily.V4 && broadcastReserved.test(cidr)) {
                    reserved.add(new Reserved(cidr.last(), "the broadcast address"));
                }
            } else {
                first = IpAddress.parse(r.start());
                count = IpAddress.parse(r.end()).value().subtract(first.value()).add(BigInteger.ONE);
                whole = new IpRange(first, IpAddress.parse(r.end()));
            }
            // Antrea caps the allocator first and then takes len(reservedIPs) off: an IPv6 /64 holds 65,535.
            count = count.min(RANGE_CAP);
            IpRange span = count.signum() > 0 ? new IpRange(first, first.plus(count.longValueExact() - 1)) : null;
            slots.add(new Slot(r, cidr, whole, span, reserved, count.subtract(BigInteger.valueOf(reserved.size()))));
        }
    }

    /** An IPPool; requires one that passed {@link PoolValidator}'s parse rules. */
    public static PoolCapacity of(PoolDefinition pool) {
        return new PoolCapacity(pool, cidr -> cidr.prefixLength() == pool.prefixLength());
    }

    /**
     * An ExternalIPPool (pkg/controller/externalippool): no gateway is reserved, the broadcast address of every
     * IPv4 CIDR is. Requires ranges that parse.
     */
    public static PoolCapacity ofExternalIpPool(List<PoolRangeSpec> ranges) {
        return new PoolCapacity(new PoolDefinition("", ranges, null, 0, 0), cidr -> true);
    }

    /** How many addresses the pool can hand out: a range with no room counts 0, never less. */
    public BigInteger total() {
        return slots.stream().map(Slot::total).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /**
     * The total Antrea writes to status.usage.total: the sum of every range's span minus its reserved
     * entries, so a range with fewer addresses than reserved entries (a /32 CIDR) counts -1 (antrea#7149).
     */
    public BigInteger antreaTotal() {
        return slots.stream().map(Slot::antreaTotal).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** The ranges (as written) that Antrea counts below zero, see {@link #antreaTotal()}. */
    public List<String> rangesCountedBelowZero() {
        return slots.stream()
                .filter(s -> s.antreaTotal().signum() < 0)
                .map(s -> s.spec().text())
                .toList();
    }

    /** The ranges (as written) whose allocator is capped at {@link #RANGE_CAP}: Antrea never hands out the rest. */
    public List<String> cappedRanges() {
        return slots.stream()
                .filter(s -> s.span() != null
                        && s.span().size().compareTo(s.whole().size()) < 0
                        && s.span().size().equals(RANGE_CAP))
                .map(s -> s.spec().text())
                .toList();
    }

    /** The address spans of the ranges' allocators (a CIDR's network address excluded, at most 65,536 each). */
    public List<IpRange> spans() {
        return slots.stream().map(Slot::span).filter(s -> s != null).toList();
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
            if (slot.span() == null || BigInteger.valueOf(used).compareTo(slot.total()) >= 0) {
                continue;
            }
            for (IpAddress ip = slot.span().start(); ; ip = ip.plus(1)) {
                if (!slot.isReserved(ip) && !taken.contains(ip)) {
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
            } else if (s.isReserved(ip)
                    && ip.isV4()
                    && s.spec().isCidr()
                    && ip.equals(s.whole().end())) {
                state = AddressState.State.BROADCAST;
                detail = "the broadcast address of " + range + ", reserved";
            } else if (s.isReserved(ip)) {
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

    /** The subnet gateway/prefixLength in network form, e.g. 172.16.19.0/24 (empty when the gateway is invalid). */
    private Optional<Cidr> subnet() {
        return pool.subnet();
    }

    /**
     * Why Antrea would refuse to give this address to a Pod that asks for it in ipam.antrea.io/pod-ips,
     * as one sentence naming what the address is (gateway, network or broadcast address, outside the
     * ranges); empty when it can be handed out.
     */
    public Optional<String> refusal(IpAddress ip) {
        if (isAllocatable(ip)) {
            return Optional.empty();
        }
        String of = " of IP pool " + pool.name();
        Optional<Cidr> subnet = subnet().filter(s -> s.family() == ip.family());
        if (ip.equals(gateway)) {
            return Optional.of("IP " + ip + " is the gateway" + of
                    + subnet.map(s -> " (subnet " + s + ")").orElse(""));
        }
        if (subnet.isPresent() && ip.equals(subnet.get().network())) {
            return Optional.of("IP " + ip + " is the network address of the subnet " + subnet.get() + of
                    + "; it is never given to a Pod");
        }
        if (subnet.isPresent() && ip.isV4() && ip.equals(subnet.get().last())) {
            return Optional.of("IP " + ip + " is the broadcast address of the subnet " + subnet.get() + of
                    + "; it is never given to a Pod");
        }
        for (Slot s : slots) {
            if (s.cidr() != null && ip.equals(s.cidr().network())) {
                return Optional.of("IP " + ip + " is the network address of range "
                        + s.spec().text() + of + ", which Antrea never hands out");
            }
        }
        if (!covers(ip)) {
            return Optional.of(
                    "IP " + ip + " does not belong to IP pool " + pool.name() + " (ranges " + pool.rangesText() + ")");
        }
        return Optional.of("IP " + ip + " is reserved in IP pool " + pool.name() + " and not available for allocation");
    }

    /**
     * One line per range that gives no address to a new Pod (Antrea's AllocateNext never picks from it),
     * saying why; a warning for whoever creates or reads the pool.
     */
    public List<String> emptyRanges() {
        List<String> out = new ArrayList<>();
        for (Slot s : slots) {
            if (s.antreaTotal().signum() > 0) {
                continue;
            }
            StringBuilder why = new StringBuilder("range " + s.spec().text() + " gives no address to new Pods: ");
            if (s.span() == null) {
                why.append("its only address ")
                        .append(s.cidr().network())
                        .append(" is its network address, which Antrea never hands out");
            } else {
                why.append("Antrea never hands out its network address ")
                        .append(s.cidr().network())
                        .append(" and counts ")
                        .append(reservedText(s))
                        .append(" off the ")
                        .append(s.span().size())
                        .append(s.span().size().equals(BigInteger.ONE) ? " address left" : " addresses left");
            }
            if (s.antreaTotal().signum() < 0) {
                why.append(" (Antrea reports its total as ")
                        .append(s.antreaTotal())
                        .append(", antrea#7149)");
            }
            out.add(why.toString());
        }
        return out;
    }

    private String reservedText(Slot s) {
        List<String> parts = new ArrayList<>();
        for (Reserved r : s.reserved()) {
            String what = r.role() + " " + r.ip();
            parts.add(s.span().contains(r.ip()) ? what : what + " (outside the range)");
        }
        return String.join(" and ", parts);
    }
}
