package io.ipamctl.output;

import io.ipamctl.ipam.SourceUsage;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * `pool usage`: NAME RANGES GATEWAY VLAN TOTAL USED FREE USE%, wide adds AGE, PREFIX and SOURCE (and NETWORKS
 * when Whereabouts ranges are listed), and the documented JSON/YAML schema {@code ipamctl/v1 PoolUsageList}.
 * The table shows SOURCE too when the rows come from more than one source; with Antrea pools only it is
 * what it always was.
 */
public final class PoolUsageView implements Printable {

    /** One item of the -o json/yaml schema; null fields are left out. */
    public record Item(
            String name,
            String namespace,
            String source,
            List<String> ranges,
            String gateway,
            Integer prefixLength,
            Integer vlan,
            List<String> networks,
            BigInteger total,
            long used,
            BigInteger free,
            double usedPercent,
            Boolean overThreshold,
            List<String> warnings,
            String creationTimestamp) {}

    /** The -o json/yaml document. */
    public record Document(String apiVersion, String kind, Double threshold, List<Item> items) {}

    private final List<SourceUsage> usages;
    private final Double threshold;
    private final boolean bars;
    private final Instant now;

    /**
     * @param threshold --threshold, or null
     * @param bars      draw a bar in USE% (terminals only)
     * @param now       the moment AGE is counted to
     */
    public PoolUsageView(List<SourceUsage> usages, Double threshold, boolean bars, Instant now) {
        this.usages = List.copyOf(usages);
        this.threshold = threshold;
        this.bars = bars;
        this.now = now;
    }

    /** SOURCE is a table column when rows of several sources are listed, else a wide one. */
    static Column sourceColumn(List<?> rowSources) {
        return rowSources.stream().distinct().count() > 1 ? Column.text("SOURCE") : Column.wide("SOURCE");
    }

    @Override
    public List<MetricFamily> metrics() {
        return PoolMetrics.usage(usages);
    }

    @Override
    public Table table() {
        boolean networks = usages.stream().anyMatch(u -> u.networks() != null);
        List<Column> columns = new ArrayList<>(List.of(
                Column.text("NAME"),
                Column.text("RANGES"),
                Column.text("GATEWAY"),
                Column.number("VLAN"),
                Column.number("TOTAL"),
                Column.number("USED"),
                Column.number("FREE"),
                Column.number("USE%"),
                Column.wide("AGE"),
                Column.wide("PREFIX"),
                sourceColumn(usages.stream().map(SourceUsage::source).toList())));
        if (networks) {
            columns.add(Column.wide("NETWORKS"));
        }
        Table t = new Table(columns);
        for (SourceUsage u : usages) {
            List<Cell> cells = new ArrayList<>(List.of(
                    Cell.of(u.qualifiedName()),
                    Cell.of(String.join(",", u.ranges())),
                    Cell.of(u.gateway()),
                    Cell.of(vlanText(u.vlan())),
                    Cell.of(u.total().toString()),
                    Cell.of(Long.toString(u.used())),
                    Cell.of(u.fill().free().toString()),
                    Cell.of(percentText(u), style(u)),
                    Cell.of(Age.since(u.created(), now)),
                    Cell.of(u.prefixLength() == null ? null : "/" + u.prefixLength()),
                    Cell.of(u.source().toString())));
            if (networks) {
                cells.add(Cell.of(u.networks() == null ? null : String.join(",", u.networks())));
            }
            t.row(cells.toArray(Cell[]::new));
        }
        return t;
    }

    private String percentText(SourceUsage u) {
        String pct = Percent.of(u.fill());
        return bars ? Percent.bar(u.fill()) + " " + pct : pct;
    }

    /** The same for "no VLAN" in every source: untagged (Antrea's 0) and a source without VLANs both show as none. */
    static String vlanText(Integer vlan) {
        return vlan == null || vlan == 0 ? null : Integer.toString(vlan);
    }

    private Cell.Style style(SourceUsage u) {
        if (threshold != null) {
            return u.fill().atOrAbove(threshold) ? Cell.Style.BAD : Cell.Style.GOOD;
        }
        double p = u.fill().percent();
        return p >= 90 ? Cell.Style.BAD : p >= 70 ? Cell.Style.WARN : Cell.Style.GOOD;
    }

    @Override
    public Object document() {
        List<Item> items = new ArrayList<>();
        for (SourceUsage u : usages) {
            items.add(new Item(
                    u.name(),
                    u.namespace(),
                    u.source().toString(),
                    u.ranges(),
                    u.gateway(),
                    u.prefixLength(),
                    u.vlan(),
                    u.networks(),
                    u.total(),
                    u.used(),
                    u.fill().free(),
                    u.fill().percent(),
                    threshold == null ? null : u.fill().atOrAbove(threshold),
                    u.warnings(),
                    timestamp(u)));
        }
        return new Document("ipamctl/v1", "PoolUsageList", threshold, items);
    }

    /** metadata.creationTimestamp as the API server writes it, or null (left out) when unknown. */
    static String timestamp(SourceUsage u) {
        return u.created() == null ? null : u.created().toString();
    }

    /** Full names (antrea/pool-ap, whereabouts/kube-system/192.168.20.0-24, node/node-01): every POOL argument takes them back. */
    @Override
    public List<String> names() {
        return usages.stream().map(SourceUsage::fullName).distinct().toList();
    }
}
