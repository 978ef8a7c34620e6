package io.ipamctl.output;

import io.ipamctl.SafeText;
import java.io.PrintWriter;
import java.util.List;

/** Renders a {@link Printable} in the chosen format. The only place command results are written. */
public final class Printer {

    private final PrintWriter out;
    private final Ansi ansi;
    private final Documents documents = new Documents();

    public Printer(PrintWriter out, Ansi ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    /** The result as -o, --no-headers and --sort-by asked. */
    public void print(Printable result, OutputRequest request) {
        Printable shown = request.sortBy() == null ? result : request.sortBy().apply(result, documents);
        switch (request.format()) {
            case JSONPATH, JSONPATH_FILE -> {
                out.print(request.jsonPath().execute(documents.tree(shown.document())));
                out.flush();
            }
            case CUSTOM_COLUMNS, CUSTOM_COLUMNS_FILE -> {
                request.columns().render(documents.tree(shown.document()), request.headers(), ansi, out);
                out.flush();
            }
            default -> print(shown, request.format(), request.headers());
        }
    }

    public void print(Printable result, OutputFormat format, boolean headers) {
        switch (format) {
            case TABLE, WIDE -> {
                new TableRenderer(format == OutputFormat.WIDE, headers, ansi).render(result.table(), out);
                List<Cell> summary = result.summary();
                if (!summary.isEmpty()) {
                    out.println();
                    summary.forEach(line -> out.println(ansi.paint(SafeText.printable(line.text()), line.style())));
                }
            }
            case JSON -> out.print(documents.toJson(result.document()));
            case YAML -> out.print(documents.toYaml(result.document()));
            case NAME -> result.names().stream().distinct().forEach(out::println); // a pool of two rows once
            case RAW -> out.print(result.raw());
            case PROMETHEUS -> out.print(PrometheusText.render(result.metrics()));
            case JSONPATH, JSONPATH_FILE, CUSTOM_COLUMNS, CUSTOM_COLUMNS_FILE ->
                throw new IllegalStateException("-o " + format + " needs its template: print(result, OutputRequest)");
        }
        out.flush();
    }

    /**
     * A table (-o table / wide) printed while its rows are still being produced, for results too big
     * to hold; widths come from the first {@code probeRows} rows. Close it when the rows are done.
     */
    public TableRenderer.Rows tableRows(List<Column> columns, OutputFormat format, boolean headers, int probeRows) {
        return new TableRenderer(format == OutputFormat.WIDE, headers, ansi).open(columns, out, probeRows);
    }

    /**
     * The result of a change (create, re-create): kubectl's one-line message by default, or the
     * object itself with -o yaml / json, or its kind/name with -o name.
     *
     * @param format null for the message
     */
    public void printChange(String message, String kindAndName, Object object, OutputFormat format) {
        if (format == null) {
            out.println(message);
        } else if (format == OutputFormat.NAME) {
            out.println(kindAndName);
        } else if (format == OutputFormat.JSON) {
            out.print(documents.toJson(object));
        } else {
            out.print(documents.toYaml(object));
        }
        out.flush();
    }

    /** Lines of text by default (format null), or the document with -o json / yaml (version). */
    public void printText(List<String> lines, Object document, OutputFormat format) {
        if (format == null) {
            lines.forEach(l -> out.println(SafeText.printable(l)));
        } else if (format == OutputFormat.JSON) {
            out.print(documents.toJson(document));
        } else {
            out.print(documents.toYaml(document));
        }
        out.flush();
    }

    public Documents documents() {
        return documents;
    }

    public Ansi ansi() {
        return ansi;
    }
}
