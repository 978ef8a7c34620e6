package io.ipamctl.it;

import java.util.List;

/**
 * A table without its AGE column, for comparing a real cluster's table with the sandbox's golden: the API
 * server sets creationTimestamp itself, so ages differ while every other column must be equal. AGE is a
 * left-aligned column: its cells sit between its header's start and the next header's start on every line,
 * and the columns after it keep their alignment when that span is cut out.
 */
final class AgeColumn {

    private AgeColumn() {}

    static String without(String table) {
        List<String> lines = table.lines().toList();
        String header = lines.get(0);
        int start = header.indexOf("   AGE ") + 3;
        if (start < 3) {
            throw new AssertionError("no AGE column in:\n" + table);
        }
        int next = start + "AGE".length();
        while (next < header.length() && header.charAt(next) == ' ') {
            next++;
        }
        int end = next;
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(
                            line.length() <= start
                                    ? line
                                    : line.substring(0, start) + line.substring(Math.min(end, line.length())))
                    .append('\n');
        }
        return out.toString();
    }
}
