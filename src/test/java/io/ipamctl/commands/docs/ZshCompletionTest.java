package io.ipamctl.commands.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated zsh completion in a real zsh: sourced after compinit, it registers the bash
 * completion through bashcompinit; the test asks bashcompinit's compgen for the candidates (what
 * _bash_complete hands to compadd) and keeps those matching the word, as compadd would.
 */
class ZshCompletionTest extends ShellCompletionTest {

    ZshCompletionTest() {
        super("zsh", "_ipamctl", ZshCompletion.script(CommandModel.fullTree()));
    }

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

    /** As compinit loads it from $fpath: the whole file parsed as one function's body, then run. */
    private static final String AUTOLOAD_DRIVER = DRIVER.replace("source \"$1\"\n", """
            fpath=("${1:h}" $fpath)
            autoload -U +X _ipamctl
            functions[load_ipamctl]=$functions[_ipamctl]
            load_ipamctl
            """);

    private List<String> complete(String line) throws IOException, InterruptedException {
        return ShellHarness.sorted(shell.run("zsh", "-f", "-c", DRIVER, "driver", script.toString(), line));
    }

    @Override
    List<String> values(String line) throws IOException, InterruptedException {
        return complete(line);
    }

    @Test
    void subcommands() throws Exception {
        assertEquals(
                List.of("check", "create", "delete", "get", "list", "ls", "release", "usage"),
                complete("ipamctl pool "));
    }

    /** No "command not found: compopt" on stderr (ShellHarness fails on any) when loaded from $fpath. */
    @Test
    void anAutoloadedScriptCompletesQuietly() throws Exception {
        assertEquals(
                List.of("all", "antrea"),
                ShellHarness.sorted(shell.run(
                        "zsh",
                        "-f",
                        "-c",
                        AUTOLOAD_DRIVER,
                        "driver",
                        script.toString(),
                        "ipamctl pool usage --source a")));
    }

    /** --flag=VALUE: zsh hands the word over whole, so the values come back with "--flag=" before them. */
    @Test
    void valuesAfterAnEqualsSign() throws Exception {
        assertEquals(List.of("--source=all", "--source=antrea"), complete("ipamctl pool usage --source=a"));
        assertEquals(List.of("--output=json", "--output=yaml"), complete("ipamctl version --output="));
        // an earlier --namespace=NS still names the namespace whose Pods complete
        assertEquals(List.of("db-01", "db-02"), complete("ipamctl --sandbox pod pin-ip --namespace=ns-db "));
    }
}
