package io.ipamctl.output;

import io.ipamctl.SafeText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one table printer: kubectl's layout (upper-case headers, columns padded to the widest cell,
 * three spaces between columns, {@code <none>} for empty cells), numbers right-aligned, control
 * characters escaped, colour only when asked for.
 *
 * <p>A whole {@link Table} is laid out from all its rows. Tables too big to hold (100k flows) are
 * written through {@link #open}: the column widths come from the first {@code probeRows} rows, later
 * rows are printed at once with those widths (a longer cell only pushes the rest of its own line).
 */
public final class TableRenderer {

    private static final String GAP = "   ";
    /** Padding is cut from this (a copy) rather than made per cell (an allocation and a fill). */
    private static final String SPACES = " ".repeat(256);

    public static final String NONE = "<none>";

    private final boolean wide;
    private final boolean headers;
    private final Ansi ansi;

    public TableRenderer(boolean wide, boolean headers, Ansi ansi) {
        this.wide = wide;
        this.headers = headers;
        this.ansi = ansi;
    }

    public void render(Table table, PrintWriter out) {
        try (Rows rows = open(table.columns(), out, Integer.MAX_VALUE)) {
            table.rows().forEach(rows::add);
        }
    }

    /** A table written row by row; widths from the first {@code probeRows} rows. Close it to flush. */
    public Rows open(List<Column> columns, PrintWriter out, int probeRows) {
        return new Rows(columns, out, probeRows);
    }

    /** The rows of one table being written; nothing is printed before the widths are known. */
    public final class Rows implements AutoCloseable {

        private final List<Column> columns;
        private final int[] shown;
        private final int[] width;
        private final PrintWriter out;
        private final int probeRows;
        private List<List<Cell>> probe = new ArrayList<>();

        private Rows(List<Column> columns, PrintWriter out, int probeRows) {
            this.columns = columns;
            this.out = out;
            this.probeRows = probeRows;
            this.shown = java.util.stream.IntStream.range(0, columns.size())
                    .filter(i -> wide || !columns.get(i).wideOnly())
                    .toArray();
            this.width = new int[shown.length];
            for (int k = 0; k < shown.length && headers; k++) {
                width[k] = columns.get(shown[k]).header().length();
            }
        }

        public void add(Cell... cells) {
            add(Arrays.asList(cells));
        }

        public void add(String... texts) {
            Cell[] cells = new Cell[texts.length];
            for (int i = 0; i < texts.length; i++) {
                cells[i] = Cell.of(texts[i]);
            }
            add(cells);
        }

        public void add(List<Cell> row) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "row has " + row.size() + " cells for " + columns.size() + " columns");
            }
            if (probe == null) {
                print(row);
                return;
            }
            for (int k = 0; k < shown.length; k++) {
                width[k] = Math.max(width[k], text(row.get(shown[k])).length());
            }
            probe.add(row);
            if (probe.size() >= probeRows) {
                flushProbe();
            }
        }

        private void flushProbe() {
            List<List<Cell>> rows = probe;
            probe = null;
            if (headers) {
                printHeader();
            }
            rows.forEach(this::print);
        }

        @Override
        public void close() {
            if (probe != null) {
                flushProbe();
            }
            out.flush();
        }

        private void printHeader() {
            String[] h = new String[shown.length];
            for (int k = 0; k < shown.length; k++) {
                h[k] = columns.get(shown[k]).header();
            }
            StringBuilder line = layout(h, null);
            out.println(ansi.enabled() ? ansi.bold(line.toString()) : stripTrailing(line));
        }

        private void print(List<Cell> row) {
            String[] t = new String[shown.length];
            for (int k = 0; k < shown.length; k++) {
                t[k] = text(row.get(shown[k]));
            }
            out.println(stripTrailing(layout(t, row)));
        }

        /** One line: cells padded to the widths; {@code row} null for the header (never painted). */
        private StringBuilder layout(String[] t, List<Cell> row) {
            StringBuilder line = new StringBuilder(128);
            for (int k = 0; k < t.length; k++) {
                Column col = columns.get(shown[k]);
                boolean last = k == t.length - 1;
                String cell = t[k];
                int pad = Math.max(0, width[k] - cell.length());
                String painted =
                        row == null ? cell : ansi.paint(cell, row.get(shown[k]).style());
                if (col.numeric()) {
                    pad(line, pad).append(painted);
                } else {
                    line.append(painted);
                    if (!last) {
                        pad(line, pad);
                    }
                }
                if (!last) {
                    line.append(GAP);
                }
            }
            return line;
        }
    }

    private static StringBuilder pad(StringBuilder line, int n) {
        for (int left = n; left > 0; left -= SPACES.length()) {
            line.append(SPACES, 0, Math.min(left, SPACES.length()));
        }
        return line;
    }

    private static String text(Cell cell) {
        String raw = cell.text();
        return raw == null || raw.isEmpty() ? NONE : SafeText.printable(raw);
    }

    private static String stripTrailing(StringBuilder line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(0, end);
    }
}
