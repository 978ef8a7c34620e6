package io.ipamctl.commands;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs ipamctl with captured streams and a controlled environment: in-process, or, when the system
 * property {@value #THROUGH_SERVER} is true (the surefire execution "through-server"), through a
 * real warm server over a real socket with the real Java client code, falling back to in-process
 * exactly where the launcher would (the server declines: shell, --watch, exec plugins).
 */
public final class CliRun {

    public static final String THROUGH_SERVER = "ipamctl.test.through-server";

    /** What one invocation produced. */
    public record Result(int code, String out, String err) {

        /** stderr without the sandbox's one-line notice. */
        public String errWithoutSandboxLine() {
            return err.lines().filter(l -> !l.startsWith("ipamctl: using the built-in sandbox cluster"))
                    .map(l -> l + "\n").reduce("", String::concat);
        }
    }

    private final Path stateDir;
    private final Map<String, String> env = new HashMap<>();
    private Environment.Terminal terminal = Environment.Terminal.NONE;
    private Path cwd = Path.of("");
    private byte[] stdin = new byte[0];

    /**
     * A caller whose HOME and XDG_STATE_HOME are dir: its state (sandbox, history, saved manifests) is
     * in {@link #stateDir()}, dir/ipamctl, derived from the environment as the server derives it.
     */
    public CliRun(Path dir) {
        env.put("HOME", dir.toString());
        env.put("XDG_STATE_HOME", dir.toString());
        this.stateDir = Environment.defaultStateDir(env);
    }

    /** Where this caller's state lives (dir/ipamctl). */
    public Path stateDir() {
        return stateDir;
    }

    public CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Whether stdout is a terminal (stdin and stderr are not). */
    public CliRun terminal(boolean terminal) {
        this.terminal = new Environment.Terminal(false, terminal, false, 0);
        return this;
    }

    /** Which streams are terminals, and the width. */
    public CliRun terminal(Environment.Terminal terminal) {
        this.terminal = terminal;
        return this;
    }

    /** The caller's working directory (relative file arguments). */
    public CliRun cwd(Path cwd) {
        this.cwd = cwd;
        return this;
    }

    /** What the caller's stdin holds. */
    public CliRun stdin(String text) {
        this.stdin = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return this;
    }

    public Result run(String... args) {
        if (Boolean.getBoolean(THROUGH_SERVER)) {
            Result r = throughServer(io.ipamctl.server.InJvmServer.shared().socket(), args);
            if (r != null) {
                return r;
            }
        }
        return inProcess(args);
    }

    /** In this JVM, as cli/ipamctl runs a command when no server answers. */
    public Result inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(Map.copyOf(env), cwd, new java.io.ByteArrayInputStream(stdin), terminal, stateDir);
        int code = Ipamctl.run(args, environment,
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Through the server at socket with the Java client's code; null when the server declines the run. */
    public Result throughServer(Path socket, String... args) {
        io.ipamctl.client.Client client = io.ipamctl.client.Client.connect(socket);
        if (client == null) {
            throw new IllegalStateException("no test server at " + socket);
        }
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int code = client.run(io.ipamctl.server.InJvmServer.BUILD, terminalView(), cwd.toAbsolutePath().toString(),
                Map.copyOf(env), args, new java.io.ByteArrayInputStream(stdin), out, err);
        if (code == io.ipamctl.client.Client.DECLINED) {
            return null;
        }
        if (code == io.ipamctl.client.Client.NO_SERVER) {
            throw new IllegalStateException("the test server did not run " + String.join(" ", args));
        }
        return new Result(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The launcher's "IOE:COLUMNS". */
    String terminalView() {
        return (terminal.stdin() ? "1" : "0") + (terminal.stdout() ? "1" : "0") + (terminal.stderr() ? "1" : "0")
                + ":" + terminal.columns();
    }

    /** The same with --sandbox in front. */
    public Result sandbox(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--sandbox";
        System.arraycopy(args, 0, all, 1, args.length);
        return run(all);
    }
}
