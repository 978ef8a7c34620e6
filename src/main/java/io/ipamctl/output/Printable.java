package io.ipamctl.output;

import java.util.List;

/** What a command hands to the output layer: the same data as a table, a document and names. */
public interface Printable {

    /** Rows for -o table / wide. */
    Table table();

    /** The stable, documented -o json / yaml schema (records, lists, maps), never a raw API object. */
    Object document();

    /** Lines for -o name, kubectl style ("ippool/pool-ap"). */
    List<String> names();

    /** Text for -o raw, where a command offers it. */
    default String raw() {
        throw new UnsupportedOperationException("-o raw");
    }
}
