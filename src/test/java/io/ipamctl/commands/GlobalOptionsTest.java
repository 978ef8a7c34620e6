package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * A global option means the same wherever it stands (root, any subcommand level, after positionals) and
 * however often it is given: a flag stays on, the last value of an option wins (kubectl's rule). The
 * options are read from the model, so a new global option is covered without editing this test.
 */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class GlobalOptionsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @TempDir
    Path state;

    /** Every global option of the root, by its longest name. */
    static Stream<String> globalOptions() {
        return fullTree().getCommandSpec().options().stream()
                .filter(o -> o.scopeType() == ScopeType.INHERIT)
                .map(OptionSpec::longestName);
    }

    private static CommandLine fullTree() {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        return Ipamctl.commandLine(new IpamctlCommand(new Environment(Map.of(), false, Path.of("")), sink, sink));
    }

    /** Parses args on the whole tree as a run does and returns the value the option ends up with. */
    private static Object valueAfter(String name, String... args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        IpamctlCommand root = new IpamctlCommand(new Environment(Map.of(), false, Path.of("")), sink, sink);
        CommandLine cl = Ipamctl.commandLine(root, args);
        cl.parseArgs(args);
        return cl.getCommandSpec().findOption(name).getValue();
    }

    /** Two different valid values of an option (by its type). */
    private static List<String> twoValues(OptionSpec o) {
        if (o.type() == Duration.class) {
            return List.of("5s", "7s");
        }
        return List.of("first", "second");
    }

    private static Object converted(OptionSpec o, String value) {
        if (o.type() == Duration.class) {
            return DurationConverter.parse(value);
        }
        if (o.type() == Path.class) {
            return Path.of(value);
        }
        return value;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("globalOptions")
    void oneMeaningAtEveryLevelAndRepeated(String name) {
        OptionSpec o = fullTree().getCommandSpec().findOption(name);
        if (o.arity().max() == 0) {
            // a flag given again never switches it off: at two levels, twice at one level, after positionals
            for (String[] args : List.of(
                    new String[] {name, "pool", name, "usage"},
                    new String[] {name, "pool", "usage", name},
                    new String[] {name, name, "pool", "usage"},
                    new String[] {"pool", "usage", "pool-ap", name, name},
                    new String[] {"pool", name, "usage"})) {
                assertEquals(true, valueAfter(name, args), String.join(" ", args));
            }
            return;
        }
        List<String> v = twoValues(o);
        Object last = converted(o, v.get(1));
        for (String[] args : List.of(
                new String[] {name, v.get(0), "pool", name, v.get(1), "usage"},
                new String[] {name, v.get(0), "pool", "usage", "pool-ap", name, v.get(1)},
                new String[] {name, v.get(0), name, v.get(1), "pool", "usage"},
                new String[] {"pool", "usage", name, v.get(0), name + "=" + v.get(1)},
                new String[] {"pool", name, v.get(1), "usage"})) {
            assertEquals(last, valueAfter(name, args), String.join(" ", args));
        }
    }

    @Test
    void theSandboxGivenTwiceStaysTheSandbox() {
        // issue 15.1: this ran against the real kubeconfig
        CliRun cli = sandbox.cli();
        for (String[] args : List.of(
                new String[] {"--sandbox", "pool", "--sandbox", "usage", "--source", "antrea"},
                new String[] {"--sandbox", "--sandbox", "pool", "usage", "--source", "antrea"},
                new String[] {"pool", "--sandbox", "usage", "--source", "antrea", "--sandbox"})) {
            CliRun.Result r = cli.run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().startsWith("NAME "), r.out());
            assertTrue(r.out().contains("pool-ap"), r.out());
        }
    }

    @Test
    void theLastOutputFormatWins() {
        CliRun cli = sandbox.cli();
        CliRun.Result r = cli.sandbox("pool", "usage", "pool-ap", "-o", "yaml", "-o", "json");
        assertEquals("", r.errWithoutSandboxLine());
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("{"), r.out());
    }

    /** Every single-valued option of every command, given twice: no error, and the value of the last one. */
    @Test
    void everySingleValuedCommandOptionTakesTheLastValue() {
        List<String> checked = new ArrayList<>();
        for (CommandLine command : CommandTreeWalk.every(fullTree())) {
            CommandSpec spec = command.getCommandSpec();
            for (OptionSpec o : spec.options()) {
                if (o.scopeType() == ScopeType.INHERIT
                        || o.inherited()
                        || o.arity().max() == 0
                        || o.isMultiValue()) {
                    continue;
                }
                List<String> v = values(o);
                List<String> path = CommandTreeWalk.pathWithRequiredValues(command, o);
                String name = o.longestName();
                Object twice = leafValue(path, name, name + "=" + v.get(0), name + "=" + v.get(1));
                Object once = leafValue(path, name, name + "=" + v.get(1));
                assertEquals(once, twice, String.join(" ", CommandTreeWalk.path(command)) + " " + name);
                assertNotEquals(
                        leafValue(path, name, name + "=" + v.get(0)),
                        once,
                        String.join(" ", CommandTreeWalk.path(command)) + " " + name);
                checked.add(String.join(" ", CommandTreeWalk.path(command)) + " " + name);
            }
        }
        assertTrue(checked.contains("pool usage --output"), checked.toString());
        assertTrue(checked.contains("pool usage --threshold"), checked.toString());
        assertTrue(checked.contains("pod pin-ip --timeout"), checked.toString());
    }

    /** The value the option of the command at path has after parsing path and the options. */
    private static Object leafValue(List<String> path, String name, String... options) {
        List<String> args = new ArrayList<>(path);
        args.addAll(List.of(options));
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        CommandLine cl = Ipamctl.commandLine(
                new IpamctlCommand(new Environment(Map.of(), false, Path.of("")), sink, sink),
                args.toArray(String[]::new));
        CommandLine.ParseResult parsed = cl.parseArgs(args.toArray(String[]::new));
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed.commandSpec().findOption(name).getValue();
    }

    private static List<String> values(OptionSpec o) {
        List<String> candidates = new ArrayList<>();
        if (o.completionCandidates() != null) {
            o.completionCandidates().forEach(candidates::add);
        }
        if (candidates.size() >= 2) {
            return candidates.subList(0, 2);
        }
        if (o.converters().length > 0 && o.converters()[0] instanceof ValueForms.Ip) {
            return List.of("10.0.0.1", "10.0.0.2");
        }
        if (o.converters().length > 0 && o.converters()[0] instanceof io.ipamctl.commands.metrics.ListenAddress) {
            return List.of("127.0.0.1:9447", "127.0.0.1:9448");
        }
        if (o.converters().length > 0 && o.converters()[0] instanceof ValueForms.TcpFlags) {
            return List.of("SYN", "SYN,ACK");
        }
        Class<?> t = o.type();
        if (t == Integer.class || t == int.class || t == Double.class || t == double.class) {
            return List.of("4", "6");
        }
        if (t == Duration.class) {
            return List.of("5s", "7s");
        }
        return List.of("first", "second");
    }
}
