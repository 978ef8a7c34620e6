package io.ipamctl.output;

import java.io.PrintWriter;

import io.ipamctl.SafeText;

/**
 * One line on stderr telling how far a wait has come, rewritten in place and wiped when done. Only
 * when a person watches a terminal; otherwise it prints nothing at all.
 */
public final class ProgressLine implements AutoCloseable {

    private static final String START_OF_EMPTY_LINE = "\r\u001b[K";

    private final PrintWriter err;
    private final boolean enabled;
    private boolean shown;

    public ProgressLine(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    public synchronized void show(String text) {
        if (!enabled) {
            return;
        }
        err.print(START_OF_EMPTY_LINE + SafeText.printable(text));
        err.flush();
        shown = true;
    }

    /** Wipes the line, so what follows starts on a clean one. */
    @Override
    public synchronized void close() {
        if (shown) {
            err.print(START_OF_EMPTY_LINE);
            err.flush();
            shown = false;
        }
    }
}
