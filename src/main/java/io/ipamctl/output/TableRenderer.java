package io.ipamctl.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.ipamctl.SafeText;

/**
 * The one table printer: kubectl's layout (upper-case headers, columns padded to the widest cell,
 * three spaces between columns, {@code <none>} for empty cells), numbers right-aligned, control
 * characters escaped, colour only when asked for.
 */
public final class TableRenderer {

    private static final String GAP = "   ";
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
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            if (wide || !table.columns().get(i).wideOnly()) {
                shown.add(i);
            }
        }
        List<String[]> texts = new ArrayList<>();
        int[] width = new int[shown.size()];
        if (headers) {
            String[] h = new String[shown.size()];
            for (int k = 0; k < shown.size(); k++) {
                h[k] = table.columns().get(shown.get(k)).header();
                width[k] = h[k].length();
            }
            texts.add(h);
        }
        for (List<Cell> row : table.rows()) {
            String[] t = new String[shown.size()];
            for (int k = 0; k < shown.size(); k++) {
                String raw = row.get(shown.get(k)).text();
                t[k] = raw == null || raw.isEmpty() ? NONE : SafeText.printable(raw);
                width[k] = Math.max(width[k], t[k].length());
            }
            texts.add(t);
        }
        int rowIndex = headers ? -1 : 0;
        for (String[] t : texts) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < t.length; k++) {
                Column col = table.columns().get(shown.get(k));
                boolean last = k == t.length - 1;
                String cell = t[k];
                int pad = width[k] - cell.length();
                Cell.Style style = rowIndex < 0 ? Cell.Style.PLAIN : table.rows().get(rowIndex).get(shown.get(k)).style();
                String painted = ansi.paint(cell, rowIndex < 0 ? null : style);
                if (col.numeric()) {
                    line.append(" ".repeat(pad)).append(painted);
                } else {
                    line.append(painted);
                    if (!last) {
                        line.append(" ".repeat(pad));
                    }
                }
                if (!last) {
                    line.append(GAP);
                }
            }
            out.println(ansi.enabled() && rowIndex < 0 ? ansi.bold(line.toString()) : stripTrailing(line));
            rowIndex++;
        }
        out.flush();
    }

    private static String stripTrailing(StringBuilder line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(0, end);
    }
}
