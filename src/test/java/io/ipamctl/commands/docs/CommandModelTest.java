package io.ipamctl.commands.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which values complete live names (LiveName.Candidates) and fixed values, read from the model. */
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
    void positionalSlotsFollowTheDeclaredCandidates() {
        assertEquals(new CommandModel.Slots(List.of("pools"), "pools"), slots("pool", "usage"));
        assertEquals(new CommandModel.Slots(List.of("pools"), "pools"), slots("pool", "get"));
        assertEquals(new CommandModel.Slots(List.of("ippools"), "ippools"), slots("pool", "delete"));
        assertEquals(new CommandModel.Slots(List.of("-"), ""), slots("pool", "create"));
        assertEquals(new CommandModel.Slots(List.of("namespaces", "ippools", "ippools"), ""), slots("ns", "bind"));
        assertEquals(new CommandModel.Slots(List.of("namespaces"), ""), slots("ns", "unbind"));
        assertEquals(new CommandModel.Slots(List.of("pods", "-"), ""), slots("pod", "pin-ip"));
        assertEquals(new CommandModel.Slots(List.of("pods", "pods"), ""), slots("trace"));
        assertEquals(new CommandModel.Slots(List.of("pools"), "pools"), slots("pool", "list"));
    }

    @Test
    void optionValuesFollowTheDeclaredCandidates() {
        var pin = command("pod", "pin-ip").getCommandSpec();
        assertEquals(Optional.of("namespaces"), CommandModel.optionKind(pin.findOption("-n")));
        assertEquals(Optional.of("ippools"), CommandModel.optionKind(pin.findOption("--pool")));
        assertEquals(Optional.empty(), CommandModel.optionKind(pin.findOption("--filename")));
        assertEquals(
                Optional.of("nodes"),
                CommandModel.optionKind(command("ovs", "show").getCommandSpec().findOption("--node")));
        assertEquals(
                Optional.of("pools"),
                CommandModel.optionKind(
                        command("pool", "release").getCommandSpec().findOption("--pool")));
    }

    @Test
    void aLabelAloneCompletesNothing() {
        // NAME of pool create is a new name; ovs --pod NS/NAME is not declared a live name
        assertEquals(
                Optional.empty(),
                CommandModel.optionKind(command("ovs", "show").getCommandSpec().findOption("--pod")));
    }

    @Test
    void fixedValuesComeFromTheModel() {
        var usage = command("pool", "usage").getCommandSpec();
        assertEquals(
                List.of("antrea", "whereabouts", "node", "externalippool", "servicecidr", "all"),
                CommandModel.fixedValues(usage.findOption("--source")));
        assertEquals(
                List.of(
                        "table",
                        "wide",
                        "json",
                        "yaml",
                        "name",
                        "prometheus",
                        "jsonpath=",
                        "jsonpath-file=",
                        "custom-columns=",
                        "custom-columns-file="),
                CommandModel.fixedValues(usage.findOption("-o")));
        assertEquals(
                List.of("yaml", "json", "name"),
                CommandModel.fixedValues(
                        command("pool", "create").getCommandSpec().findOption("-o")));
        assertEquals(
                List.of("none", "client", "server"),
                CommandModel.fixedValues(
                        command("pool", "create").getCommandSpec().findOption("--dry-run")));
        assertEquals(
                List.of("4", "6"),
                CommandModel.fixedValues(
                        command("pool", "create").getCommandSpec().findOption("--ip-version")));
        assertEquals(
                List.of("tcp", "udp", "sctp", "icmp"),
                CommandModel.fixedValues(command("trace").getCommandSpec().findOption("--protocol")));
        assertEquals(List.of(), CommandModel.fixedValues(usage.findOption("--threshold")));
    }

    @Test
    void optionsPassedOnToComplete() {
        assertEquals(
                List.of("--context", "--kubeconfig", "--namespace", "--request-timeout", "--sandbox"),
                CommandModel.passedOn(TREE.getCommandSpec()).stream()
                        .map(o -> o.longestName())
                        .toList());
    }

    @Test
    void aliasesAreTypedPaths() {
        assertEquals(List.of("pool list", "pool ls"), CommandModel.typedPaths(command("pool", "list")));
        assertEquals(List.of(""), CommandModel.typedPaths(TREE));
    }

    @Test
    void customSynopsisKeepsItsFormsAndWrapsThemAtWords() {
        assertEquals(
                List.of(
                        "ipamctl pod pin-ip POD IP [--pool IPPOOL] [--recreate] [-n NAMESPACE]",
                        "                   [--dry-run[=MODE]] [-o FORMAT] [global options]",
                        "ipamctl pod pin-ip -f FILE [POD] IP [--pool IPPOOL] [--dry-run[=MODE]]",
                        "                   [-o FORMAT] [global options]"),
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
