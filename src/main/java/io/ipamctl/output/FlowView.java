package io.ipamctl.output;

import java.util.List;
import java.util.Map;

/** `ovs flows`: the flows of br-int per node, or with --summary flow and packet counts per table. */
public final class FlowView implements Printable {

    /** A flow row and -o json/yaml item. */
    public record Flow(
            String node, String table, int priority, String match, String actions, Long packets, Long bytes) {}

    /** A --summary row and item. */
    public record TableSummary(String node, String table, long flows, long packets, long bytes) {}

    /**
     * The -o json/yaml document; exactly one of flows and tables is set. With the flows, nodes gives
     * each node's OpenFlow port names by number, so a saved dump can be compared later (--diff).
     */
    public record Document(
            String apiVersion, String kind, List<Flow> items, List<TableSummary> tables, List<NodePorts> nodes) {}

    /** A node's ports: ofport to name. */
    public record NodePorts(String node, Map<Long, String> ports) {}

    /** The columns of the flow table, for tables written while the flows are read. */
    public static final List<Column> FLOW_COLUMNS = List.of(
            Column.text("NODE"),
            Column.text("TABLE"),
            Column.number("PRIORITY"),
            Column.number("PACKETS"),
            Column.number("BYTES"),
            Column.text("MATCH"),
            Column.text("ACTIONS"));

    private final List<Flow> flows;
    private final List<TableSummary> summary;
    private final List<NodePorts> nodes;

    private FlowView(List<Flow> flows, List<TableSummary> summary, List<NodePorts> nodes) {
        this.flows = flows;
        this.summary = summary;
        this.nodes = nodes;
    }

    public static FlowView of(List<Flow> flows, List<NodePorts> nodes) {
        return new FlowView(List.copyOf(flows), null, List.copyOf(nodes));
    }

    public static FlowView summary(List<TableSummary> tables) {
        return new FlowView(null, List.copyOf(tables), null);
    }

    @Override
    public Table table() {
        if (summary != null) {
            Table t = Table.of(
                    Column.text("NODE"),
                    Column.text("TABLE"),
                    Column.number("FLOWS"),
                    Column.number("PACKETS"),
                    Column.number("BYTES"));
            summary.forEach(s -> t.row(
                    s.node(),
                    s.table(),
                    Long.toString(s.flows()),
                    Long.toString(s.packets()),
                    Long.toString(s.bytes())));
            return t;
        }
        Table t = new Table(FLOW_COLUMNS);
        flows.forEach(f -> t.row(cells(f)));
        return t;
    }

    /** One flow's row under {@link #FLOW_COLUMNS}. */
    public static String[] cells(Flow f) {
        return new String[] {
            f.node(),
            f.table(),
            Integer.toString(f.priority()),
            f.packets() == null ? "" : f.packets().toString(),
            f.bytes() == null ? "" : f.bytes().toString(),
            f.match(),
            f.actions()
        };
    }

    @Override
    public Object document() {
        return summary != null
                ? new Document("ipamctl/v1", "OvsFlowTableSummary", null, summary, null)
                : new Document("ipamctl/v1", "OvsFlowList", flows, null, nodes);
    }

    @Override
    public List<String> names() {
        return summary != null
                ? summary.stream().map(s -> s.node() + "/" + s.table()).toList()
                : flows.stream().map(f -> f.node() + "/" + f.table()).distinct().toList();
    }
}
