package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.commands.docs.BashCompletion;
import io.ipamctl.commands.docs.CommandModel;
import io.ipamctl.commands.docs.FishCompletion;
import io.ipamctl.commands.docs.ZshCompletion;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ipamctl completion bash|zsh|fish prints the generated script of the whole command tree. */
class CompletionCommandTest {

    @TempDir
    Path state;

    CliRun cli;

    @BeforeEach
    void setUp() {
        cli = new CliRun(state);
    }

    @Test
    void printsTheGeneratedScripts() {
        var tree = CommandModel.fullTree();
        assertPrints(BashCompletion.script(tree), cli.run("completion", "bash"));
        assertPrints(ZshCompletion.script(tree), cli.run("completion", "zsh"));
        assertPrints(FishCompletion.script(tree), cli.run("completion", "fish"));
    }

    private static void assertPrints(String expected, CliRun.Result r) {
        assertEquals(0, r.code());
        assertEquals("", r.err());
        assertEquals(expected, r.out());
    }

    @Test
    void theScriptKnowsCommandsOutsideItsOwnBranch() {
        // a run builds only the branch its arguments name; the script must still cover every command
        String script = cli.run("completion", "bash").out();
        assertEquals(true, script.contains("'pod pin-ip')"), "pod pin-ip is in the live-name model");
        assertEquals(
                true,
                script.contains(
                        "local commands=\"pool ip ns pod ovs trace doctor metrics sandbox shell server version completion options help\""),
                "the root's subcommands, __complete hidden");
    }

    @Test
    void unknownShell() {
        var r = cli.run("completion", "tcsh");
        assertEquals(2, r.code());
        assertEquals(
                "error: invalid argument \"tcsh\" for \"SHELL\": expected bash, zsh or fish (see 'ipamctl completion --help')\n",
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void shellMissing() {
        var r = cli.run("completion");
        assertEquals(2, r.code());
        assertEquals(
                "error: missing argument SHELL: ipamctl completion takes SHELL (see 'ipamctl completion --help')\n",
                r.err());
    }
}
