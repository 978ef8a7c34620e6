package io.ipamctl.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Which flows to keep: of one table, and with the Pod's port, IP or MAC appearing in them. */
public record FlowFilter(FlowTables.Table table, List<String> tokens, List<Pattern> patterns)
        implements Predicate<OvsFlow> {

    public static final FlowFilter ALL = new FlowFilter(null, List.of());

    /** Patterns compiled once per filter, not once per flow (100k flows). */
    public FlowFilter(FlowTables.Table table, List<String> tokens) {
        this(
                table,
                tokens,
                tokens.stream()
                        .map(t -> Pattern.compile(
                                "(?<![0-9A-Za-z.:_-])" + Pattern.quote(t) + "(?![0-9A-Za-z_-]|\\.[0-9])"))
                        .toList());
    }

    /** Keep flows of this table, whether OVS prints it by name or by ID; null keeps every table. */
    public FlowFilter withTable(FlowTables.Table t) {
        return new FlowFilter(t, tokens);
    }

    /** Keep flows that mention any of these values (an IP, a MAC, a quoted port name) as a whole token. */
    public FlowFilter mentioning(List<String> values) {
        List<String> all = new ArrayList<>(tokens);
        all.addAll(values);
        return new FlowFilter(table, List.copyOf(all));
    }

    @Override
    public boolean test(OvsFlow f) {
        if (table != null && !table.printedAs(f.table())) {
            return false;
        }
        if (tokens.isEmpty()) {
            return true;
        }
        String text = f.match() + " " + f.actions();
        for (Pattern p : patterns) {
            if (p.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }
}
