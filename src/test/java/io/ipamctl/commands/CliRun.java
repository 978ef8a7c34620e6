package io.ipamctl.commands;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs ipamctl in-process with captured streams and a controlled environment. */
public final class CliRun {

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
    private boolean terminal;

    public CliRun(Path stateDir) {
        this.stateDir = stateDir;
        env.put("HOME", stateDir.toString());
    }

    public CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public CliRun terminal(boolean terminal) {
        this.terminal = terminal;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Ipamctl.run(args, new Environment(Map.copyOf(env), terminal, stateDir),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** The same with --sandbox in front. */
    public Result sandbox(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--sandbox";
        System.arraycopy(args, 0, all, 1, args.length);
        return run(all);
    }
}
