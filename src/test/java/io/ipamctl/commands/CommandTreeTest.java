package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.docs.CommandModel;
import io.ipamctl.commands.pool.PoolUsageCommand;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * CommandTree is the one table of the command tree: a run builds only the branch its arguments name from
 * it, help and docs the whole of it. These tests fail when the table and the commands' own annotations
 * drift apart, and when a branch differs from the same branch of the whole tree.
 */
class CommandTreeTest {

    @Test
    void everyNodeHasTheNameAndAliasesOfItsCommandAnnotation() {
        List<String> checked = new ArrayList<>();
        for (CommandTree.Node n : nodes(CommandTree.ROOT_CHILDREN)) {
            Command c = n.type().getAnnotation(Command.class);
            assertTrue(c != null, n.type() + " has no @Command");
            assertEquals(c.name(), n.name(), n.type().getName());
            assertEquals(Set.of(c.aliases()), n.aliases(), n.type().getName());
            checked.add(n.name());
        }
        assertTrue(checked.containsAll(List.of("pool", "usage", "list", "ns", "version", "help")), checked.toString());
    }

    @Test
    void everyCommandClassIsInTheTree() throws IOException, URISyntaxException {
        Path classes = Path.of(CommandTree.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Set<String> annotated = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes.resolve("io/ipamctl"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = classFor(name);
                if (type.isAnnotationPresent(Command.class) && type != IpamctlCommand.class) {
                    annotated.add(name);
                }
            }
        }
        Set<String> inTable = nodes(CommandTree.ROOT_CHILDREN).stream()
                .map(n -> n.type().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(annotated, inTable);
        assertTrue(inTable.contains(PoolUsageCommand.class.getName()), inTable.toString());
    }

    /** The command at every path of the whole tree, built as a run of that path builds it, prints the same help. */
    @Test
    void theBranchOfEveryPathIsThatOfTheWholeTree() {
        CommandLine full = CommandModel.fullTree();
        List<String> checked = new ArrayList<>();
        for (CommandLine command : all(full)) {
            List<String> path = CommandTreeWalk.path(command);
            CommandLine branch = CommandModel.treeFor(path);
            branch.setUsageHelpAutoWidth(false);
            branch.setUsageHelpWidth(full.getUsageHelpWidth());
            CommandLine same = branch;
            for (String word : path) {
                same = same.getSubcommands().get(word);
            }
            assertEquals(command.getUsageMessage(), same.getUsageMessage(), String.join(" ", path));
            assertEquals(
                    command.getCommandSpec().options().stream()
                            .map(o -> o.longestName())
                            .toList(),
                    same.getCommandSpec().options().stream()
                            .map(o -> o.longestName())
                            .toList(),
                    String.join(" ", path));
            checked.add(String.join(" ", path));
        }
        assertTrue(checked.containsAll(List.of("", "pool", "pool usage", "ns list", "__complete")), checked.toString());
    }

    /**
     * A run of `--version` builds no subcommand; one of `pool usage` only pool and its usage; `--help` the
     * root's commands without theirs; `help WORDS` the whole tree, to look the words up.
     */
    @Test
    void aRunBuildsOnlyThePathItNames() {
        assertEquals(
                Set.of(),
                CommandModel.treeFor(List.of("--version")).getSubcommands().keySet());
        CommandLine usage = CommandModel.treeFor(List.of("--kubeconfig", "pool", "pool", "usage", "-o", "json"));
        assertEquals(Set.of("pool"), usage.getSubcommands().keySet());
        assertEquals(
                Set.of("usage"),
                usage.getSubcommands().get("pool").getSubcommands().keySet());
        CommandLine help = CommandModel.treeFor(List.of("--help"));
        assertTrue(help.getSubcommands().keySet().containsAll(Set.of("pool", "ns", "version", "help")));
        assertEquals(
                Set.of(), help.getSubcommands().get("pool").getSubcommands().keySet());
        CommandLine helpCommand = CommandModel.treeFor(List.of("help", "pool", "usage"));
        assertTrue(helpCommand.getSubcommands().get("pool").getSubcommands().containsKey("usage"));
    }

    /** Main leaves picocli's java.time and java.sql converters out: an option of such a type brings its own. */
    @Test
    void everyOptionOfATypeWithoutPicocliConverterBringsItsOwn() {
        List<String> excluded = List.of(io.ipamctl.Main.EXCLUDED_CONVERTERS.split(","));
        List<String> checked = new ArrayList<>();
        for (CommandLine command : all(CommandModel.fullTree())) {
            for (CommandLine.Model.ArgSpec a : command.getCommandSpec().args()) {
                List<Class<?>> types = new ArrayList<>(List.of(a.type()));
                types.addAll(List.of(a.auxiliaryTypes()));
                for (Class<?> t : types) {
                    if (excluded.stream().anyMatch(t.getName()::matches)) {
                        String where = String.join(" ", CommandTreeWalk.path(command)) + " " + a.paramLabel();
                        assertTrue(a.converters().length > 0, where + " has no converter for " + t.getName());
                        checked.add(where);
                    }
                }
            }
        }
        assertTrue(checked.contains(" DURATION"), checked.toString()); // the root's --request-timeout
    }

    private static Class<?> classFor(String name) {
        try {
            return Class.forName(name, false, CommandTree.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static List<CommandTree.Node> nodes(List<CommandTree.Node> children) {
        List<CommandTree.Node> out = new ArrayList<>();
        for (CommandTree.Node n : children) {
            out.add(n);
            out.addAll(nodes(n.children()));
        }
        return out;
    }

    /** The root and every command below it, hidden ones too, each once (aliases are keys of the same one). */
    private static List<CommandLine> all(CommandLine root) {
        List<CommandLine> out = new ArrayList<>(List.of(root));
        IdentityHashMap<CommandLine, Boolean> seen = new IdentityHashMap<>();
        for (CommandLine c : root.getSubcommands().values()) {
            if (seen.put(c, Boolean.TRUE) == null) {
                out.addAll(all(c));
            }
        }
        return out;
    }
}
