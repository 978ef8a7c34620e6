package io.ipamctl.output;

import io.ipamctl.ovs.OvsPortRow;
import io.ipamctl.ovs.ProtoTrace;
import io.ipamctl.trace.LocalTrace;
import java.util.ArrayList;
import java.util.List;

/** `trace --local`: one row per OpenFlow table the packet went through, then the datapath's verdict. */
public final class LocalTraceView implements Printable {

    /**
     * A step of the document.
     *
     * @param depth 0 for the pipeline, 1 inside a resubmit or group bucket of a depth-0 step, ...
     * @param match the matched flow's match, null when no flow matched
     */
    public record Step(int depth, int table, String tableName, Integer priority, String match, List<String> actions) {}

    /** The -o json/yaml document (ipamctl/v1 LocalTraceResult). */
    public record Document(
            String apiVersion,
            String kind,
            String node,
            String agent,
            String flow,
            List<Step> steps,
            String datapathActions,
            String verdict,
            String outputPort) {}

    private final LocalTrace trace;

    public LocalTraceView(LocalTrace trace) {
        this.trace = trace;
    }

    private List<Step> steps() {
        List<Step> out = new ArrayList<>();
        for (ProtoTrace.Step s : trace.trace().steps()) {
            out.add(new Step(
                    s.depth(),
                    s.table(),
                    trace.snapshot().tableNames().getOrDefault(s.table(), Integer.toString(s.table())),
                    s.priority(),
                    s.match(),
                    s.actions()));
        }
        return out;
    }

    @Override
    public Table table() {
        Table t = Table.of(
                Column.text("TABLE"),
                Column.number("PRIORITY"),
                Column.text("MATCHED FLOW"),
                Column.text("ACTIONS"),
                Column.wide("ID"));
        List<Step> steps = steps();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            // the step the verdict names; a lookup that finds nothing inside a resubmit drops nothing
            boolean drop = dropped() && i == steps.size() - 1;
            t.row(
                    Cell.of("  ".repeat(s.depth()) + s.tableName()),
                    Cell.of(s.priority() == null ? "" : s.priority().toString()),
                    Cell.of(s.match() == null ? "(no match)" : s.match()),
                    Cell.of(String.join(",", s.actions()), drop ? Cell.Style.BAD : Cell.Style.PLAIN),
                    Cell.of(Integer.toString(s.table())));
        }
        return t;
    }

    /** Delivered to port N (its Pod), sent out of the tunnel or gateway, or dropped (in which table). */
    public String verdict() {
        ProtoTrace p = trace.trace();
        List<Step> steps = steps();
        if (p.dropped()) {
            return steps.isEmpty()
                    ? "Dropped"
                    : "Dropped in " + steps.get(steps.size() - 1).tableName();
        }
        Integer port = p.outputPort();
        OvsPortRow row = port == null
                ? null
                : trace.snapshot().ports().stream()
                        .filter(r -> r.ofport() != null && r.ofport().intValue() == port)
                        .findFirst()
                        .orElse(null);
        if (row == null) {
            return "Forwarded (datapath actions: " + p.datapathActions() + ")";
        }
        if ("tunnel".equals(row.role())) {
            return "Forwarded to another node through " + row.port();
        }
        if ("gateway".equals(row.role())) {
            return "Forwarded to the node through " + row.port();
        }
        return "Delivered to " + (row.pod() == null ? "" : row.pod() + " ") + "on port " + row.port();
    }

    @Override
    public List<Cell> summary() {
        String v = verdict();
        return List.of(
                Cell.of("Node: " + trace.node() + " (" + trace.agent() + "), flow: " + trace.flow()),
                Cell.of("Verdict: " + v, v.startsWith("Dropped") ? Cell.Style.BAD : Cell.Style.GOOD));
    }

    @Override
    public Object document() {
        Integer port = trace.trace().outputPort();
        return new Document(
                "ipamctl/v1",
                "LocalTraceResult",
                trace.node(),
                trace.agent(),
                trace.flow(),
                steps(),
                trace.trace().datapathActions(),
                verdict(),
                port == null ? null : port.toString());
    }

    @Override
    public List<String> names() {
        return steps().stream().map(Step::tableName).toList();
    }

    public boolean dropped() {
        return trace.trace().dropped();
    }
}
