package io.ipamctl.output;

/**
 * A table column. Wide-only columns appear with -o wide. Numbers are right-aligned.
 */
public record Column(String header, boolean wideOnly, boolean numeric) {

    public static Column text(String header) {
        return new Column(header, false, false);
    }

    public static Column number(String header) {
        return new Column(header, false, true);
    }

    public static Column wide(String header) {
        return new Column(header, true, false);
    }
}
