package io.ipamctl.ipam;

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

    /** The text Antrea prints for a range: the CIDR, or start-end. */
    public String text() {
        return isCidr() ? cidr : start + "-" + end;
    }

    @Override
    public String toString() {
        return text();
    }
}
