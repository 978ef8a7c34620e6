package io.ipamctl.ipam;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pools of different systems that share addresses: an Antrea IPPool inside a Node's podCIDR or a
 * Whereabouts range hands out addresses that the other system hands out too, and nothing in the
 * cluster notices. Antrea documents no case where that is wanted (IPPools must not overlap; pools
 * without VLAN lie in the Nodes' underlay subnet, pools with VLAN "must not overlap with other network
 * subnets"), so every overlap is a problem, except among the pools of a source that shares addresses
 * on purpose ({@link SourcePools#sharesAddressesOnPurpose()}).
 */
public final class Overlaps {

    private Overlaps() {}

    /** One line per block that shares addresses with the new pool's spans: "pool X overlaps with LABEL at A-B". */
    public static List<String> with(String poolName, List<IpRange> spans, List<PoolBlock> others) {
        List<String> lines = new ArrayList<>();
        for (PoolBlock other : others) {
            List<IpRange> shared = new ArrayList<>();
            for (IpRange span : spans) {
                shared.addAll(other.addresses().intersect(span).ranges());
            }
            if (!shared.isEmpty()) {
                lines.add("pool " + io.ipamctl.SafeText.printable(poolName) + " overlaps with " + other.label() + " at "
                        + text(IpRangeSet.union(shared)) + ": pools must not share addresses");
            }
        }
        return lines;
    }

    /** One range of one block, for the sweep. */
    private record Span(IpRange range, int block) {}

    /**
     * Every two pools that share addresses, reported once with the pool listed first as POOL; a sweep
     * over the ranges sorted by start, so thousands of podCIDRs cost n log n, not n².
     */
    public static List<Problem> among(List<SourcePools> sources) {
        List<PoolBlock> blocks = new ArrayList<>();
        List<Boolean> sharing = new ArrayList<>();
        for (SourcePools s : sources) {
            for (PoolBlock b : s.blocks()) {
                blocks.add(b);
                sharing.add(s.sharesAddressesOnPurpose());
            }
        }
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            for (IpRange r : blocks.get(i).addresses().ranges()) {
                spans.add(new Span(r, i));
            }
        }
        spans.sort(Comparator.comparing((Span s) -> s.range().start()).thenComparing(Span::block));
        Map<Long, List<IpRange>> shared = new TreeMap<>();
        List<Span> open = new ArrayList<>();
        for (Span s : spans) {
            open.removeIf(o -> o.range().end().compareTo(s.range().start()) < 0);
            for (Span o : open) {
                PoolBlock a = blocks.get(Math.min(o.block(), s.block()));
                PoolBlock b = blocks.get(Math.max(o.block(), s.block()));
                boolean samePool = a.source() == b.source() && a.pool().equals(b.pool());
                boolean onPurpose = a.source() == b.source() && sharing.get(o.block());
                if (!samePool && !onPurpose) {
                    o.range()
                            .intersection(s.range())
                            .ifPresent(x -> shared.computeIfAbsent(
                                            (long) Math.min(o.block(), s.block()) * blocks.size()
                                                    + Math.max(o.block(), s.block()),
                                            k -> new ArrayList<>())
                                    .add(x));
                }
            }
            open.add(s);
        }
        List<Problem> problems = new ArrayList<>();
        shared.forEach((pair, ranges) -> {
            PoolBlock a = blocks.get((int) (pair / blocks.size()));
            PoolBlock b = blocks.get((int) (pair % blocks.size()));
            problems.add(new Problem(
                    Problem.Kind.OVERLAP,
                    a.source(),
                    a.pool(),
                    null,
                    null,
                    "overlaps with " + b.label() + " at " + text(IpRangeSet.union(ranges))
                            + ": pools must not share addresses"));
        });
        return problems;
    }

    private static String text(IpRangeSet set) {
        return String.join(", ", set.ranges().stream().map(IpRange::toString).toList());
    }
}
