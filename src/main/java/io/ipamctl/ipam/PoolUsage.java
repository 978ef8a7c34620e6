package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** How full one pool is, and what looks wrong in its status. */
public record PoolUsage(PoolDefinition pool, BigInteger total, long used, List<String> warnings) {

    /**
     * Computes usage the way Antrea does (used = number of status entries), and cross-checks the
     * status: the controller's own status.usage, entries outside the pool, duplicated addresses.
     *
     * @param reportedUsed  status.usage.used as written by the controller, or null
     * @param reportedTotal status.usage.total, or null
     */
    public static PoolUsage of(
            PoolDefinition pool, List<Allocation> allocations, Integer reportedUsed, Integer reportedTotal) {
        PoolCapacity capacity = PoolCapacity.of(pool);
        BigInteger total = capacity.total();
        long used = allocations.size();
        List<String> warnings = new ArrayList<>(capacityWarnings(pool, capacity));
        // pools created elsewhere (kubectl) may carry host bits; Antrea masks them, so the figures above do too
        pool.ranges().stream()
                .filter(PoolRangeSpec::isCidr)
                .forEach(r -> PoolValidator.hostBits(r.cidr())
                        .ifPresent(h -> warnings.add("pool " + pool.name() + ": " + h.substring(0, h.indexOf(';')))));
        if (reportedTotal != null && BigInteger.valueOf(reportedTotal).compareTo(total) != 0) {
            boolean antreasOwnCount = BigInteger.valueOf(reportedTotal).equals(capacity.antreaTotal());
            warnings.add(
                    "pool " + pool.name() + ": status.usage.total is " + reportedTotal + " but the ranges hold " + total
                            + (antreasOwnCount
                                    ? " (Antrea counts a range with no room as a negative number, antrea#7149)"
                                    : ""));
        }
        if (reportedUsed != null && reportedUsed != used) {
            warnings.add("pool " + pool.name() + ": status.usage.used is " + reportedUsed + " but status lists " + used
                    + " addresses");
        }
        Set<IpAddress> seen = new HashSet<>(Math.max(16, allocations.size() * 4 / 3 + 1));
        for (Allocation a : allocations) {
            var ip = IpAddress.tryParse(a.ip());
            if (ip.isEmpty() || !capacity.covers(ip.get())) {
                warnings.add("pool " + pool.name() + ": allocated address " + a.ip() + " is outside the pool's ranges");
            } else if (!seen.add(ip.get())) {
                warnings.add("pool " + pool.name() + ": address " + a.ip() + " is listed more than once");
            }
        }
        return new PoolUsage(pool, total, used, List.copyOf(warnings));
    }

    /**
     * What is wrong with the pool's capacity itself: a pool that can give no address to a new Pod (TOTAL 0,
     * shown as 100% full), or single ranges that give none, each with the reason.
     */
    public static List<String> capacityWarnings(PoolDefinition pool, PoolCapacity capacity) {
        List<String> empty = capacity.emptyRanges();
        if (pool.ranges().isEmpty()) {
            return List.of("pool " + pool.name() + " can hand out no address: it has no ranges");
        }
        if (capacity.total().signum() == 0) {
            return List.of("pool " + pool.name() + " can hand out no address: " + String.join("; ", empty));
        }
        return empty.stream().map(e -> "pool " + pool.name() + ": " + e).toList();
    }

    public Fill fill() {
        return new Fill(total, used);
    }

    public BigInteger free() {
        return fill().free();
    }

    /** Rounded down to 0.1 for display; thresholds use {@link #atOrAbove}. */
    public double percent() {
        return fill().percent();
    }

    /** Exact comparison (used / total &gt;= threshold %), not of the rounded percentage. */
    public boolean atOrAbove(double thresholdPercent) {
        return fill().atOrAbove(thresholdPercent);
    }
}
