package io.ipamctl.output;

import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.Problem;
import io.ipamctl.ipam.SourceUsage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool metrics, one definition for `pool usage -o prometheus`, `pool check -o prometheus` and
 * `metrics serve` (names and labels documented in README "Metrics"). Every pool is labelled
 * {source, pool}, pool as `pool usage` names it (NAMESPACE/NAME for a Whereabouts pool).
 */
public final class PoolMetrics {

    public static final String CAPACITY = "ipamctl_pool_capacity_addresses";
    public static final String ADDRESSES = "ipamctl_pool_addresses";
    public static final String FILL = "ipamctl_pool_fill_ratio";
    public static final String PROBLEMS = "ipamctl_pool_check_problems";

    private PoolMetrics() {}

    /** Capacity, used and free addresses and the fill ratio of each pool. */
    public static List<MetricFamily> usage(List<SourceUsage> usages) {
        MetricFamily capacity =
                MetricFamily.gauge(CAPACITY, "Addresses the pool can hand out (TOTAL of ipamctl pool usage).");
        MetricFamily addresses = MetricFamily.gauge(
                ADDRESSES,
                "Addresses of the pool by state: used (allocated) or free; used + free = capacity unless over-allocated.");
        MetricFamily fill = MetricFamily.gauge(
                FILL, "Used addresses / capacity, exact (0-1; 1 for a pool that can hand out no address).");
        Map<String, Long> rowsPerPool = new LinkedHashMap<>();
        usages.forEach(u -> rowsPerPool.merge(u.source() + "/" + u.qualifiedName(), 1L, Long::sum));
        for (SourceUsage u : usages) {
            // a pool with several rows (a dual-stack Node's podCIDRs) is told apart by its ranges: one series each
            String[] labels = rowsPerPool.get(u.source() + "/" + u.qualifiedName()) > 1
                    ? new String[] {
                        "source",
                        u.source().toString(),
                        "pool",
                        u.qualifiedName(),
                        "range",
                        String.join(",", u.ranges())
                    }
                    : new String[] {"source", u.source().toString(), "pool", u.qualifiedName()};
            capacity = capacity.with(u.total().doubleValue(), labels);
            addresses = addresses
                    .with(u.used(), plus(labels, "state", "used"))
                    .with(u.fill().free().doubleValue(), plus(labels, "state", "free"));
            fill = fill.with(ratio(u), labels);
        }
        return List.of(capacity, addresses, fill);
    }

    /** Problems found by pool check, by source and kind; every kind of every source checked, 0 included. */
    public static List<MetricFamily> problems(List<IpamSource> sources, List<Problem> problems) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<IpamSource> all = new ArrayList<>(sources);
        problems.stream()
                .map(Problem::source)
                .filter(s -> !all.contains(s))
                .distinct()
                .forEach(all::add);
        for (IpamSource s : all) {
            for (Problem.Kind k : Problem.Kind.values()) {
                counts.put(s + "\n" + k, 0);
            }
        }
        problems.forEach(p -> counts.merge(p.source() + "\n" + p.kind(), 1, Integer::sum));
        MetricFamily family = MetricFamily.gauge(
                PROBLEMS,
                "Inconsistencies ipamctl pool check finds, by source and kind (leaked, duplicate, overlap, ...).");
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            String[] sourceAndKind = e.getKey().split("\n", 2);
            family = family.with(e.getValue(), "source", sourceAndKind[0], "kind", sourceAndKind[1]);
        }
        return List.of(family);
    }

    private static String[] plus(String[] labels, String name, String value) {
        String[] out = java.util.Arrays.copyOf(labels, labels.length + 2);
        out[labels.length] = name;
        out[labels.length + 1] = value;
        return out;
    }

    private static double ratio(SourceUsage u) {
        if (u.fill().noCapacity()) {
            return 1.0;
        }
        if (u.total().bitLength() <= 53) {
            return u.used() / u.total().doubleValue(); // both exact: the one correctly rounded quotient
        }
        return BigDecimal.valueOf(u.used())
                .divide(new BigDecimal(u.total()), MathContext.DECIMAL128)
                .doubleValue();
    }
}
