package io.ipamctl.output;

import java.util.List;

/** `pool usage --allocations`: one row per allocated address. */
public final class AllocationView implements Printable {

    /**
     * One row, also the -o json/yaml item. ownerKind is Pod or StatefulSet; phase is Antrea's (Allocated,
     * Reserved...), "Allocated" for Whereabouts, the Pod's phase for node podCIDRs.
     */
    public record Row(
            String pool,
            String ip,
            String phase,
            String owner,
            String ownerKind,
            String node,
            String containerID,
            String source) {}

    /** The -o json/yaml document. */
    public record Document(String apiVersion, String kind, List<Row> items) {}

    private final List<Row> rows;

    public AllocationView(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    @Override
    public Table table() {
        Table t = Table.of(
                Column.text("POOL"),
                Column.text("IP"),
                Column.text("PHASE"),
                Column.text("OWNER"),
                Column.text("NODE"),
                Column.wide("KIND"),
                Column.wide("CONTAINER-ID"),
                PoolUsageView.sourceColumn(rows.stream().map(Row::source).toList()));
        for (Row r : rows) {
            t.row(
                    Cell.of(r.pool()),
                    Cell.of(r.ip()),
                    Cell.of(r.phase(), "Allocated".equals(r.phase()) ? Cell.Style.PLAIN : Cell.Style.WARN),
                    Cell.of(r.owner()),
                    Cell.of(r.node()),
                    Cell.of(r.ownerKind()),
                    Cell.of(shortId(r.containerID())),
                    Cell.of(r.source()));
        }
        return t;
    }

    private static String shortId(String id) {
        return id == null || id.length() <= 12 ? id : id.substring(0, 12);
    }

    @Override
    public Object document() {
        return new Document("ipamctl/v1", "AllocationList", rows);
    }

    @Override
    public List<String> names() {
        return rows.stream().map(r -> r.pool() + "/" + r.ip()).toList();
    }
}
