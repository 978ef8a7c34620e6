package io.ipamctl.commands.docs;

import io.ipamctl.commands.Environment;
import io.ipamctl.commands.ProgramName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * --help as ipamctl prints it, rendered from the command model at the caller's width: every text is
 * wrapped at spaces only (never inside a flag, path, annotation key, range or command), examples too long
 * for the width are continued with a trailing backslash, and the global options are not repeated on
 * every command but listed by {@code ipamctl options}, which the last line points to (as kubectl does).
 */
public final class HelpPage {

    /** The width when the caller's terminal width is unknown (piped, or a test). */
    public static final int DEFAULT_WIDTH = 80;
    /** Wider lines read badly; wider terminals get this (clap's rule for help text). */
    public static final int MAX_WIDTH = 100;
    /** Narrower terminals still get this; only words longer than it may overflow. */
    public static final int MIN_WIDTH = 40;

    private static final List<String> SECTIONS = List.of(
            "header", "usage", "description", "arguments", "options", "commands", "examples", "exitCodes", "pointer");

    /** "command  # comment" in an example line. */
    private static final Pattern COMMENTED = Pattern.compile("^(\\S.*?)\\s{2,}(#.*)$");

    private final int width;

    private HelpPage(int width) {
        this.width = width;
    }

    /** The help width for a caller: its terminal's width when stdout is one, else 80; kept within 40..100. */
    public static int width(Environment.Terminal terminal) {
        int w = terminal.stdout() && terminal.columns() > 0 ? terminal.columns() : DEFAULT_WIDTH;
        return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, w));
    }

    /** Makes --help, help and usage() of cl and every command below it print this page at width. */
    public static void install(CommandLine cl, int width) {
        HelpPage page = new HelpPage(width);
        Map<String, IHelpSectionRenderer> renderers = new LinkedHashMap<>();
        renderers.put("header", help -> page.header(help.commandSpec()));
        renderers.put("usage", help -> page.usage(help.commandSpec()));
        renderers.put("description", help -> page.description(help.commandSpec()));
        renderers.put("arguments", help -> page.arguments(help.commandSpec()));
        renderers.put(
                "options",
                help -> page.section("Options", page.optionRows(CommandModel.ownOptions(help.commandSpec()))));
        renderers.put("commands", help -> page.commands(help.commandSpec()));
        renderers.put("examples", help -> page.examples(help.commandSpec()));
        renderers.put("exitCodes", help -> page.exitCodes(help.commandSpec()));
        renderers.put("pointer", help -> page.pointer(help.commandSpec()));
        cl.setHelpSectionKeys(SECTIONS);
        cl.setHelpSectionMap(renderers);
        // the caller's width, never picocli's own terminal detection (it runs stty in this process)
        cl.setUsageHelpAutoWidth(false);
        cl.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
    }

    /** The global options as a help list (ipamctl options). */
    public static String globalOptions(CommandSpec root, int width) {
        HelpPage page = new HelpPage(width);
        return page.rows(page.optionRows(CommandModel.globalOptions(root)));
    }

    private String header(CommandSpec spec) {
        String header = CommandModel.header(spec);
        return header.isEmpty() ? "" : paragraph(rewritten(spec, header), "", "");
    }

    private String usage(CommandSpec spec) {
        StringBuilder b = new StringBuilder(spec.usageMessage().header().length > 0 ? "\n" : "");
        synopsis(spec, width, "Usage: ").forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    /**
     * The synopsis lines: each form starts with heading (or as many spaces) and the command's name, and
     * continues aligned after the name (or 4 columns in when the name takes half the width).
     */
    static List<String> synopsis(CommandSpec spec, int width, String heading) {
        List<String> lines = new ArrayList<>();
        String name = spec.qualifiedName();
        boolean first = true;
        for (List<String> form : CommandModel.synopsisForms(spec)) {
            String start = (first ? heading : Wrap.pad(heading.length())) + name;
            int indent = start.length() + 1 <= width / 2 ? start.length() + 1 : heading.length() + 4;
            lines.addAll(Wrap.fill(form, width, start + " ", Wrap.pad(indent)));
            first = false;
        }
        return lines;
    }

    private String description(CommandSpec spec) {
        List<CommandModel.Block> blocks = CommandModel.description(spec);
        if (blocks.isEmpty()) {
            return "";
        }
        List<Row> items = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (CommandModel.Block block : blocks) {
            if (block.item()) {
                items.add(new Row(block.term(), rewritten(spec, block.text())));
                continue;
            }
            if (!items.isEmpty()) {
                b.append('\n').append(rows(items));
                items.clear();
            }
            b.append('\n').append(paragraph(rewritten(spec, block.text()), "", ""));
        }
        if (!items.isEmpty()) {
            b.append('\n').append(rows(items));
        }
        return b.toString();
    }

    private String arguments(CommandSpec spec) {
        List<Row> rows = new ArrayList<>();
        for (PositionalParamSpec p : CommandModel.positionals(spec)) {
            rows.add(new Row(CommandModel.argumentLabel(p), CommandModel.description(p)));
        }
        return section("Arguments", rows);
    }

    private List<Row> optionRows(List<OptionSpec> options) {
        List<Row> rows = new ArrayList<>();
        for (OptionSpec o : options) {
            rows.add(new Row(CommandModel.optionLabel(o), CommandModel.description(o)));
        }
        return rows;
    }

    private String commands(CommandSpec spec) {
        List<Row> rows = new ArrayList<>();
        for (CommandLine c : CommandModel.children(spec.commandLine())) {
            CommandSpec s = c.getCommandSpec();
            String names = s.aliases().length == 0 ? s.name() : s.name() + ", " + String.join(", ", s.aliases());
            rows.add(new Row(names, rewritten(spec, CommandModel.header(s))));
        }
        return section("Commands", rows);
    }

    private String examples(CommandSpec spec) {
        List<String> lines = CommandModel.footer(spec);
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder b =
                new StringBuilder("\n").append(CommandModel.footerTitle(spec)).append(":\n");
        for (String line : lines) {
            example(rewritten(spec, line)).forEach(l -> b.append(l).append('\n'));
        }
        return b.toString();
    }

    /**
     * One example line at the width: as written when it fits, or with its comment moved closer; else its
     * comment on lines of its own first, then the command, continued with " \" so that it can still be
     * pasted into a shell.
     */
    List<String> example(String line) {
        String indent = "  ";
        if (line.isBlank()) {
            return List.of("");
        }
        if (indent.length() + line.length() <= width) {
            return List.of(indent + line);
        }
        if (line.startsWith("#")) {
            return Wrap.fill(line.substring(1), width, indent + "# ", indent + "# ");
        }
        List<String> out = new ArrayList<>();
        String command = line;
        Matcher m = COMMENTED.matcher(line);
        if (m.matches()) {
            String compact = indent + m.group(1) + "  " + m.group(2);
            if (compact.length() <= width) {
                return List.of(compact);
            }
            out.addAll(Wrap.fill(m.group(2).substring(1), width, indent + "# ", indent + "# "));
            command = m.group(1);
        }
        List<String> wrapped = Wrap.fill(flagsWithValues(shellWords(command)), width - 2, indent, indent + "    ");
        for (int i = 0; i < wrapped.size(); i++) {
            out.add(i < wrapped.size() - 1 ? wrapped.get(i) + " \\" : wrapped.get(i));
        }
        return out;
    }

    /** "--protocol" and "tcp" as one unit, so that a continued line never separates a flag from its value. */
    private static List<String> flagsWithValues(List<String> words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("-")
                    && !w.contains("=")
                    && i + 1 < words.size()
                    && !words.get(i + 1).startsWith("-")) {
                out.add(w + " " + words.get(++i));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** The words of a command line; a quoted part stays one word (a break inside it would change it). */
    static List<String> shellWords(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (char c : command.strip().toCharArray()) {
            if (quote == 0 && c == ' ') {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            word.append(c);
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private String exitCodes(CommandSpec spec) {
        List<Row> rows = new ArrayList<>();
        CommandModel.exitCodes(spec).forEach((code, meaning) -> rows.add(new Row(code, meaning)));
        return section("Exit codes", rows);
    }

    private String pointer(CommandSpec spec) {
        if (spec.parent() != null && spec.name().equals("options")) {
            return "";
        }
        String root = spec.root().name();
        return "\n"
                + paragraph(
                        "Use '" + root + " options' for a list of global command-line options (applies to all "
                                + "commands).",
                        "",
                        "");
    }

    /** A label and its text in two columns. */
    record Row(String label, String text) {}

    private String section(String title, List<Row> rows) {
        return rows.isEmpty() ? "" : "\n" + title + ":\n" + rows(rows);
    }

    /**
     * Rows as two columns: labels from column 2, texts from a column after the longest label (at most
     * a third of the width in, so that texts keep room); a longer label puts its text on the next line.
     */
    private String rows(List<Row> rows) {
        int longest = rows.stream().mapToInt(r -> r.label().length()).max().orElse(0);
        int column = Math.min(2 + longest + 2, Math.max(12, width / 3));
        StringBuilder b = new StringBuilder();
        for (Row r : rows) {
            String label = "  " + r.label();
            if (r.text().isBlank()) {
                b.append(label).append('\n');
                continue;
            }
            if (label.length() + 2 <= column) {
                Wrap.fill(r.text(), width, label + Wrap.pad(column - label.length()), Wrap.pad(column))
                        .forEach(l -> b.append(l).append('\n'));
            } else {
                b.append(label).append('\n');
                Wrap.fill(r.text(), width, Wrap.pad(column), Wrap.pad(column))
                        .forEach(l -> b.append(l).append('\n'));
            }
        }
        return b.toString();
    }

    private String paragraph(String text, String first, String rest) {
        StringBuilder b = new StringBuilder();
        Wrap.fill(text, width, first, rest).forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    /** Texts name the program as the caller ran it: "kubectl ipam pool list" under kubectl. */
    private static String rewritten(CommandSpec spec, String text) {
        return ProgramName.inText(text, spec.root().name());
    }
}
