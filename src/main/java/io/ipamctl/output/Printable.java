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

    /** Lines printed after the table (-o table / wide only), e.g. a verdict; json/yaml carry it in the document. */
    default List<Cell> summary() {
        return List.of();
    }

    /** Metric families for -o prometheus, where a command offers it. */
    default List<MetricFamily> metrics() {
        throw new UnsupportedOperationException("-o prometheus");
    }

    /** Text for -o raw, where a command offers it. */
    default String raw() {
        throw new UnsupportedOperationException("-o raw");
    }
}
