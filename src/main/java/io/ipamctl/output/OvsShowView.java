package io.ipamctl.output;

import io.ipamctl.ovs.OvsPortRow;
import io.ipamctl.ovs.OvsSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** `ovs show`: one row per OVS port of every node asked; failed nodes get an ERROR row. */
public final class OvsShowView implements Printable {

    /** One node's result: the snapshot, or the error and no snapshot. */
    public record NodeState(String node, String agent, OvsSnapshot snapshot, String error, String rawShow) {}

    /** A port in the document. */
    public record Port(
            String bridge,
            String name,
            Long ofport,
            String type,
            String role,
            String pod,
            List<String> ips,
            String mac,
            String state,
            Map<String, String> options) {}

    /** A node in the document. */
    public record Node(
            String node,
            String agent,
            String ovsVersion,
            List<OvsSnapshot.OvsBridge> bridges,
            List<Port> ports,
            String error) {}

    /** The -o json/yaml document. */
    public record Document(String apiVersion, String kind, List<Node> items) {}

    private final List<NodeState> nodes;

    public OvsShowView(List<NodeState> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    @Override
    public Table table() {
        Table t = Table.of(
                Column.text("NODE"),
                Column.text("PORT"),
                Column.number("OFPORT"),
                Column.text("TYPE"),
                Column.text("POD"),
                Column.text("IP"),
                Column.text("MAC"),
                Column.text("STATE"),
                Column.wide("BRIDGE"),
                Column.wide("OPTIONS"),
                Column.wide("OVS"));
        for (NodeState n : nodes) {
            if (n.snapshot() == null) {
                t.row(
                        Cell.of(n.node()),
                        Cell.of(""),
                        Cell.of(""),
                        Cell.of(""),
                        Cell.of(""),
                        Cell.of(""),
                        Cell.of(""),
                        Cell.of("ERROR", Cell.Style.BAD),
                        Cell.of(""),
                        Cell.of(""),
                        Cell.of(""));
                continue;
            }
            for (OvsPortRow p : n.snapshot().ports()) {
                t.row(
                        Cell.of(n.node()),
                        Cell.of(p.port()),
                        Cell.of(ofport(p.ofport())),
                        Cell.of(p.type()),
                        Cell.of(p.pod()),
                        Cell.of(String.join(",", p.ips())),
                        Cell.of(p.mac()),
                        Cell.of(stateText(p.state()), stateStyle(p.state())),
                        Cell.of(p.bridge()),
                        Cell.of(options(p.options())),
                        Cell.of(n.snapshot().ovsVersion()));
            }
        }
        return t;
    }

    private static String ofport(Long ofport) {
        if (ofport == null || ofport < 0) {
            return "";
        }
        return ofport == OvsSnapshot.LOCAL_PORT ? "LOCAL" : ofport.toString();
    }

    private static String stateText(String s) {
        return s == null ? "" : s;
    }

    private static Cell.Style stateStyle(String s) {
        return "up".equals(s) ? Cell.Style.GOOD : "down".equals(s) ? Cell.Style.BAD : Cell.Style.PLAIN;
    }

    static String options(Map<String, String> options) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(options).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }

    @Override
    public Object document() {
        List<Node> items = new ArrayList<>();
        for (NodeState n : nodes) {
            if (n.snapshot() == null) {
                items.add(new Node(n.node(), n.agent(), null, List.of(), List.of(), n.error()));
                continue;
            }
            List<Port> ports = n.snapshot().ports().stream()
                    .map(p -> new Port(
                            p.bridge(),
                            p.port(),
                            p.ofport(),
                            p.type(),
                            p.role(),
                            p.pod(),
                            p.ips(),
                            p.mac(),
                            p.state(),
                            p.options()))
                    .toList();
            items.add(new Node(
                    n.node(), n.agent(), n.snapshot().ovsVersion(), n.snapshot().bridges(), ports, null));
        }
        return new Document("ipamctl/v1", "OvsPortList", items);
    }

    @Override
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (NodeState n : nodes) {
            if (n.snapshot() != null) {
                n.snapshot().ports().forEach(p -> out.add(n.node() + "/" + p.port()));
            }
        }
        return out;
    }

    @Override
    public String raw() {
        StringBuilder sb = new StringBuilder();
        for (NodeState n : nodes) {
            sb.append("=== node ")
                    .append(n.node())
                    .append(n.agent() == null ? "" : " (" + n.agent() + ")")
                    .append(" ===\n");
            sb.append(n.rawShow() == null ? "error: " + n.error() + "\n" : n.rawShow());
        }
        return sb.toString();
    }
}
