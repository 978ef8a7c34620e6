package io.ipamctl.commands.docs;

import io.ipamctl.commands.Environment;
import io.ipamctl.commands.FileNames;
import io.ipamctl.commands.Ipamctl;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IllegalFormatException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ScopeType;

/**
 * The picocli command model as the generated pages and completion scripts read it: visible commands
 * in the order --help lists them, their texts formatted as --help formats them.
 */
public final class CommandModel {

    /** Synopses are wrapped at this width, whatever terminal the generator runs in. */
    static final int WIDTH = 80;

    /**
     * Global flags the completion scripts pass on to {@code __complete} besides the options that take
     * a value (--kubeconfig, --context, -n, --request-timeout): --sandbox-reset would reset the
     * sandbox on a TAB, and -v or --no-color change nothing there.
     */
    static final Set<String> PASSED_ON_FLAGS = Set.of("--sandbox");

    private static final Comparator<OptionSpec> OPTION_ORDER = Comparator.comparing(
                    (OptionSpec o) -> bare(o.shortestName()).toLowerCase(Locale.ROOT))
            .thenComparing(o -> bare(o.shortestName()), Comparator.reverseOrder());

    private CommandModel() {}

    /** The whole tree, detached from any run (its session is never used), with a fixed help width. */
    public static CommandLine fullTree() {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        CommandLine cl =
                Ipamctl.commandLine(new IpamctlCommand(new Environment(Map.of(), false, Path.of("")), sink, sink));
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(WIDTH);
        return cl;
    }

    /**
     * Only the branch of the tree that args name, as a run builds it, detached from any run: all that
     * completing args needs, at a fraction of the cost of the whole tree (kubectl's plugin completion
     * starts a JVM for every TAB).
     */
    public static CommandLine treeFor(List<String> args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        return Ipamctl.commandLine(
                new IpamctlCommand(new Environment(Map.of(), false, Path.of("")), sink, sink),
                args.toArray(String[]::new));
    }

    /** The root and every visible command below it, depth first in the order --help lists them. */
    static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        children(cl).forEach(c -> collect(c, out));
    }

    /** Visible subcommands, each once (picocli lists a command again under each of its aliases). */
    public static List<CommandLine> children(CommandLine cl) {
        List<CommandLine> out = new ArrayList<>();
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden() && out.stream().noneMatch(c -> c == sub)) {
                out.add(sub);
            }
        }
        return out;
    }

    /** "ipamctl pool usage". */
    static String qualifiedName(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName();
    }

    /** "ipamctl-pool-usage": the name of its reference page and man page. */
    static String pageName(CommandLine cl) {
        return qualifiedName(cl).replace(' ', '-');
    }

    /** Every way to type the command below the root ("pool list", "pool ls"); "" for the root. */
    static List<String> typedPaths(CommandLine cl) {
        if (cl.getParent() == null) {
            return List.of("");
        }
        List<String> names = new ArrayList<>();
        names.add(cl.getCommandSpec().name());
        names.addAll(List.of(cl.getCommandSpec().aliases()));
        List<String> out = new ArrayList<>();
        for (String parent : typedPaths(cl.getParent())) {
            for (String name : names) {
                out.add(parent.isEmpty() ? name : parent + " " + name);
            }
        }
        return out;
    }

    /** A help string as --help prints it: %n and %% formatted (picocli's rule; raw if it is no format). */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        try {
            return String.format(Locale.ROOT, s).replace(System.lineSeparator(), "\n");
        } catch (IllegalFormatException e) {
            return s;
        }
    }

    /** Formatted lines, one per line break. */
    static List<String> lines(String[] raw) {
        List<String> out = new ArrayList<>();
        for (String s : raw) {
            String t = text(s);
            out.addAll(List.of(t.split("\n", -1)));
        }
        return out;
    }

    /** The one-line summary (picocli's header). */
    public static String header(CommandSpec spec) {
        return String.join(
                " ",
                lines(spec.usageMessage().header()).stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList());
    }

    /**
     * One part of a description: a paragraph (wrapped to the width of whatever shows it), or an item of a
     * list, written as an indented element "  TERM  TEXT" (the term is what precedes two spaces).
     */
    record Block(boolean item, String term, String text) {}

    /**
     * The description's paragraphs and list items: each element of the annotation is one paragraph, to be
     * reflowed (not a line broken by hand); an element that starts with spaces is a list item.
     */
    static List<Block> description(CommandSpec spec) {
        List<Block> out = new ArrayList<>();
        for (String line : lines(spec.usageMessage().description())) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith(" ")) {
                String item = line.strip();
                int gap = item.indexOf("  ");
                out.add(
                        gap < 0
                                ? new Block(true, "", item)
                                : new Block(
                                        true,
                                        item.substring(0, gap),
                                        item.substring(gap).strip()));
            } else {
                out.add(new Block(false, "", line.strip()));
            }
        }
        return out;
    }

    /** The synopsis lines for the generated pages (without "Usage: "), wrapped at their width. */
    static List<String> synopsis(CommandLine cl) {
        return HelpPage.synopsis(cl.getCommandSpec(), WIDTH, "");
    }

    /**
     * The forms of the command's synopsis, each as the words that follow the command's name; a word is
     * never broken ("[--source SOURCE]" is one). A custom synopsis is one form per element, read as written.
     * Global options are "[global options]" (kubectl's "[options]"), listed by ipamctl options.
     */
    static List<List<String>> synopsisForms(CommandSpec spec) {
        String[] custom = spec.usageMessage().customSynopsis();
        if (custom.length > 0) {
            List<List<String>> forms = new ArrayList<>();
            // the written form starts with "ipamctl pod pin-ip": as many words as the path below the root, plus one
            int nameWords =
                    spec.qualifiedName().split(" ").length - spec.root().name().split(" ").length + 1;
            for (String form : lines(custom)) {
                List<String> words = synopsisWords(form.strip());
                List<String> rest = new ArrayList<>(words.subList(Math.min(nameWords, words.size()), words.size()));
                rest.add("[global options]");
                forms.add(rest);
            }
            return forms;
        }
        List<String> words = new ArrayList<>();
        for (OptionSpec o : ownOptions(spec)) {
            if (!o.usageHelp()) {
                words.add(optionSynopsis(o));
            }
        }
        positionals(spec).forEach(p -> words.add(argumentLabel(p)));
        if (!children(spec.commandLine()).isEmpty()) {
            words.add(text(spec.usageMessage().synopsisSubcommandLabel()));
        }
        words.add("[global options]");
        return List.of(words);
    }

    /** Words of a written synopsis: a bracketed group is one word. */
    private static List<String> synopsisWords(String form) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int depth = 0;
        for (char c : form.toCharArray()) {
            if (c == ' ' && depth == 0) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            word.append(c);
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** "[-o FORMAT]", "[--dry-run[=MODE]]", "--pool POOL" (required), "[--range START-END]..." (repeatable). */
    static String optionSynopsis(OptionSpec o) {
        String value = valueLabel(o);
        String name = o.shortestName();
        String text =
                value.isEmpty() ? name : value.startsWith("[") ? name + "[=" + value.substring(1) : name + " " + value;
        if (!o.required()) {
            text = "[" + text + "]";
        }
        return o.isMultiValue() ? text + "..." : text;
    }

    /** "-o, --output FORMAT", "    --dry-run[=MODE]": an option as the lists of --help show it. */
    static String optionLabel(OptionSpec o) {
        List<String> shortNames = new ArrayList<>();
        List<String> longNames = new ArrayList<>();
        for (String n : o.names()) {
            (n.startsWith("--") ? longNames : shortNames).add(n);
        }
        String names = shortNames.isEmpty()
                ? "    " + String.join(", ", longNames)
                : String.join(", ", shortNames) + (longNames.isEmpty() ? "" : ", " + String.join(", ", longNames));
        String value = valueLabel(o);
        return names + (value.isEmpty() ? "" : value.startsWith("[") ? "[=" + value.substring(1) : " " + value);
    }

    /** Options that are global: declared on the root for every command (picocli's INHERIT scope). */
    static boolean isGlobal(OptionSpec o) {
        return o.inherited() || o.scopeType() == ScopeType.INHERIT;
    }

    /** The command's own visible options, in --help order. */
    static List<OptionSpec> ownOptions(CommandSpec spec) {
        return spec.options().stream()
                .filter(o -> !o.hidden() && !isGlobal(o))
                .sorted(OPTION_ORDER)
                .toList();
    }

    /** The global options as the command sees them, in --help order. */
    static List<OptionSpec> globalOptions(CommandSpec spec) {
        return spec.options().stream()
                .filter(o -> !o.hidden() && isGlobal(o))
                .sorted(OPTION_ORDER)
                .toList();
    }

    /** Every visible option (own and global). */
    static List<OptionSpec> allOptions(CommandSpec spec) {
        return spec.options().stream()
                .filter(o -> !o.hidden())
                .sorted(OPTION_ORDER)
                .toList();
    }

    public static List<PositionalParamSpec> positionals(CommandSpec spec) {
        return spec.positionalParameters().stream()
                .filter(p -> !p.hidden())
                .sorted(Comparator.comparingInt(p -> p.index().min()))
                .toList();
    }

    public static boolean takesValue(OptionSpec o) {
        return o.arity().max() > 0;
    }

    /** FORMAT, or [MODE] when the value may be left out; "" for a flag. */
    static String valueLabel(OptionSpec o) {
        if (!takesValue(o)) {
            return "";
        }
        return o.arity().min() == 0 ? "[" + o.paramLabel() + "]" : o.paramLabel();
    }

    /** NAMESPACE, [POOL_V6], [POOL...] as the synopsis shows them. */
    public static String argumentLabel(PositionalParamSpec p) {
        // "POD IP" names each of its two values; "POOL..." any number of them
        boolean named = p.paramLabel().strip().split("\\s+").length >= p.arity().max();
        String label = p.paramLabel() + (p.isMultiValue() && p.arity().max() > 1 && !named ? "..." : "");
        return p.arity().min() == 0 ? "[" + label + "]" : label;
    }

    /** The description of an option or parameter on one line, variables such as its default filled in. */
    public static String description(ArgSpec a) {
        return String.join(
                " ",
                lines(a.description()).stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList());
    }

    static Optional<String> defaultValue(ArgSpec a) {
        return Optional.ofNullable(a.defaultValue());
    }

    /** The footer's title ("Examples") from its heading. */
    static String footerTitle(CommandSpec spec) {
        String t = text(spec.usageMessage().footerHeading()).strip();
        if (t.endsWith(":")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.isEmpty() ? "Notes" : t;
    }

    /** The footer's lines (the examples), without the indent --help puts before them. */
    static List<String> footer(CommandSpec spec) {
        List<String> lines = new ArrayList<>(lines(spec.usageMessage().footer()).stream()
                .map(String::stripTrailing)
                .toList());
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return dedent(lines);
    }

    /** Exit code to meaning, as the --help "Exit codes" list shows them. */
    static Map<String, String> exitCodes(CommandSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        spec.usageMessage()
                .exitCodeList()
                .forEach((code, meaning) -> out.put(code.strip(), text(meaning).strip()));
        return out;
    }

    /**
     * Which live names each positional value completes ("-" for none) and any further values complete
     * ("" for none), as __complete's KIND argument, from the parameters' {@link LiveName.Candidates}.
     */
    public record Slots(List<String> fixed, String more) {}

    public static Slots slots(CommandSpec spec) {
        List<String> fixed = new ArrayList<>();
        String more = "";
        for (PositionalParamSpec p : positionals(spec)) {
            boolean unbounded = p.isMultiValue() && p.arity().max() == Integer.MAX_VALUE;
            int count = p.isMultiValue() && !unbounded ? Math.max(1, p.arity().max()) : 1;
            int start = p.index().min();
            for (int k = 0; k < count; k++) {
                while (fixed.size() < start + k) {
                    fixed.add("-");
                }
                if (fixed.size() == start + k) {
                    fixed.add(liveKind(p, k).orElse("-"));
                }
            }
            if (unbounded) {
                more = liveKind(p, count).orElse("");
            }
        }
        return new Slots(List.copyOf(fixed), more);
    }

    /** The live names the value at index of a parameter or option completes, as __complete's KIND. */
    public static Optional<String> liveKind(ArgSpec a, int index) {
        return a.completionCandidates() instanceof LiveName.Candidates c
                ? c.kind(index).map(LiveName::argument)
                : Optional.empty();
    }

    /** The live names an option's value completes. */
    public static Optional<String> optionKind(OptionSpec o) {
        return takesValue(o) ? liveKind(o, 0) : Optional.empty();
    }

    /** An option's or parameter's fixed values (an enum's constants, -o's formats, --source's sources). */
    public static List<String> fixedValues(ArgSpec a) {
        List<String> out = new ArrayList<>();
        if (a.completionCandidates() != null
                && !(a.completionCandidates() instanceof LiveName.Candidates)
                && !(a.completionCandidates() instanceof FileNames)) {
            a.completionCandidates().forEach(out::add);
        }
        return out;
    }

    /** Whether a value names a local file: its type says so, or it is marked with {@link FileNames}. */
    public static boolean completesFiles(ArgSpec a) {
        Class<?> type = a.isMultiValue() ? a.auxiliaryTypes()[0] : a.type();
        return type == java.nio.file.Path.class
                || type == java.io.File.class
                || a.completionCandidates() instanceof FileNames;
    }

    /** The root's options that tell __complete which cluster to ask, in --help order. */
    public static List<OptionSpec> passedOn(CommandSpec root) {
        return globalOptions(root).stream()
                .filter(o -> takesValue(o) || List.of(o.names()).stream().anyMatch(PASSED_ON_FLAGS::contains))
                .toList();
    }

    private static String bare(String optionName) {
        return optionName.replaceFirst("^-+", "");
    }

    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
