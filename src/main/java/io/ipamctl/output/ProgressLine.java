package io.ipamctl.output;

import io.ipamctl.SafeText;
import java.io.PrintWriter;

/**
 * The one way commands show how far a wait has come: one line on stderr, rewritten in place and
 * wiped when done. Only when a person watches a terminal; otherwise it prints nothing at all.
 * A line is cut to the terminal's width, since a wrapped line cannot be rewritten in place.
 */
public final class ProgressLine implements AutoCloseable {

    private static final String START_OF_EMPTY_LINE = "\r\u001b[K";

    private final PrintWriter err;
    private final boolean enabled;
    private final int columns;
    private boolean shown;

    /** @param columns the terminal's width, 0 when unknown (nothing is cut) */
    public ProgressLine(PrintWriter err, boolean enabled, int columns) {
        this.err = err;
        this.enabled = enabled;
        this.columns = columns;
    }

    public synchronized void show(String text) {
        if (!enabled) {
            return;
        }
        String line = SafeText.printable(text);
        if (columns > 4 && line.length() >= columns) {
            line = line.substring(0, columns - 4) + "...";
        }
        err.print(START_OF_EMPTY_LINE + line);
        err.flush();
        shown = true;
    }

    /** Wipes the line, so what follows starts on a clean one; a later {@link #show} draws it again. */
    @Override
    public synchronized void close() {
        if (shown) {
            err.print(START_OF_EMPTY_LINE);
            err.flush();
            shown = false;
        }
    }
}
