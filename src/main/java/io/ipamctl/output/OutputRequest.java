package io.ipamctl.output;

/**
 * What -o, --no-headers and --sort-by asked for, checked: the format, and for the template formats the
 * parsed template (jsonPath for jsonpath / jsonpath-file, columns for custom-columns / custom-columns-file).
 *
 * @param sortBy the row order, or null for the command's own
 */
public record OutputRequest(
        OutputFormat format, boolean headers, JsonPathTemplate jsonPath, CustomColumns columns, RowOrder sortBy) {

    public static OutputRequest of(OutputFormat format, boolean headers) {
        return new OutputRequest(format, headers, null, null, null);
    }
}
