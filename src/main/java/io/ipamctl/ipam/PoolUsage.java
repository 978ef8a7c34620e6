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
    public static PoolUsage of(PoolDefinition pool, List<Allocation> allocations, Integer reportedUsed,
                               Integer reportedTotal) {
        PoolCapacity capacity = PoolCapacity.of(pool);
        BigInteger total = capacity.total();
        long used = allocations.size();
        List<String> warnings = new ArrayList<>();
        if (reportedTotal != null && BigInteger.valueOf(reportedTotal).compareTo(total) != 0) {
            warnings.add("pool " + pool.name() + ": status.usage.total is " + reportedTotal + " but the ranges hold " + total);
        }
        if (reportedUsed != null && reportedUsed != used) {
            warnings.add("pool " + pool.name() + ": status.usage.used is " + reportedUsed + " but status lists "
                    + used + " addresses");
        }
        Set<String> seen = new HashSet<>();
        for (Allocation a : allocations) {
            var ip = IpAddress.tryParse(a.ip());
            if (ip.isEmpty() || !capacity.covers(ip.get())) {
                warnings.add("pool " + pool.name() + ": allocated address " + a.ip() + " is outside the pool's ranges");
            } else if (!seen.add(ip.get().toString())) {
                warnings.add("pool " + pool.name() + ": address " + a.ip() + " is listed more than once");
            }
        }
        return new PoolUsage(pool, total, used, List.copyOf(warnings));
    }

    public Fill fill() {
        return new Fill(total, used);
    }

    public BigInteger free() {
        return fill().free();
    }

    /** Rounded to 0.1 for display; thresholds use {@link #atOrAbove}. */
    public double percent() {
        return fill().percent();
    }

    /** Exact comparison (used / total &gt;= threshold %), not of the rounded percentage. */
    public boolean atOrAbove(double thresholdPercent) {
        return fill().atOrAbove(thresholdPercent);
    }
}
