package io.ipamctl.commands.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated fish completion in a real fish: `complete --do-complete LINE` prints what TAB offers. */
class FishCompletionTest extends ShellCompletionTest {

    FishCompletionTest() {
        super("fish", "ipamctl.fish", FishCompletion.script(CommandModel.fullTree()));
    }

    private static final String DRIVER = "source $argv[1]; complete --do-complete $argv[2]";

    /** The candidates, each "NAME\tDESCRIPTION". */
    private List<String> complete(String line) throws IOException, InterruptedException {
        return ShellHarness.sorted(shell.run("fish", "--no-config", "-c", DRIVER, script.toString(), line));
    }

    /** The candidates without their descriptions. */
    @Override
    List<String> values(String line) throws IOException, InterruptedException {
        return complete(line).stream()
                .map(c -> c.contains("\t") ? c.substring(0, c.indexOf('\t')) : c)
                .toList();
    }

    @Test
    void subcommandsWithTheirHeaders() throws Exception {
        assertEquals(
                List.of(
                        "check\tFind leaked, unrecorded and doubly held addresses, overlapping pools and dangling pool references; "
                                + "exit 3 if any.",
                        "create\tCreate an Antrea IPPool, validated before it reaches the server.",
                        "delete\tDelete Antrea IP pools; each is refused while it is in use unless --force.",
                        "get\tShow one or more IP pools of any source; -o yaml adds their allocated addresses.",
                        "list\tList IP pools of every source: ranges, subnet, gateway, VLAN, total and used addresses.",
                        "ls\tList IP pools of every source: ranges, subnet, gateway, VLAN, total and used addresses.",
                        "release\tFree a leaked address of an Antrea or Whereabouts pool, after checking its owner is gone.",
                        "usage\tShow total, used and free addresses of every IP pool; fail CI when a pool runs full."),
                complete("ipamctl pool "));
    }

    @Test
    void optionsOfASubcommand() throws Exception {
        List<String> candidates = complete("ipamctl pool usage --");
        assertEquals(
                POOL_USAGE_OPTIONS,
                candidates.stream().map(c -> c.substring(0, c.indexOf('\t'))).toList());
        assertEquals(
                "--threshold\tExit with code 3 when any listed pool is PCT percent full or more (0-100); "
                        + "offending pools are named on stderr.",
                candidates.get(15));
    }

    @Test
    void namespacesForTheNamespaceOption() throws Exception {
        assertEquals(
                List.of("ns-ap", "ns-db"),
                complete("ipamctl --sandbox pool list -n ns-").stream()
                        .map(c -> c.substring(0, c.indexOf('\t')))
                        .toList());
    }
}
