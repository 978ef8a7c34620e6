package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.docs.CommandModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What TAB offers (the shell, kubectl's plugin completion), from the model alone: the live names are
 * faked as "KINDS:PREFIX" so that each test sees which kinds were asked, with which options of the line.
 */
class CompletionsTest {

    private static final CommandLine TREE = CommandModel.fullTree();

    private final List<List<String>> asked = new ArrayList<>();

    private final Completions.Names names = (lineOptions, kinds, prefix) -> {
        asked.add(lineOptions);
        return List.of(kinds + ":" + prefix);
    };

    private List<String> complete(String word, String... before) {
        return Completions.complete(TREE, List.of(before), word, names).candidates().stream()
                .map(Completions.Candidate::value)
                .toList();
    }

    @Test
    void commandsAndSubcommandsByPrefix() {
        assertEquals(List.of("pool", "pod"), complete("po"));
        assertEquals(List.of("usage"), complete("us", "pool"));
        assertEquals(List.of("list", "ls"), complete("l", "ns"));
    }

    @Test
    void flagsOnlyOnceADashIsTyped() {
        assertTrue(complete("", "pool", "delete").stream().noneMatch(c -> c.startsWith("-")));
        assertEquals(List.of("--force"), complete("--fo", "pool", "delete"));
        assertTrue(complete("--", "pool", "delete").contains("--sandbox"), "global options too");
    }

    @Test
    void fixedValuesOfEnumAndFormatOptions() {
        assertEquals(
                List.of("antrea", "whereabouts", "node", "externalippool", "servicecidr", "all"),
                complete("", "pool", "usage", "--source"));
        assertEquals(List.of("json"), complete("j", "pool", "check", "-o"));
        assertEquals(List.of("table", "wide", "json", "yaml", "prometheus"), complete("", "pool", "check", "--output"));
        assertEquals(List.of("--dry-run=client"), complete("--dry-run=c", "pool", "create", "p"));
        assertEquals(List.of("tcp", "udp", "sctp", "icmp"), complete("", "trace", "a", "b", "--protocol"));
        assertEquals(List.of("bash", "zsh", "fish"), complete("", "completion"));
        assertEquals(List.of("4", "6"), complete("", "pool", "create", "p", "--ip-version"));
    }

    @Test
    void liveNamesWhereTheModelDeclaresThem() {
        assertEquals(List.of("pools:po"), complete("po", "pool", "usage"));
        assertEquals(List.of("pools:"), complete("", "pool", "usage", "pool-ap"));
        assertEquals(List.of("namespaces:ns-"), complete("ns-", "ns", "bind"));
        assertEquals(List.of("ippools:"), complete("", "ns", "bind", "ns-ap"));
        assertEquals(List.of("nodes:node-0"), complete("node-0", "ovs", "flows", "--node"));
        assertEquals(List.of("pools:"), complete("", "pool", "release", "1.2.3.4", "--pool"));
        assertEquals(List.of("--pool=ippools:pool-d"), complete("--pool=pool-d", "pod", "pin-ip"));
        assertEquals(List.of("namespaces:"), complete("", "pod", "pin-ip", "-n"));
        assertEquals(List.of("pods:db"), complete("db", "-n", "ns-db", "pod", "pin-ip"));
        assertEquals(List.of("pods:"), complete("", "trace", "default/frontend"));
    }

    @Test
    void nothingWhereTheValueIsNoName() {
        assertEquals(List.of(), complete("", "pod", "pin-ip", "db-02")); // the IP
        assertEquals(List.of(), complete("", "pool", "create")); // a new name
        assertEquals(List.of(), complete("", "pool", "usage", "--threshold"));
        assertEquals(
                true,
                Completions.complete(TREE, List.of("pool", "create", "-f"), "", names)
                        .files());
    }

    @Test
    void theLinesClusterOptionsArePassedOnToTheNameLookup() {
        complete("", "--sandbox", "--context", "prod", "-n", "ns-db", "pod", "pin-ip", "--timeout", "5s");
        assertEquals(List.of(List.of("--sandbox", "--context", "prod", "-n", "ns-db")), asked);
    }
}
