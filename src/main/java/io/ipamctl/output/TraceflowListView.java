package io.ipamctl.output;

import io.ipamctl.trace.TraceflowSummary;
import java.time.Instant;
import java.util.List;

/**
 * `trace list`: ipamctl's Traceflows that still exist, kubectl style (NAME ... AGE); -o wide adds
 * PROTOCOL and LIVE; -o json/yaml {@code ipamctl/v1 TraceflowList}; -o name traceflow/NAME.
 */
public final class TraceflowListView implements Printable {

    /** The -o json/yaml document. */
    public record Document(String apiVersion, String kind, List<Item> items) {}

    /** A Traceflow in the document; created is RFC 3339, as the API server writes it. */
    public record Item(
            String name,
            String phase,
            String source,
            String destination,
            String protocol,
            boolean liveTraffic,
            String created) {}

    private final List<TraceflowSummary> traceflows;
    private final Instant now;

    /** @param now the moment AGE is counted to */
    public TraceflowListView(List<TraceflowSummary> traceflows, Instant now) {
        this.traceflows = List.copyOf(traceflows);
        this.now = now;
    }

    @Override
    public Table table() {
        Table t = Table.of(
                Column.text("NAME"),
                Column.text("PHASE"),
                Column.text("SOURCE"),
                Column.text("DESTINATION"),
                Column.wide("PROTOCOL"),
                Column.wide("LIVE"),
                Column.text("AGE"));
        for (TraceflowSummary tf : traceflows) {
            t.row(
                    Cell.of(tf.name()),
                    Cell.of(tf.phase(), phaseStyle(tf.phase())),
                    Cell.of(tf.source()),
                    Cell.of(tf.destination()),
                    Cell.of(tf.protocol()),
                    Cell.of(tf.liveTraffic() ? "yes" : "no"),
                    Cell.of(tf.created() == null ? null : Age.since(tf.created(), now)));
        }
        return t;
    }

    private static Cell.Style phaseStyle(String phase) {
        if (phase == null) {
            return Cell.Style.PLAIN;
        }
        return switch (phase) {
            case "Succeeded" -> Cell.Style.GOOD;
            case "Failed" -> Cell.Style.BAD;
            default -> Cell.Style.PLAIN;
        };
    }

    @Override
    public Object document() {
        return new Document(
                "ipamctl/v1",
                "TraceflowList",
                traceflows.stream()
                        .map(tf -> new Item(
                                tf.name(),
                                tf.phase(),
                                tf.source(),
                                tf.destination(),
                                tf.protocol(),
                                tf.liveTraffic(),
                                tf.created() == null ? null : tf.created().toString()))
                        .toList());
    }

    @Override
    public List<String> names() {
        return traceflows.stream().map(tf -> "traceflow/" + tf.name()).toList();
    }
}
