package io.ipamctl;

import java.util.List;

/** An error meant for the user: one line of text and the exit code it maps to. */
public class IpamctlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final List<String> lines;

    public IpamctlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
        this.lines = List.of(message);
    }

    public IpamctlException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.lines = List.of(message);
    }

    private IpamctlException(int exitCode, List<String> lines) {
        super(String.join("; ", lines));
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    /** Several independent problems, each printed on its own "error:" line. */
    public static IpamctlException invalid(List<String> problems) {
        return new IpamctlException(ExitCode.USAGE, problems);
    }

    /** Several failures (names not found, ...), each printed on its own "error:" line: exit 1. */
    public static IpamctlException failed(List<String> failures) {
        return new IpamctlException(ExitCode.ERROR, failures);
    }

    /** One line each. */
    public List<String> lines() {
        return lines;
    }

    /** Invalid input, detected before anything was sent: exit 2. */
    public static IpamctlException invalid(String message) {
        return new IpamctlException(ExitCode.USAGE, message);
    }

    /** The cluster or the runtime failed: exit 1. */
    public static IpamctlException failed(String message) {
        return new IpamctlException(ExitCode.ERROR, message);
    }

    public static IpamctlException failed(String message, Throwable cause) {
        return new IpamctlException(ExitCode.ERROR, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
