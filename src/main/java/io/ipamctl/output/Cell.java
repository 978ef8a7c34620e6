package io.ipamctl.output;

/** A table cell: its text and how to colour it on a terminal (never part of the text itself). */
public record Cell(String text, Style style) {

    /** Colours by meaning; the renderer maps them to ANSI only when colour is on. */
    public enum Style {
        PLAIN,
        GOOD,
        WARN,
        BAD,
        DIM
    }

    public static Cell of(String text) {
        return new Cell(text, Style.PLAIN);
    }

    public static Cell of(String text, Style style) {
        return new Cell(text, style);
    }
}
