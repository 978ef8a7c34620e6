package io.ipamctl.commands.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated bash completion in a real bash (no terminal): the script is sourced, COMP_WORDS and
 * COMP_CWORD set as bash sets them for a TAB, the registered function called, COMPREPLY printed.
 */
class BashCompletionTest extends ShellCompletionTest {

    BashCompletionTest() {
        super("bash", "ipamctl.bash", BashCompletion.script(CommandModel.fullTree()));
    }

    /** Sources the script, completes the line in $2 (a trailing space starts a new word), prints COMPREPLY. */
    private static final String DRIVER = """
            compopt() { :; }   # the builtin only works while readline completes
            source "$1"
            spec=$(complete -p ipamctl)
            fn=${spec##*-F }; fn=${fn%% *}
            COMP_LINE=$2; COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<< "$COMP_LINE"
            if [[ "$COMP_LINE" == *" " ]]; then COMP_WORDS+=(""); fi
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMPREPLY=()
            "$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            if (( ${#COMPREPLY[@]} )); then printf '%s\\n' "${COMPREPLY[@]}"; fi
            """;

    private List<String> complete(String line) throws IOException, InterruptedException {
        return ShellHarness.sorted(
                shell.run("bash", "--norc", "--noprofile", "-c", DRIVER, "driver", script.toString(), line));
    }

    @Override
    List<String> values(String line) throws IOException, InterruptedException {
        return complete(line);
    }

    @Test
    void commandsByPrefix() throws Exception {
        assertEquals(List.of("pod", "pool"), complete("ipamctl po"));
    }

    @Test
    void subcommands() throws Exception {
        assertEquals(
                List.of("check", "create", "delete", "get", "list", "ls", "release", "usage"),
                complete("ipamctl pool "));
    }

    @Test
    void optionsOfASubcommand() throws Exception {
        assertEquals(POOL_USAGE_OPTIONS, complete("ipamctl pool usage --"));
    }

    /** --flag=VALUE: bash splits the word at '=', into "--source" "=" "a" (written with spaces here, as bash has it). */
    @Test
    void valuesAfterAnEqualsSign() throws Exception {
        assertEquals(List.of("all", "antrea"), complete("ipamctl pool usage --source = a"));
        assertEquals(
                List.of("all", "antrea", "externalippool", "node", "servicecidr", "whereabouts"),
                complete("ipamctl pool usage --source = "));
        assertEquals(List.of("json", "yaml"), complete("ipamctl version --output = "));
        // the cursor right after the '=': the word being completed is "=" itself
        assertEquals(List.of("json", "yaml"), complete("ipamctl version --output ="));
    }

    @Test
    void secondParameterOfNsBindIsAPool() throws Exception {
        assertEquals(List.of("pool-db"), complete("ipamctl --sandbox ns bind ns-db pool-d"));
    }

    @Test
    void podsOfTheNamespaceGivenWithN() throws Exception {
        assertEquals(List.of("db-01", "db-02"), complete("ipamctl --sandbox pod pin-ip -n ns-db "));
    }

    @Test
    void noNamesWhereTheParameterIsNotAName() throws Exception {
        // pod pin-ip POD IP: the second value is an address; pool create NAME is a new name
        assertEquals(List.of(), complete("ipamctl --sandbox pod pin-ip db-02 "));
        assertEquals(List.of(), complete("ipamctl --sandbox pool create "));
    }
}
