package io.ipamctl.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs ipamctl with captured streams and a controlled environment: in-process, or, when the system
 * property {@value #THROUGH_SERVER} is true (the surefire execution "through-server"), through a
 * real warm server over a real socket with the real Java client code, falling back to in-process
 * exactly where the launcher would (the server declines: shell, --watch, exec plugins). --sandbox
 * commands need a sandbox server of their state directory ({@link SandboxExtension}); a run that
 * started a sandbox process instead fails the test (and the process is stopped), unless
 * {@link #allowSandboxProcess()}.
 */
public final class CliRun {

    public static final String THROUGH_SERVER = "ipamctl.test.through-server";

    /** When true, {@link #inProcess} runs as Main does ({@link #cold}): a whole suite against the early connection. */
    public static final String COLD = "ipamctl.test.cold";

    /** How the sandbox's notice line starts. */
    public static final String SANDBOX_NOTICE = "ipamctl: using the built-in sandbox cluster";

    /** What one invocation produced. */
    public record Result(int code, String out, String err) {

        /** stderr without the sandbox's one-line notice. */
        public String errWithoutSandboxLine() {
            return err.lines()
                    .filter(l -> !l.startsWith(SANDBOX_NOTICE))
                    .map(l -> l + "\n")
                    .reduce("", String::concat);
        }
    }

    private final Path stateDir;
    private final Map<String, String> env = new HashMap<>();
    private Environment.Terminal terminal = Environment.Terminal.NONE;
    private Path cwd = Path.of("");
    private byte[] stdin = new byte[0];
    private Runnable beforeEachCommand = () -> {};
    private boolean sandboxProcessAllowed;

    /**
     * A caller whose HOME and XDG_STATE_HOME are dir: its state (sandbox, history, saved manifests) is
     * in {@link #stateDir()}, dir/ipamctl, derived from the environment as the server derives it.
     */
    public CliRun(Path dir) {
        env.put("HOME", dir.toString());
        env.put("XDG_STATE_HOME", dir.toString());
        this.stateDir = Environment.defaultStateDir(env);
    }

    /**
     * The moment AGE is counted to in runs with {@link #seedClock()}: a little after the seed's newest object
     * (cli/cluster/seed.yaml's creationTimestamps, which the sandbox keeps), so golden tables never change with the date.
     */
    public static final String SEED_NOW = "2026-12-05T08:00:00Z";

    /** Counts ages to {@link #SEED_NOW} (IPAMCTL_NOW), for runs that show the seed's pools with their AGE. */
    public CliRun seedClock() {
        return env("IPAMCTL_NOW", SEED_NOW);
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

    /** Runs before every command (a SandboxExtension waits for its stand-ins). */
    public CliRun beforeEachCommand(Runnable hook) {
        this.beforeEachCommand = hook;
        return this;
    }

    /** Lets --sandbox start a real sandbox process (the tests of that process). */
    public CliRun allowSandboxProcess() {
        this.sandboxProcessAllowed = true;
        return this;
    }

    public Result run(String... args) {
        beforeEachCommand.run();
        Result r = Boolean.getBoolean(THROUGH_SERVER)
                ? throughServer(io.ipamctl.server.InJvmServer.shared().socket(), args)
                : null;
        if (r == null) {
            r = inProcess(args);
        }
        if (!sandboxProcessAllowed) {
            refuseSandboxProcess();
        }
        return r;
    }

    /** In this JVM, as cli/ipamctl runs a command when no server answers. */
    public Result inProcess(String... args) {
        return Boolean.getBoolean(COLD) ? cold(args) : inProcess(false, args);
    }

    /** In this JVM as Main runs it: the connection started early on a second thread (Ipamctl.runCold). */
    public Result cold(String... args) {
        return inProcess(true, args);
    }

    private Result inProcess(boolean cold, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment =
                new Environment(Map.copyOf(env), cwd, new java.io.ByteArrayInputStream(stdin), terminal, stateDir);
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        int code = cold ? Ipamctl.runCold(args, environment, o, e) : Ipamctl.run(args, environment, o, e);
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
        int code = client.run(
                io.ipamctl.server.InJvmServer.BUILD,
                terminalView(),
                cwd.toAbsolutePath().toString(),
                Map.copyOf(env),
                args,
                new java.io.ByteArrayInputStream(stdin),
                out,
                err);
        if (code == io.ipamctl.client.Client.DECLINED) {
            return null;
        }
        if (code == io.ipamctl.client.Client.NO_SERVER) {
            throw new IllegalStateException("the test server did not run " + String.join(" ", args));
        }
        return new Result(
                code,
                out.toString(java.nio.charset.StandardCharsets.UTF_8),
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The launcher's "IOE:COLUMNS". */
    String terminalView() {
        return (terminal.stdin() ? "1" : "0") + (terminal.stdout() ? "1" : "0") + (terminal.stderr() ? "1" : "0") + ":"
                + terminal.columns();
    }

    /** A sandbox process of another JVM for this state directory means the test forgot its SandboxExtension. */
    private void refuseSandboxProcess() {
        Path info = stateDir.resolve("sandbox").resolve("server.json");
        if (!java.nio.file.Files.exists(info)) {
            return;
        }
        try {
            String text = java.nio.file.Files.readString(info);
            if (text.contains("\"pid\" : " + ProcessHandle.current().pid() + ",")) {
                return;
            }
        } catch (java.io.IOException e) {
            return;
        }
        io.ipamctl.sandbox.SandboxClient.stop(stateDir, "the test", new PrintWriter(java.io.Writer.nullWriter()));
        throw new AssertionError("this --sandbox command started a sandbox process: register a SandboxExtension");
    }

    /** A kubeconfig in dir (file "kubeconfig") for the API server at url with a bearer token, for --kubeconfig. */
    public static Path kubeconfig(Path dir, String url, String token) {
        Path file = dir.resolve("kubeconfig");
        try {
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: mock
                      cluster: {server: %s}
                    contexts:
                    - name: mock
                      context: {cluster: mock, user: u}
                    current-context: mock
                    users:
                    - name: u
                      user: {token: %s}
                    """.formatted(url.replaceAll("/$", ""), token));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The same with --sandbox in front. */
    public Result sandbox(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--sandbox";
        System.arraycopy(args, 0, all, 1, args.length);
        return run(all);
    }
}
