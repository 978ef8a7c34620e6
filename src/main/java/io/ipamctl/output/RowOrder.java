package io.ipamctl.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * --sort-by, as kubectl: a JSONPath over the -o json form of one row ({@code .used}, {@code {.name}}),
 * or a column header of the table (USED, use%). Numbers sort as numbers, AGE by its length, the rest as text,
 * rows without a value first; equal keys keep the command's order. kubectl's .metadata.FIELD means FIELD of
 * items that have no metadata. The same order applies to the table, the document's
 * items and -o name.
 */
public final class RowOrder {

    private final String given;
    /** A column header (upper case) when the value is not a path. */
    private final String column;

    private RowOrder(String given, String column) {
        this.given = given;
        this.column = column;
    }

    /** The order --sort-by names; a path is checked here (exit 2), a column name when the table is known. */
    public static RowOrder parse(String sortBy) {
        String s = sortBy.trim();
        if (s.startsWith(".") || s.startsWith("{") || s.startsWith("$") || s.startsWith("@")) {
            JsonPathTemplate.matches(s, s, NullNode.getInstance());
            return new RowOrder(s, null);
        }
        if (s.isEmpty() || !s.matches("[A-Za-z0-9%_-]+")) {
            throw IpamctlException.invalid("invalid --sort-by \"" + SafeText.printable(sortBy)
                    + "\": expected a JSONPath such as .name or {.used}, or a column name such as NAME");
        }
        return new RowOrder(s, s.toUpperCase(Locale.ROOT));
    }

    /** The result with its rows in this order. */
    Printable apply(Printable result, Documents documents) {
        Table table = result.table();
        JsonNode document = documents.tree(result.document());
        List<JsonNode> items = CustomColumns.items(document);
        List<Integer> order;
        if (column != null) {
            int index = columnIndex(table);
            boolean age = column.equals("AGE");
            order = sortedIndexes(table.rows().size(), i -> {
                String text = table.rows().get(i).get(index).text();
                return age ? ageKey(text) : cellKey(text);
            });
        } else {
            String path = kubectlPath(items);
            order = sortedIndexes(items.size(), i -> {
                List<JsonNode> m = JsonPathTemplate.matches(given, path, items.get(i));
                return m.isEmpty() ? null : nodeKey(m.get(0));
            });
        }
        Table sortedTable = table;
        if (table.rows().size() == order.size()) {
            sortedTable = new Table(table.columns());
            for (int i : order) {
                sortedTable.row(table.rows().get(i).toArray(Cell[]::new));
            }
        }
        Object sortedDocument = document;
        if (items.size() == order.size() && document.get("items") != null) {
            ArrayNode reordered = ((ObjectNode) document).putArray("items");
            order.forEach(i -> reordered.add(items.get(i)));
        }
        List<String> names = result.names();
        List<String> sortedNames =
                names.size() == order.size() ? order.stream().map(names::get).toList() : names;
        return new Sorted(sortedTable, sortedDocument, sortedNames, result.summary());
    }

    /**
     * The path as given, or, when no item has metadata, the same path without ".metadata": ipamctl's items carry
     * an object's name and creationTimestamp at their top, so kubectl's .metadata.creationTimestamp sorts too.
     */
    private String kubectlPath(List<JsonNode> items) {
        String inner = given.replaceFirst("^(\\{?)\\.metadata\\.", "$1.");
        if (inner.equals(given) || items.stream().anyMatch(i -> i.has("metadata"))) {
            return given;
        }
        return inner;
    }

    /** An AGE cell (3h5m) as its seconds; <unknown> is no value. */
    private static Key ageKey(String text) {
        Long seconds = Age.seconds(text);
        return seconds == null ? null : new Key(BigDecimal.valueOf(seconds), null);
    }

    private int columnIndex(Table table) {
        List<String> headers = table.columns().stream().map(Column::header).toList();
        int index = headers.indexOf(column);
        if (index < 0) {
            throw IpamctlException.invalid("invalid --sort-by \"" + SafeText.printable(given)
                    + "\": no such column; use one of " + String.join(", ", headers) + ", or a JSONPath such as .name");
        }
        return index;
    }

    /** A sortable key: a number, a text, or null (sorts first). */
    private record Key(BigDecimal number, String text) {}

    private static final Comparator<Key> KEYS = Comparator.nullsFirst((a, b) -> {
        if (a.number() != null && b.number() != null) {
            return a.number().compareTo(b.number());
        }
        if (a.number() != null || b.number() != null) {
            return a.number() != null ? -1 : 1;
        }
        return a.text().compareTo(b.text());
    });

    private static List<Integer> sortedIndexes(int size, java.util.function.IntFunction<Key> key) {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            keys.add(key.apply(i));
        }
        return IntStream.range(0, size)
                .boxed()
                .sorted(Comparator.comparing(keys::get, KEYS))
                .toList();
    }

    private static Key nodeKey(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        return node.isNumber() ? new Key(node.decimalValue(), null) : new Key(null, JsonPathTemplate.text(node));
    }

    /** A cell as a key: 7.5% and 40 are numbers, <none> is no value. */
    private static Key cellKey(String text) {
        if (text == null || text.isEmpty() || text.equals(TableRenderer.NONE)) {
            return null;
        }
        String n = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
        if (n.matches("-?\\d+(\\.\\d+)?")) {
            return new Key(new BigDecimal(n), null);
        }
        return new Key(null, text);
    }

    /** A result with its rows reordered. */
    private record Sorted(Table table, Object document, List<String> names, List<Cell> summary) implements Printable {}
}
