package io.ipamctl;

import java.util.List;

/**
 * The documented exit codes: the constants the code returns, and {@link #TABLE}, the one list of what
 * they mean that every command's --help, the man pages and the reference pages show (README "Exit codes"
 * is checked against it by ExitCodeTest).
 */
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

    /** One documented code and its meaning in a few words. */
    public record Meaning(int code, String text) {}

    /** Every code, in order, as help lists them. */
    public static final List<Meaning> TABLE = List.of(
            new Meaning(OK, "success"),
            new Meaning(ERROR, "the server or the runtime failed"),
            new Meaning(USAGE, "bad usage or invalid input (nothing was changed)"),
            new Meaning(THRESHOLD, "threshold reached or problems found"),
            new Meaning(PARTIAL, "partly failed (some nodes or objects)"),
            new Meaning(INTERRUPTED, "interrupted"));

    private ExitCode() {}
}
