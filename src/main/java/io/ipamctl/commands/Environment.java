package io.ipamctl.commands;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one run sees of the world outside its arguments: the request context. It is passed in, never
 * read from the process, so that tests control it and a long-running server can serve each client
 * with that client's own environment, directory, stdin and terminal (never the server's).
 *
 * @param env      environment variables of the caller
 * @param cwd      the caller's working directory: relative file arguments are resolved against it
 * @param stdin    the caller's standard input (read only by commands that take {@code -f -})
 * @param terminal which of the caller's streams are terminals, and its width
 * @param stateDir where the sandbox and history keep their state ($XDG_STATE_HOME/ipamctl or ~/.local/state/ipamctl)
 */
public record Environment(Map<String, String> env, Path cwd, InputStream stdin, Terminal terminal, Path stateDir) {

    /**
     * Which standard streams are terminals, and the terminal's width in columns (0 when unknown).
     * Colour, bars and progress lines follow stdout; help wraps at {@code columns} when known.
     */
    public record Terminal(boolean stdin, boolean stdout, boolean stderr, int columns) {

        public static final Terminal NONE = new Terminal(false, false, false, 0);

        /**
         * The launcher's view, {@code -Dipamctl.terminal=IOE:COLUMNS} with 1/0 for stdin, stdout and
         * stderr (a shell's {@code [ -t N ]} is exact where Java's {@code System.console()} only tells
         * whether stdin and stdout both are); without it, {@code System.console()} decides all three.
         */
        /** The launcher's (and the wire's) form "IOE:COLUMNS"; no terminal at all when malformed. */
        public static Terminal parse(String view) {
            return of(view, false, null);
        }

        static Terminal of(String launcherView, boolean console, String columnsEnv) {
            if (launcherView != null && launcherView.matches("[01]{3}(:\\d{1,4})?")) {
                int cols = launcherView.length() > 4 ? Integer.parseInt(launcherView.substring(4)) : 0;
                return new Terminal(
                        launcherView.charAt(0) == '1',
                        launcherView.charAt(1) == '1',
                        launcherView.charAt(2) == '1',
                        cols);
            }
            int cols = columnsEnv != null && columnsEnv.matches("\\d{1,4}") ? Integer.parseInt(columnsEnv) : 0;
            return new Terminal(console, console, console, console ? cols : 0);
        }
    }

    public Environment {
        env = Map.copyOf(env);
        cwd = cwd.toAbsolutePath();
    }

    /** A caller with no terminal on stdin/stderr and an empty stdin, in the process's directory (tests). */
    public Environment(Map<String, String> env, boolean stdoutTerminal, Path stateDir) {
        this(env, Path.of(""), InputStream.nullInputStream(), new Terminal(false, stdoutTerminal, false, 0), stateDir);
    }

    /** This process as started from a shell: the only place the real environment is read. */
    public static Environment system() {
        Map<String, String> env = io.ipamctl.client.CallerEnv.of(System.getenv());
        Terminal terminal =
                Terminal.of(System.getProperty("ipamctl.terminal"), System.console() != null, env.get("COLUMNS"));
        return new Environment(env, Path.of(""), System.in, terminal, defaultStateDir(env));
    }

    public static Path defaultStateDir(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "ipamctl");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "ipamctl");
    }

    /**
     * The moment ages (AGE) are counted to: the clock, or IPAMCTL_NOW (an RFC 3339 time) when set, for output
     * that must not change with the date (golden tests, documentation examples).
     */
    public java.time.Instant now() {
        String fixed = env.get("IPAMCTL_NOW");
        if (fixed == null || fixed.isEmpty()) {
            return java.time.Instant.now();
        }
        try {
            return java.time.Instant.parse(fixed);
        } catch (java.time.format.DateTimeParseException e) {
            throw io.ipamctl.IpamctlException.invalid("invalid IPAMCTL_NOW \"" + io.ipamctl.SafeText.printable(fixed)
                    + "\": expected an RFC 3339 time such as 2026-12-05T08:00:00Z, or leave it unset");
        }
    }

    public String get(String name) {
        return env.get(name);
    }

    /** Whether stdout is a terminal: colour, bars, in-place redraws and progress lines. */
    public boolean stdoutTerminal() {
        return terminal.stdout();
    }

    /** A file argument as the caller meant it: relative to the caller's working directory. */
    public Path resolve(Path file) {
        return cwd.resolve(file);
    }
}
