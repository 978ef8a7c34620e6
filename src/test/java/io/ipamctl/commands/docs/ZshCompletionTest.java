package io.ipamctl.commands.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated zsh completion in a real zsh: sourced after compinit, it registers the bash
 * completion through bashcompinit; the test asks bashcompinit's compgen for the candidates (what
 * _bash_complete hands to compadd) and keeps those matching the word, as compadd would.
 */
class ZshCompletionTest {

    private static final String DRIVER = """
            autoload -U +X compinit && compinit -u
            source "$1"
            fn=${${_comps[ipamctl]#*-F }%% *}
            COMP_LINE=$2; COMP_POINT=${#COMP_LINE}
            COMP_WORDS=( ${=COMP_LINE} )
            if [[ "$COMP_LINE" == *" " ]]; then COMP_WORDS+=(""); fi
            COMP_CWORD=$(( ${#COMP_WORDS} - 1 ))
            cur=${COMP_WORDS[-1]}
            r=( ${(f)"$(compgen -F $fn -- "$cur")"} )
            print -rl -- ${(M)r:#${cur}*}
            """;

    @TempDir
    Path dir;

    ShellHarness shell;
    Path script;

    @AfterEach
    void stopSandbox() throws Exception {
        if (shell != null) {
            shell.stopSandbox();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(ShellHarness.find("zsh").isPresent(), "zsh is not installed (apt-get install -y zsh): test skipped");
        shell = new ShellHarness(dir);
        script = shell.script("_ipamctl", ZshCompletion.script(CommandModel.fullTree()));
    }

    private List<String> complete(String line) throws IOException, InterruptedException {
        return ShellHarness.sorted(shell.run("zsh", "-f", "-c", DRIVER, "driver", script.toString(), line));
    }

    @Test
    void subcommands() throws Exception {
        assertEquals(
                List.of("check", "create", "delete", "get", "list", "ls", "release", "usage"),
                complete("ipamctl pool "));
    }

    @Test
    void livePoolNamesOfEverySourceFromTheSandbox() throws Exception {
        CompletionCases.livePoolNamesOfEverySource(this::complete);
    }

    @Test
    void valuesOfEnumAndFormatOptions() throws Exception {
        CompletionCases.valuesOfEnumAndFormatOptions(this::complete);
    }

    @Test
    void nodeNamesWhereANodeIsAsked() throws Exception {
        CompletionCases.nodeNamesWhereANodeIsAsked(this::complete);
    }

    @Test
    void aSelectorTakesNoCompletionAndTheLineGoesOn() throws Exception {
        CompletionCases.aSelectorTakesNoCompletionAndTheLineGoesOn(this::complete);
    }
}
