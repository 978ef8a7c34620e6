package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.docs.CommandModel;
import io.ipamctl.commands.docs.HelpPage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * --help reads cleanly at any width: golden pages at 60, 80 and 200 columns, and for every command at
 * 60, 67, 80, 99 and 200 columns: no line wider than the terminal, and no word broken (every word of
 * the page is a word of the same page rendered without any wrapping).
 */
class HelpPageTest {

    private static final List<List<String>> GOLDEN =
            List.of(List.of(), List.of("pool"), List.of("pool", "usage"), List.of("trace"));

    @TempDir
    Path state;

    private CliRun atWidth(int columns) {
        return new CliRun(state).terminal(new Environment.Terminal(false, true, false, columns));
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {60, 80, 200})
    void goldenPages(int columns) {
        for (List<String> path : GOLDEN) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun.Result r = atWidth(columns).run(args.toArray(String[]::new));
            assertEquals(0, r.code());
            assertEquals("", r.err());
            String name = String.join("-", path.isEmpty() ? List.of("ipamctl") : path);
            Golden.assertMatches("help/" + name + "-" + columns + ".txt", r.out());
        }
    }

    @Test
    void pipedHelpIsEightyColumnsWide() {
        // a known width of the caller's terminal does not apply when stdout goes to a pipe
        CliRun.Result piped = new CliRun(state)
                .terminal(new Environment.Terminal(false, false, false, 60))
                .run("pool", "usage", "--help");
        assertEquals(atWidth(80).run("pool", "usage", "--help").out(), piped.out());
    }

    @Test
    void everyCommandAtEveryWidthKeepsItsWordsWhole() {
        for (CommandLine command : CommandTreeWalk.every(CommandModel.fullTree())) {
            List<String> args = CommandTreeWalk.path(command);
            args.add("--help");
            Set<String> words = words(unwrapped(args));
            for (int columns : new int[] {60, 67, 80, 99, 200}) {
                String page = atWidth(columns).run(args.toArray(String[]::new)).out();
                String where = String.join(" ", args) + " at " + columns + " columns";
                for (String line : page.split("\n", -1)) {
                    assertTrue(
                            line.length() <= Math.min(columns, HelpPage.MAX_WIDTH), where + ": line too long: " + line);
                    for (String w : line.strip().split(" +")) {
                        if (!w.isEmpty() && !w.equals("\\")) {
                            assertTrue(words.contains(w), where + ": \"" + w + "\" is a broken word in: " + line);
                        }
                    }
                }
            }
        }
    }

    /**
     * An example's comment is set off by two spaces: then a narrow page moves it onto lines of its own; with one, it
     * is taken for part of the command and continued after a trailing backslash, which a shell does not continue.
     */
    @Test
    void everyExampleCommentIsSetOffByTwoSpaces() {
        for (CommandLine command : CommandTreeWalk.every(CommandModel.fullTree())) {
            for (String line : command.getCommandSpec().usageMessage().footer()) {
                assertTrue(
                        !line.matches(".*\\S #.*"),
                        String.join(" ", CommandTreeWalk.path(command)) + ": one space before the comment: " + line);
            }
        }
    }

    @Test
    void globalOptionsAreListedOnceByTheOptionsCommand() {
        CliRun.Result usage = atWidth(80).run("pool", "usage", "--help");
        assertTrue(!usage.out().contains("--kubeconfig"), usage.out());
        assertTrue(
                usage.out()
                        .endsWith("Use 'ipamctl options' for a list of global command-line options (applies to all\n"
                                + "commands).\n"),
                usage.out());
        CliRun.Result options = atWidth(80).run("options");
        assertEquals(0, options.code());
        Golden.assertMatches("help/options-80.txt", options.out());
    }

    @Test
    void helpTakesACommandPathAtAnyDepth() {
        CliRun cli = atWidth(80);
        assertEquals(
                cli.run("pool", "usage", "--help").out(),
                cli.run("help", "pool", "usage").out());
        assertEquals(cli.run("pool", "--help").out(), cli.run("help", "pool").out());
        assertEquals(cli.run("--help").out(), cli.run("help").out());
        assertEquals(
                cli.run("ns", "list", "--help").out(),
                cli.run("help", "ns", "ls").out());
    }

    /** The page of the command at args, rendered without any wrapping. */
    private static String unwrapped(List<String> args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        IpamctlCommand root = new IpamctlCommand(new Environment(Map.of(), false, Path.of("")), sink, sink);
        CommandLine cl = Ipamctl.commandLine(root);
        HelpPage.install(cl, 100_000);
        for (String word : args.subList(0, args.size() - 1)) {
            cl = cl.getSubcommands().get(word);
        }
        StringWriter page = new StringWriter();
        cl.usage(new PrintWriter(page));
        return page.toString();
    }

    private static Set<String> words(String page) {
        Set<String> out = new HashSet<>();
        for (String w : page.split("\\s+")) {
            out.add(w);
        }
        return out;
    }
}
