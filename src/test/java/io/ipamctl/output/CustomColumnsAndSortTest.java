package io.ipamctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipamctl.IpamctlException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** -o custom-columns and --sort-by through the Printer, on a small Printable. */
class CustomColumnsAndSortTest {

    record Item(String name, Long used, List<String> ranges) {}

    record Doc(String kind, List<Item> items) {}

    /** Three rows; the table shows NAME and USED (USED blank for the row without a value). */
    static final Printable ROWS = new Printable() {
        final List<Item> items = List.of(
                new Item("b", 10L, List.of("r1", "r2")), new Item("a", 9L, List.of()), new Item("c", null, null));

        @Override
        public Table table() {
            Table t = Table.of(Column.text("NAME"), Column.number("USED"));
            items.forEach(
                    i -> t.row(i.name(), i.used() == null ? null : i.used().toString()));
            return t;
        }

        @Override
        public Object document() {
            return new Doc("List", items);
        }

        @Override
        public List<String> names() {
            return items.stream().map(i -> "x/" + i.name()).toList();
        }
    };

    private static String print(OutputRequest request) {
        StringWriter s = new StringWriter();
        new Printer(new PrintWriter(s), Ansi.OFF).print(ROWS, request);
        return s.toString();
    }

    private static OutputRequest columns(String spec, boolean headers, String sortBy) {
        return new OutputRequest(
                OutputFormat.CUSTOM_COLUMNS,
                headers,
                null,
                CustomColumns.parse(spec),
                sortBy == null ? null : RowOrder.parse(sortBy));
    }

    @Test
    void customColumnsJoinSeveralMatchesAndShowNoneForNothing() {
        assertEquals("N   R\nb   r1,r2\na   <none>\nc   <none>\n", print(columns("N:.name,R:.ranges[*]", true, null)));
        assertEquals("b   10\na   9\nc   <none>\n", print(columns("N:{.name},U:.used", false, null)));
    }

    @Test
    void customColumnsFileHasHeadersOverPaths() {
        OutputRequest r = new OutputRequest(
                OutputFormat.CUSTOM_COLUMNS_FILE,
                true,
                null,
                CustomColumns.parseFile("NAME   USED\n.name  {.used}\n", "cols.txt"),
                null);
        assertEquals("NAME   USED\nb      10\na      9\nc      <none>\n", print(r));
        IpamctlException e =
                assertThrows(IpamctlException.class, () -> CustomColumns.parseFile("A B\n.a\n", "cols.txt"));
        assertEquals(
                "custom-columns-file cols.txt: expected a line of headers and under it a line with one JSONPath per"
                        + " header (2 headers, 1 paths)",
                e.getMessage());
    }

    @Test
    void badSpecsAreUsageErrors() {
        IpamctlException e = assertThrows(IpamctlException.class, () -> CustomColumns.parse("NAME:.name,USED"));
        assertEquals(2, e.exitCode());
        assertEquals("unexpected custom-columns spec: USED, expected <header>:<json-path-expr>", e.getMessage());
        assertEquals(
                "error parsing jsonpath .a[, unclosed bracket in \".a[\"",
                assertThrows(IpamctlException.class, () -> CustomColumns.parse("A:.a["))
                        .getMessage());
        assertEquals(
                "error parsing jsonpath .a[x], invalid expression \".a[x]\"",
                assertThrows(IpamctlException.class, () -> CustomColumns.parse("A:.a[x]"))
                        .getMessage());
    }

    @Test
    void sortByAPathOrdersTableDocumentAndNamesAlike() {
        OutputRequest table = new OutputRequest(OutputFormat.TABLE, true, null, null, RowOrder.parse(".used"));
        assertEquals("NAME     USED\nc      <none>\na           9\nb          10\n", print(table));
        OutputRequest names = new OutputRequest(OutputFormat.NAME, true, null, null, RowOrder.parse("{.name}"));
        assertEquals("x/a\nx/b\nx/c\n", print(names));
        OutputRequest path = new OutputRequest(
                OutputFormat.JSONPATH, true, JsonPathTemplate.parse("{.items[*].name}"), null, RowOrder.parse(".used"));
        assertEquals("c a b", print(path));
    }

    @Test
    void sortByAColumnNameComparesNumbersAsNumbers() {
        OutputRequest r = new OutputRequest(OutputFormat.JSON, true, null, null, RowOrder.parse("used"));
        assertEquals(
                "{\n    \"kind\": \"List\",\n    \"items\": [\n        {\n            \"name\": \"c\"\n        },\n"
                        + "        {\n            \"name\": \"a\",\n            \"used\": 9,\n            \"ranges\": [ ]\n        },\n"
                        + "        {\n            \"name\": \"b\",\n            \"used\": 10,\n            \"ranges\": [\n"
                        + "                \"r1\",\n                \"r2\"\n            ]\n        }\n    ]\n}\n",
                print(r));
        IpamctlException e = assertThrows(
                IpamctlException.class,
                () -> print(new OutputRequest(OutputFormat.TABLE, true, null, null, RowOrder.parse("AGE"))));
        assertEquals(
                "invalid --sort-by \"AGE\": no such column; use one of NAME, USED, or a JSONPath such as .name",
                e.getMessage());
        assertEquals(
                "invalid --sort-by \"a b\": expected a JSONPath such as .name or {.used}, or a column name such as NAME",
                assertThrows(IpamctlException.class, () -> RowOrder.parse("a b"))
                        .getMessage());
    }
}
