package io.ipamctl.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The OpenFlow tables of a node's br-int: IDs and the names Antrea gave them (OVS's Flow_Table rows,
 * which make `ovs-ofctl --names` print table=Classifier instead of table=3).
 */
public record FlowTables(Map<Integer, String> names) {

    /** OpenFlow table IDs; 255 means "all tables" in the protocol. */
    public static final int MAX_ID = 254;

    /** A table: its ID, and its name when the node named it. */
    public record Table(int id, String name) {

        /** Whether ovs-ofctl printed this table for a flow: by name when named, else by ID. */
        public boolean printedAs(String printed) {
            return printed.equals(Integer.toString(id)) || name != null && name.equalsIgnoreCase(printed);
        }

        /** "Classifier (3)", or "3" for an unnamed table. */
        public String label() {
            return name == null ? Integer.toString(id) : name + " (" + id + ")";
        }
    }

    public FlowTables {
        names = Map.copyOf(names);
    }

    /** An ID from 0 to 254; null when the text is not one. */
    public static Integer id(String text) {
        if (!text.matches("\\d{1,3}")) {
            return null;
        }
        int id = Integer.parseInt(text);
        return id <= MAX_ID ? id : null;
    }

    /**
     * The table a user named, by name (any case) or ID. On a node that names its tables (Antrea's do),
     * an ID must be one of them; on one that names none, every ID from 0 to 254 exists.
     */
    public Optional<Table> find(String text) {
        Integer id = id(text);
        if (id != null) {
            if (names.isEmpty() || names.containsKey(id)) {
                return Optional.of(new Table(id, names.get(id)));
            }
            return Optional.empty();
        }
        String wanted = text.toLowerCase(Locale.ROOT);
        return names.entrySet().stream()
                .filter(e -> e.getValue().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .map(e -> new Table(e.getKey(), e.getValue()));
    }

    /** Every named table in ID order, e.g. for a message naming the tables there are. */
    public List<Table> all() {
        List<Table> out = new ArrayList<>();
        new TreeMap<>(names).forEach((id, name) -> out.add(new Table(id, name)));
        return out;
    }
}
