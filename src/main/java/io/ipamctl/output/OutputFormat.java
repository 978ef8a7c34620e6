package io.ipamctl.output;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The -o values. Not every command offers every format; see {@link OutputOptions}. */
public enum OutputFormat {
    TABLE,
    WIDE,
    JSON,
    YAML,
    NAME,
    RAW,
    PROMETHEUS,
    /** kubectl's template formats: -o jsonpath=TEMPLATE, custom-columns=SPEC and their -file forms (OutputRequest). */
    JSONPATH,
    JSONPATH_FILE,
    CUSTOM_COLUMNS,
    CUSTOM_COLUMNS_FILE;

    /** Whether the format takes a value after "=" (jsonpath=..., custom-columns-file=...). */
    public boolean takesTemplate() {
        return ordinal() >= JSONPATH.ordinal();
    }

    public static OutputFormat parse(String text) {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown output format \"" + text + "\"; use one of "
                + Arrays.stream(values()).map(OutputFormat::toString).collect(Collectors.joining("|")));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
