package io.ipamctl.commands.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/**
 * What every generated completion script must complete, asked of bash, zsh and fish alike: each shell's
 * test hands in how it completes a line (candidates sorted, without descriptions).
 */
final class CompletionCases {

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

    /** A shell completing a command line ("ipamctl pool usage "), its candidates sorted. */
    interface Shell {
        List<String> complete(String line) throws Exception;
    }

    private CompletionCases() {}

    /** pool usage takes a pool of every source (an Antrea pool, a Whereabouts pool NAMESPACE/NAME, a node); delete an Antrea one. */
    static void livePoolNamesOfEverySource(Shell shell) throws Exception {
        assertEquals(
                List.of(
                        "egress-pool",
                        "extra-v6",
                        "kube-system/192.168.20.0-24",
                        "kubernetes",
                        "node-01",
                        "node-02",
                        "pool-ap",
                        "pool-db"),
                shell.complete("ipamctl --sandbox pool usage "));
        assertEquals(List.of("pool-ap", "pool-db"), shell.complete("ipamctl --sandbox pool delete "));
    }

    /** The values of enum and format options, from the model: -o offers each command's own formats. */
    static void valuesOfEnumAndFormatOptions(Shell shell) throws Exception {
        assertEquals(
                List.of("all", "antrea", "externalippool", "node", "servicecidr", "whereabouts"),
                shell.complete("ipamctl pool usage --source "));
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
                shell.complete("ipamctl pool usage -o "));
        assertEquals(List.of("json", "prometheus", "table", "wide", "yaml"), shell.complete("ipamctl pool check -o "));
        assertEquals(List.of("client", "none", "server"), shell.complete("ipamctl pool create p --dry-run "));
        assertEquals(List.of("icmp", "sctp", "tcp", "udp"), shell.complete("ipamctl trace a b --protocol "));
    }

    /** -l takes a label selector: nothing to offer for it, and the line goes on completing after it. */
    static void aSelectorTakesNoCompletionAndTheLineGoesOn(Shell shell) throws Exception {
        // (a shell's harness may hand back an empty line for "no candidate")
        assertEquals(
                List.of(),
                shell.complete("ipamctl pool usage -l ").stream()
                        .filter(c -> !c.isBlank())
                        .toList());
        assertEquals(
                List.of("--sandbox", "--sandbox-reset", "--selector", "--sort-by", "--source"),
                shell.complete("ipamctl pool usage -l team=web --s"));
        assertEquals(
                List.of("json", "prometheus", "table", "wide", "yaml"),
                shell.complete("ipamctl pool check --selector team -o "));
    }

    static void nodeNamesWhereANodeIsAsked(Shell shell) throws Exception {
        assertEquals(List.of("node-01", "node-02"), shell.complete("ipamctl --sandbox ovs show --node "));
    }
}
