package io.ipamctl.output;

import java.math.BigInteger;
import java.util.List;

/** `ns list`: one row per namespace and bound pool, with that pool's usage. */
public final class BindingView implements Printable {

    /** A row and -o json/yaml item; usage fields are null when the pool does not exist. */
    public record Row(
            String namespace, String pool, BigInteger total, Long used, BigInteger free, Double usedPercent) {}

    /** The -o json/yaml document. */
    public record Document(String apiVersion, String kind, List<Row> items) {}

    private final List<Row> rows;

    public BindingView(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    @Override
    public Table table() {
        Table t = Table.of(
                Column.text("NAMESPACE"),
                Column.text("POOL"),
                Column.number("TOTAL"),
                Column.number("USED"),
                Column.number("FREE"),
                Column.number("USE%"));
        for (Row r : rows) {
            if (r.total() == null) {
                t.row(
                        Cell.of(r.namespace()),
                        Cell.of(r.pool() + " (missing)", Cell.Style.BAD),
                        Cell.of(""),
                        Cell.of(""),
                        Cell.of(""),
                        Cell.of(""));
            } else {
                t.row(
                        r.namespace(),
                        r.pool(),
                        r.total().toString(),
                        Long.toString(r.used()),
                        r.free().toString(),
                        Percent.of(r.usedPercent()));
            }
        }
        return t;
    }

    @Override
    public Object document() {
        return new Document("ipamctl/v1", "NamespaceBindingList", rows);
    }

    @Override
    public List<String> names() {
        return rows.stream().map(r -> "namespace/" + r.namespace()).distinct().toList();
    }
}
