package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.docs.CommandModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every typed option (numbers, durations, enums, IPs, formats, booleans given a value) refuses a value of
 * the wrong form while parsing, naming the flag and the form expected: kubectl's
 * {@code invalid argument "x" for "--flag"}, exit 2, nothing on stdout. The options come from the model,
 * so a new typed option is covered without editing this test.
 */
class TypedValuesTest {

    private static final String BAD = "x%y";

    @TempDir
    Path state;

    @Test
    void everyTypedOptionNamesTheFlagAndTheForm() {
        CliRun cli = new CliRun(state);
        List<String> checked = new ArrayList<>();
        for (CommandLine command : CommandTreeWalk.every(CommandModel.fullTree())) {
            CommandSpec spec = command.getCommandSpec();
            for (OptionSpec o : spec.options()) {
                Class<?> valueType = o.isMultiValue() ? o.auxiliaryTypes()[0] : o.type();
                boolean typed = valueType != String.class || o.converters().length > 0;
                if (!typed
                        || o.hidden()
                        || o.type() == Path.class
                        || o.usageHelp()
                        || o.versionHelp()
                        || spec.userObject() instanceof CompleteCommand) {
                    continue;
                }
                List<String> args = CommandTreeWalk.pathWithRequiredValues(command, o);
                args.add(o.longestName() + "=" + BAD);
                CliRun.Result r = cli.run(args.toArray(String[]::new));
                String where = String.join(" ", args);
                assertEquals(2, r.code(), where + ": " + r.err());
                assertEquals("", r.out(), where);
                assertTrue(
                        r.err()
                                .matches("error: invalid argument \"" + BAD + "\" for \"" + o.longestName()
                                        + "\": expected [^\n]+ \\(see '" + spec.qualifiedName() + " --help'\\)\n"),
                        where + ": " + r.err());
                checked.add(spec.qualifiedName() + " " + o.longestName());
            }
        }
        for (String expected : List.of(
                "ipamctl pool usage --threshold",
                "ipamctl pool usage --source",
                "ipamctl pool usage --output",
                "ipamctl pool create --vlan",
                "ipamctl pool create --gateway",
                "ipamctl pool create --dry-run",
                "ipamctl trace --dst-port",
                "ipamctl pod pin-ip --timeout",
                "ipamctl --request-timeout",
                "ipamctl ovs flows --ip")) {
            assertTrue(checked.contains(expected), expected + " in " + checked);
        }
    }
}
