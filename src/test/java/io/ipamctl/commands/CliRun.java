package io.ipamctl.commands;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs ipamctl in-process with captured streams and a controlled environment. --sandbox commands need
 * a sandbox server of their state directory ({@link SandboxExtension}); a run that started a sandbox
 * process instead fails the test (and the process is stopped), unless {@link #allowSandboxProcess()}.
 */
public final class CliRun {

    /** How the sandbox's notice line starts. */
    public static final String SANDBOX_NOTICE = "ipamctl: using the built-in sandbox cluster";

    /** What one invocation produced. */
    public record Result(int code, String out, String err) {

        /** stderr without the sandbox's one-line notice. */
        public String errWithoutSandboxLine() {
            return err.lines().filter(l -> !l.startsWith(SANDBOX_NOTICE))
                    .map(l -> l + "\n").reduce("", String::concat);
        }
    }

    private final Path stateDir;
    private final Map<String, String> env = new HashMap<>();
    private Environment.Terminal terminal = Environment.Terminal.NONE;
    private Path cwd = Path.of("");
    private byte[] stdin = new byte[0];
    private Runnable beforeEachCommand = () -> { };
    private boolean sandboxProcessAllowed;

    public CliRun(Path stateDir) {
        this.stateDir = stateDir;
        env.put("HOME", stateDir.toString());
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(Map.copyOf(env), cwd, new java.io.ByteArrayInputStream(stdin), terminal, stateDir);
        int code = Ipamctl.run(args, environment,
                new PrintWriter(out, true), new PrintWriter(err, true));
        if (!sandboxProcessAllowed) {
            refuseSandboxProcess();
        }
        return new Result(code, out.toString(), err.toString());
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

    /** The same with --sandbox in front. */
    public Result sandbox(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--sandbox";
        System.arraycopy(args, 0, all, 1, args.length);
        return run(all);
    }
}
