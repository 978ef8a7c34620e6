package io.ipamctl;

/** The documented exit codes (README "Exit codes" and every command's --help footer). */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** The server or the runtime failed (unreachable, forbidden, rejected, timed out), or another client won a race. */
    public static final int ERROR = 1;
    /** Bad usage or invalid input; nothing was sent to the server. */
    public static final int USAGE = 2;
    /** A meaningful "no": a pool at or above --threshold, or problems found by a check. */
    public static final int THRESHOLD = 3;
    /** Partly done: some nodes or objects failed while others succeeded (each failure is shown). */
    public static final int PARTIAL = 4;
    /** Interrupted (Ctrl-C); whatever was started has been cleaned up. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
