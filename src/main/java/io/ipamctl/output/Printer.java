package io.ipamctl.output;

import java.io.PrintWriter;
import java.util.List;

import io.ipamctl.SafeText;

/** Renders a {@link Printable} in the chosen format. The only place command results are written. */
public final class Printer {

    private final PrintWriter out;
    private final Ansi ansi;
    private final Documents documents = new Documents();

    public Printer(PrintWriter out, Ansi ansi) {
        this.out = out;
        this.ansi = ansi;
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
            case NAME -> result.names().forEach(out::println);
            case RAW -> out.print(result.raw());
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
