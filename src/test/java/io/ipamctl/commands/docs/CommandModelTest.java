package io.ipamctl.commands.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The label convention that decides which values complete live names (see LiveName). */
class CommandModelTest {

    private static final CommandLine TREE = CommandModel.fullTree();

    private static CommandLine command(String... path) {
        CommandLine cl = TREE;
        for (String p : path) {
            cl = cl.getSubcommands().get(p);
        }
        return cl;
    }

    private static CommandModel.Slots slots(String... path) {
        return CommandModel.slots(command(path).getCommandSpec());
    }

    @Test
    void positionalSlotsFollowTheLabels() {
        assertEquals(new CommandModel.Slots(List.of("pools"), "pools"), slots("pool", "usage"));
        assertEquals(new CommandModel.Slots(List.of("pools"), "pools"), slots("pool", "get"));
        assertEquals(new CommandModel.Slots(List.of("ippools"), ""), slots("pool", "delete"));
        assertEquals(new CommandModel.Slots(List.of("-"), ""), slots("pool", "create"));
        assertEquals(new CommandModel.Slots(List.of("namespaces", "ippools", "ippools"), ""), slots("ns", "bind"));
        assertEquals(new CommandModel.Slots(List.of("namespaces"), ""), slots("ns", "unbind"));
        assertEquals(new CommandModel.Slots(List.of("pods", "-"), ""), slots("pod", "pin-ip"));
        assertEquals(new CommandModel.Slots(List.of(), ""), slots("pool", "list"));
    }

    @Test
    void optionValuesFollowTheLabels() {
        var pin = command("pod", "pin-ip").getCommandSpec();
        assertEquals(Optional.of("namespaces"), CommandModel.optionKind(pin.findOption("-n")));
        assertEquals(Optional.of("ippools"), CommandModel.optionKind(pin.findOption("--pool")));
        assertEquals(Optional.empty(), CommandModel.optionKind(pin.findOption("--filename")));
        assertEquals(Optional.of("nodes"), CommandModel.optionKind(command("ovs", "show").getCommandSpec().findOption("--node")));
    }

    @Test
    void optionsPassedOnToComplete() {
        assertEquals(List.of("--context", "--kubeconfig", "--namespace", "--request-timeout", "--sandbox"),
                CommandModel.passedOn(TREE.getCommandSpec()).stream().map(o -> o.longestName()).toList());
    }

    @Test
    void aliasesAreTypedPaths() {
        assertEquals(List.of("pool list", "pool ls"), CommandModel.typedPaths(command("pool", "list")));
        assertEquals(List.of(""), CommandModel.typedPaths(TREE));
    }

    @Test
    void customSynopsisIsKeptAsWritten() {
        assertEquals(List.of(
                "ipamctl pod pin-ip POD IP [--pool IPPOOL] [--recreate] [-n NAMESPACE] [--dry-run[=MODE]] [-o FORMAT]",
                "ipamctl pod pin-ip -f FILE [POD] IP [--pool IPPOOL] [--dry-run[=MODE]] [-o FORMAT]"),
                CommandModel.synopsis(command("pod", "pin-ip")));
    }

    /**
     * picocli formats help lines with String.format: a bare '%' (e.g. "100% full") makes it print a
     * "[picocli WARN]" line to stderr on every --help and keep the raw text. Every '%' must be written "%%".
     */
    @Test
    void everyHelpLineIsAValidFormatString() {
        List<String> bad = new java.util.ArrayList<>();
        check(TREE, bad);
        assertEquals(List.of(), bad);
    }

    private static void check(CommandLine cl, List<String> bad) {
        var usage = cl.getCommandSpec().usageMessage();
        List<String> lines = new java.util.ArrayList<>(List.of(usage.header()));
        lines.addAll(List.of(usage.description()));
        lines.addAll(List.of(usage.footer()));
        for (String line : lines) {
            try {
                String.format(line);
            } catch (java.util.IllegalFormatException e) {
                bad.add(cl.getCommandSpec().qualifiedName() + ": " + line);
            }
        }
        cl.getSubcommands().values().stream().distinct().forEach(sub -> check(sub, bad));
    }
}
