package io.ipamctl.output;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ipamctl.ipam.PoolRangeSpec;
import io.ipamctl.ipam.PoolUsage;

/**
 * `pool usage`: NAME RANGES GATEWAY VLAN TOTAL USED FREE USE%, and the documented JSON/YAML
 * schema {@code ipamctl/v1 PoolUsageList}.
 */
public final class PoolUsageView implements Printable {

    /** One item of the -o json/yaml schema. */
    public record Item(String name, String source, List<String> ranges, String gateway, int prefixLength, int vlan,
                       BigInteger total, long used, BigInteger free, double usedPercent, Boolean overThreshold,
                       List<String> warnings) {
    }

    /** The -o json/yaml document. */
    public record Document(String apiVersion, String kind, Double threshold, List<Item> items) {
    }

    private final List<PoolUsage> usages;
    private final Double threshold;
    private final boolean bars;

    /**
     * @param threshold --threshold, or null
     * @param bars      draw a bar in USE% (terminals only)
     */
    public PoolUsageView(List<PoolUsage> usages, Double threshold, boolean bars) {
        this.usages = List.copyOf(usages);
        this.threshold = threshold;
        this.bars = bars;
    }

    @Override
    public Table table() {
        Table t = Table.of(Column.text("NAME"), Column.text("RANGES"), Column.text("GATEWAY"), Column.number("VLAN"),
                Column.number("TOTAL"), Column.number("USED"), Column.number("FREE"), Column.number("USE%"),
                Column.wide("PREFIX"), Column.wide("SOURCE"));
        for (PoolUsage u : usages) {
            t.row(Cell.of(u.pool().name()), Cell.of(u.pool().rangesText()), Cell.of(u.pool().gateway()),
                    Cell.of(Integer.toString(u.pool().vlan())), Cell.of(u.total().toString()),
                    Cell.of(Long.toString(u.used())), Cell.of(u.free().toString()),
                    Cell.of(percentText(u), style(u)), Cell.of("/" + u.pool().prefixLength()), Cell.of("antrea"));
        }
        return t;
    }

    private String percentText(PoolUsage u) {
        String pct = formatPercent(u.percent());
        if (!bars) {
            return pct;
        }
        int filled = (int) Math.min(10, Math.round(u.percent() / 10.0));
        return "█".repeat(filled) + "░".repeat(10 - filled) + " " + pct;
    }

    public static String formatPercent(double percent) {
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }

    private Cell.Style style(PoolUsage u) {
        if (threshold != null) {
            return u.atOrAbove(threshold) ? Cell.Style.BAD : Cell.Style.GOOD;
        }
        return u.percent() >= 90 ? Cell.Style.BAD : u.percent() >= 70 ? Cell.Style.WARN : Cell.Style.GOOD;
    }

    @Override
    public Object document() {
        List<Item> items = new ArrayList<>();
        for (PoolUsage u : usages) {
            items.add(new Item(u.pool().name(), "antrea", u.pool().ranges().stream().map(PoolRangeSpec::text).toList(),
                    u.pool().gateway(), u.pool().prefixLength(), u.pool().vlan(), u.total(), u.used(), u.free(),
                    u.percent(), threshold == null ? null : u.atOrAbove(threshold), u.warnings()));
        }
        return new Document("ipamctl/v1", "PoolUsageList", threshold, items);
    }

    @Override
    public List<String> names() {
        return usages.stream().map(u -> "ippool/" + u.pool().name()).toList();
    }
}
