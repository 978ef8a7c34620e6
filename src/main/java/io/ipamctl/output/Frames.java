package io.ipamctl.output;

import java.io.PrintWriter;

/**
 * Successive renderings of one view (pool usage --watch). On a terminal each frame replaces the
 * previous one in place: the cursor goes up over it and the screen below is cleared, with line
 * wrapping off meanwhile so that a frame takes exactly as many lines as it has (a line wider than
 * the terminal is cut at its edge instead). Elsewhere each frame is printed after the previous one,
 * separated from it. A frame equal to the one shown is not shown again.
 */
public final class Frames implements AutoCloseable {

    private static final String WRAP_OFF = "\u001b[?7l";
    private static final String WRAP_ON = "\u001b[?7h";
    private static final String CLEAR_BELOW = "\r\u001b[J";

    private final PrintWriter out;
    private final boolean inPlace;
    private final String separator;
    private String shown;
    private int linesShown;

    /**
     * @param inPlace   redraw in place (stdout is a terminal)
     * @param separator what goes between frames when they are not redrawn in place ("\n", "---\n")
     */
    public Frames(PrintWriter out, boolean inPlace, String separator) {
        this.out = out;
        this.inPlace = inPlace;
        this.separator = separator;
        if (inPlace) {
            out.print(WRAP_OFF);
        }
    }

    public void show(String frame) {
        if (frame.equals(shown)) {
            return;
        }
        if (inPlace && linesShown > 0) {
            out.print("\u001b[" + linesShown + "A" + CLEAR_BELOW);
        } else if (shown != null && !inPlace) {
            out.print(separator);
        }
        out.print(frame);
        out.flush();
        shown = frame;
        linesShown = (int) frame.chars().filter(c -> c == '\n').count();
    }

    /** Something else was printed below the frame (a warning): the next frame goes below it, not over it. */
    public void keepShown() {
        linesShown = 0;
    }

    /** Turns line wrapping back on (also on Ctrl-C, from the caller's clean-up). */
    @Override
    public void close() {
        if (inPlace) {
            out.print(WRAP_ON);
            out.flush();
        }
    }
}
