package io.ipamctl.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's -o custom-columns=HEADER:PATH,... (and custom-columns-file: a line of headers over a line of
 * paths): one row per item of the -o json document (the document itself when it has no items), each cell
 * the matches of a kubectl JSONPath ({@code .name} or {@code {.name}}) joined by commas, {@code <none>}
 * when nothing matches; laid out by the one {@link TableRenderer}.
 */
public final class CustomColumns {

    /** One column: its header and the path of its cells. */
    private record Spec(String header, String path) {}

    private final List<Spec> specs;

    private CustomColumns(List<Spec> specs) {
        this.specs = specs;
    }

    /** -o custom-columns=NAME:.name,USED:.used; exit 2 naming a malformed column. */
    public static CustomColumns parse(String spec) {
        List<Spec> specs = new ArrayList<>();
        for (String column : spec.split(",", -1)) {
            int colon = column.indexOf(':');
            if (colon <= 0 || colon == column.length() - 1) {
                throw IpamctlException.invalid("unexpected custom-columns spec: " + SafeText.printable(column)
                        + ", expected <header>:<json-path-expr>");
            }
            specs.add(check(new Spec(column.substring(0, colon), column.substring(colon + 1))));
        }
        return new CustomColumns(List.copyOf(specs));
    }

    /** The custom-columns-file form: headers on the first line, the paths under them on the second. */
    public static CustomColumns parseFile(String text, String file) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        String[] headers = lines.isEmpty() ? new String[0] : lines.get(0).trim().split("\\s+");
        String[] paths = lines.size() < 2 ? new String[0] : lines.get(1).trim().split("\\s+");
        if (lines.size() != 2 || headers.length != paths.length) {
            throw IpamctlException.invalid("custom-columns-file " + SafeText.printable(file) + ": expected a line of "
                    + "headers and under it a line with one JSONPath per header (" + headers.length + " headers, "
                    + paths.length + " paths)");
        }
        List<Spec> specs = new ArrayList<>();
        for (int i = 0; i < headers.length; i++) {
            specs.add(check(new Spec(headers[i], paths[i])));
        }
        return new CustomColumns(List.copyOf(specs));
    }

    private static Spec check(Spec spec) {
        JsonPathTemplate.matches(spec.path(), spec.path(), com.fasterxml.jackson.databind.node.NullNode.getInstance());
        return spec;
    }

    /** The table of the document's items under these columns. */
    public void render(JsonNode document, boolean headers, Ansi ansi, PrintWriter out) {
        List<Column> columns = specs.stream().map(s -> Column.text(s.header())).toList();
        Table table = new Table(columns);
        for (JsonNode item : items(document)) {
            Cell[] cells = new Cell[specs.size()];
            for (int i = 0; i < cells.length; i++) {
                List<String> texts = JsonPathTemplate.matches(
                                specs.get(i).path(), specs.get(i).path(), item)
                        .stream()
                        .map(JsonPathTemplate::text)
                        .toList();
                cells[i] = Cell.of(texts.isEmpty() ? null : String.join(",", texts));
            }
            table.row(cells);
        }
        new TableRenderer(false, headers, ansi).render(table, out);
    }

    /** The rows of a document: its items, or the document itself when it is one object. */
    static List<JsonNode> items(JsonNode document) {
        JsonNode items = document.get("items");
        List<JsonNode> out = new ArrayList<>();
        if (items != null && items.isArray()) {
            items.forEach(out::add);
        } else {
            out.add(document);
        }
        return out;
    }
}
