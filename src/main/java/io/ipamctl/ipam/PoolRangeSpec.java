package io.ipamctl.ipam;

import java.util.Optional;

/** One entry of an IPPool's ipRanges, as written: either a CIDR or a start-end pair. */
public record PoolRangeSpec(String cidr, String start, String end) {

    public static PoolRangeSpec ofCidr(String cidr) {
        return new PoolRangeSpec(cidr, null, null);
    }

    public static PoolRangeSpec ofStartEnd(String start, String end) {
        return new PoolRangeSpec(null, start, end);
    }

    public boolean isCidr() {
        return cidr != null;
    }

    /** The addresses the range names (a CIDR whole, network..last); empty when it does not parse. */
    public Optional<IpRange> addresses() {
        if (isCidr()) {
            return Cidr.tryParse(cidr).map(Cidr::asRange);
        }
        Optional<IpAddress> s = IpAddress.tryParse(start);
        Optional<IpAddress> e = IpAddress.tryParse(end);
        if (s.isPresent()
                && e.isPresent()
                && s.get().family() == e.get().family()
                && s.get().compareTo(e.get()) <= 0) {
            return Optional.of(new IpRange(s.get(), e.get()));
        }
        return Optional.empty();
    }

    /** The text Antrea prints for a range: the CIDR, or start-end. */
    public String text() {
        return isCidr() ? cidr : start + "-" + end;
    }

    @Override
    public String toString() {
        return text();
    }
}
