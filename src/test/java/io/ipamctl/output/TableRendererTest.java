package io.ipamctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableRendererTest {

    private static final List<Column> COLUMNS = List.of(Column.text("NAME"), Column.number("N"), Column.text("NOTE"));

    @Test
    void wholeTableIsPaddedToTheWidestCell() {
        Table t = new Table(COLUMNS).row("a", "1", "x").row("longer", "100", "");
        assertEquals("""
                NAME       N   NOTE
                a          1   x
                longer   100   <none>
                """, render(t));
    }

    @Test
    void streamedRowsWithinTheProbeLookLikeTheWholeTable() {
        StringWriter out = new StringWriter();
        try (TableRenderer.Rows rows =
                new TableRenderer(false, true, Ansi.OFF).open(COLUMNS, new PrintWriter(out), 5)) {
            rows.add("a", "1", "x");
            rows.add("longer", "100", "");
        }
        assertEquals(render(new Table(COLUMNS).row("a", "1", "x").row("longer", "100", "")), out.toString());
    }

    @Test
    void rowsAfterTheProbeKeepItsWidthsAndALongerCellOnlyPushesItsOwnLine() {
        StringWriter out = new StringWriter();
        try (TableRenderer.Rows rows =
                new TableRenderer(false, false, Ansi.OFF).open(COLUMNS, new PrintWriter(out), 2)) {
            rows.add("a", "1", "x");
            rows.add("bb", "22", "y");
            rows.add("much-longer", "333", "z");
            rows.add("c", "4", "w");
        }
        assertEquals("""
                a     1   x
                bb   22   y
                much-longer   333   z
                c     4   w
                """, out.toString());
    }

    @Test
    void headerOnlyWhenNoRows() {
        StringWriter out = new StringWriter();
        new TableRenderer(false, true, Ansi.OFF)
                .open(COLUMNS, new PrintWriter(out), 10)
                .close();
        assertEquals("NAME   N   NOTE\n", out.toString());
    }

    private static String render(Table t) {
        StringWriter out = new StringWriter();
        new TableRenderer(false, true, Ansi.OFF).render(t, new PrintWriter(out));
        return out.toString();
    }
}
