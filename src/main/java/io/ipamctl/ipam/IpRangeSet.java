package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Disjoint, sorted ranges of one or more families: unions and cut-outs of address spans, counted exactly. */
public record IpRangeSet(List<IpRange> ranges) {

    public IpRangeSet {
        ranges = List.copyOf(ranges);
    }

    public static IpRangeSet empty() {
        return new IpRangeSet(List.of());
    }

    /** The union of the given ranges (overlapping and adjacent ones merged). */
    public static IpRangeSet union(List<IpRange> parts) {
        List<IpRange> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparing(IpRange::start));
        List<IpRange> out = new ArrayList<>();
        for (IpRange r : sorted) {
            if (!out.isEmpty()) {
                IpRange last = out.get(out.size() - 1);
                if (last.family() == r.family()
                        && r.start().value().compareTo(last.end().value().add(BigInteger.ONE)) <= 0) {
                    out.set(
                            out.size() - 1,
                            new IpRange(last.start(), last.end().compareTo(r.end()) >= 0 ? last.end() : r.end()));
                    continue;
                }
            }
            out.add(r);
        }
        return new IpRangeSet(out);
    }

    public IpRangeSet plus(IpRangeSet other) {
        List<IpRange> all = new ArrayList<>(ranges);
        all.addAll(other.ranges);
        return union(all);
    }

    /** This set without the addresses of cut. */
    public IpRangeSet minus(IpRange cut) {
        List<IpRange> out = new ArrayList<>();
        for (IpRange r : ranges) {
            if (!r.overlaps(cut)) {
                out.add(r);
                continue;
            }
            if (r.start().compareTo(cut.start()) < 0) {
                out.add(new IpRange(r.start(), cut.start().plus(-1)));
            }
            if (r.end().compareTo(cut.end()) > 0) {
                out.add(new IpRange(cut.end().plus(1), r.end()));
            }
        }
        return new IpRangeSet(out);
    }

    public IpRangeSet intersect(IpRange bound) {
        return new IpRangeSet(
                ranges.stream().flatMap(r -> r.intersection(bound).stream()).toList());
    }

    public BigInteger size() {
        return ranges.stream().map(IpRange::size).reduce(BigInteger.ZERO, BigInteger::add);
    }

    public boolean contains(IpAddress ip) {
        return ranges.stream().anyMatch(r -> r.contains(ip));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** "a-b,c-d" (a single address as "a"). */
    @Override
    public String toString() {
        return String.join(",", ranges.stream().map(IpRange::toString).toList());
    }
}
