package io.ipamctl.output;

import io.ipamctl.ovs.FlowDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * `ovs flows --diff`: one row per flow that differs, with each side's actions (none: the flow is
 * not there), then a line per comparison; -o json/yaml {@code ipamctl/v1 OvsFlowDiff}.
 */
public final class FlowDiffView implements Printable {

    /** The -o json/yaml document. */
    public record Document(String apiVersion, String kind, List<Comparison> items) {}

    /**
     * One comparison; in a difference, leftActions or rightActions is absent when the flow is only on
     * the other side.
     */
    public record Comparison(
            String node,
            String left,
            String right,
            long onlyLeft,
            long onlyRight,
            long changed,
            List<FlowDiff.Change> differences) {}

    private final List<FlowDiff> diffs;

    public FlowDiffView(List<FlowDiff> diffs) {
        this.diffs = List.copyOf(diffs);
    }

    public boolean differ() {
        return diffs.stream().anyMatch(d -> !d.changes().isEmpty());
    }

    @Override
    public Table table() {
        boolean byNode = diffs.stream().anyMatch(d -> d.node() != null);
        String left = diffs.isEmpty() ? "LEFT" : diffs.get(0).left().toUpperCase(Locale.ROOT);
        String right = diffs.isEmpty() ? "RIGHT" : diffs.get(0).right().toUpperCase(Locale.ROOT);
        List<Column> columns = new ArrayList<>();
        if (byNode) {
            columns.add(Column.text("NODE"));
        }
        columns.addAll(List.of(
                Column.text("TABLE"),
                Column.number("PRIORITY"),
                Column.text("MATCH"),
                Column.text(left),
                Column.text(right)));
        Table t = new Table(columns);
        for (FlowDiff d : diffs) {
            for (FlowDiff.Change c : d.changes()) {
                List<Cell> cells = new ArrayList<>();
                if (byNode) {
                    cells.add(Cell.of(d.node()));
                }
                cells.addAll(List.of(
                        Cell.of(c.table()),
                        Cell.of(Integer.toString(c.priority())),
                        Cell.of(c.match()),
                        Cell.of(c.leftActions(), c.rightActions() == null ? Cell.Style.BAD : Cell.Style.PLAIN),
                        Cell.of(c.rightActions(), c.leftActions() == null ? Cell.Style.GOOD : Cell.Style.PLAIN)));
                t.row(cells.toArray(Cell[]::new));
            }
        }
        return t;
    }

    /** Per comparison: how many flows are only on one side, and how many have other actions. */
    @Override
    public List<Cell> summary() {
        List<Cell> lines = new ArrayList<>();
        for (FlowDiff d : diffs) {
            String what = d.left() + " and " + d.right() + (d.node() == null ? "" : " of " + d.node());
            lines.add(
                    d.changes().isEmpty()
                            ? Cell.of(what + ": the same flows", Cell.Style.GOOD)
                            : Cell.of(
                                    what + ": " + d.onlyLeft() + " only in " + d.left() + ", " + d.onlyRight()
                                            + " only in " + d.right() + ", " + d.changed() + " with other actions",
                                    Cell.Style.WARN));
        }
        return lines;
    }

    @Override
    public Object document() {
        return new Document(
                "ipamctl/v1",
                "OvsFlowDiff",
                diffs.stream()
                        .map(d -> new Comparison(
                                d.node(), d.left(), d.right(), d.onlyLeft(), d.onlyRight(), d.changed(), d.changes()))
                        .toList());
    }

    @Override
    public List<String> names() {
        return diffs.stream()
                .flatMap(d -> d.changes().stream().map(c -> (d.node() == null ? "" : d.node() + "/") + c.table()))
                .distinct()
                .toList();
    }
}
