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
 * What every generated completion script must complete, asked of bash, zsh and fish alike in the real
 * shell: each shell's test names the shell and its script and says how it completes a line
 * (candidates sorted, without descriptions); the cases here run for each.
 */
abstract class ShellCompletionTest {

    /** The long options `ipamctl pool usage --<TAB>` offers, in every shell, sorted. */
    static final List<String> POOL_USAGE_OPTIONS = List.of(
            "--all-namespaces",
            "--allocations",
            "--context",
            "--help",
            "--kubeconfig",
            "--namespace",
            "--no-color",
            "--no-headers",
            "--output",
            "--request-timeout",
            "--sandbox",
            "--sandbox-reset",
            "--selector",
            "--sort-by",
            "--source",
            "--threshold",
            "--verbose",
            "--watch");

    @TempDir
    Path dir;

    ShellHarness shell;
    Path script;

    private final String program;
    private final String scriptName;
    private final String scriptText;

    /** program: the shell (bash, zsh, fish); the generated script, and its file name as the shell looks it up. */
    ShellCompletionTest(String program, String scriptName, String scriptText) {
        this.program = program;
        this.scriptName = scriptName;
        this.scriptText = scriptText;
    }

    /** What TAB offers at the end of line ("ipamctl pool usage "): the candidates sorted, without descriptions. */
    abstract List<String> values(String line) throws IOException, InterruptedException;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(
                ShellHarness.find(program).isPresent(),
                program + " is not installed (apt-get install -y " + program + "): test skipped");
        shell = new ShellHarness(dir);
        script = shell.script(scriptName, scriptText);
    }

    @AfterEach
    void stopSandbox() throws Exception {
        if (shell != null) {
            shell.stopSandbox();
        }
    }

    /** pool usage takes a pool of every source (an Antrea pool, a Whereabouts pool NAMESPACE/NAME, a node); delete an Antrea one. */
    @Test
    void livePoolNamesOfEverySourceFromTheSandbox() throws Exception {
        assertEquals(
                List.of(
                        "egress-pool",
                        "extra-v6",
                        "kube-system/192.168.20.0-24",
                        "kube-system/slicenet",
                        "kube-system/slicenet-node-01-192.168.32.0-26",
                        "kube-system/slicenet-node-02-192.168.32.64-26",
                        "kubernetes",
                        "node-01",
                        "node-02",
                        "pool-ap",
                        "pool-db",
                        "pool-v6"),
                values("ipamctl --sandbox pool usage "));
        assertEquals(
                List.of(
                        "kube-system/slicenet",
                        "kube-system/slicenet-node-01-192.168.32.0-26",
                        "kube-system/slicenet-node-02-192.168.32.64-26"),
                values("ipamctl --sandbox pool usage kube-system/slicen"),
                "a range with node slices and its slice pools");
        assertEquals(List.of("pool-ap", "pool-db", "pool-v6"), values("ipamctl --sandbox pool delete "));
    }

    /** The values of enum and format options, from the model: -o offers each command's own formats. */
    @Test
    void valuesOfEnumAndFormatOptions() throws Exception {
        assertEquals(
                List.of("all", "antrea", "externalippool", "node", "servicecidr", "whereabouts"),
                values("ipamctl pool usage --source "));
        assertEquals(
                List.of(
                        "custom-columns-file=",
                        "custom-columns=",
                        "json",
                        "jsonpath-file=",
                        "jsonpath=",
                        "name",
                        "prometheus",
                        "table",
                        "wide",
                        "yaml"),
                values("ipamctl pool usage -o "));
        assertEquals(List.of("json", "prometheus", "table", "wide", "yaml"), values("ipamctl pool check -o "));
        assertEquals(List.of("client", "none", "server"), values("ipamctl pool create p --dry-run "));
        assertEquals(List.of("icmp", "sctp", "tcp", "udp"), values("ipamctl trace a b --protocol "));
    }

    /** -l takes a label selector: nothing to offer for it, and the line goes on completing after it. */
    @Test
    void aSelectorTakesNoCompletionAndTheLineGoesOn() throws Exception {
        // (a shell's harness may hand back an empty line for "no candidate")
        assertEquals(
                List.of(),
                values("ipamctl pool usage -l ").stream()
                        .filter(c -> !c.isBlank())
                        .toList());
        assertEquals(
                List.of("--sandbox", "--sandbox-reset", "--selector", "--sort-by", "--source"),
                values("ipamctl pool usage -l team=web --s"));
        assertEquals(
                List.of("json", "prometheus", "table", "wide", "yaml"),
                values("ipamctl pool check --selector team -o "));
    }

    @Test
    void nodeNamesWhereANodeIsAsked() throws Exception {
        assertEquals(List.of("node-01", "node-02"), values("ipamctl --sandbox ovs show --node "));
    }
}
