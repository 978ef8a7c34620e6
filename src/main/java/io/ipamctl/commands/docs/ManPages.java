package io.ipamctl.commands.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * man/man1/*.1: troff man pages (the man(7) macros) rendered from the command model by this small
 * renderer, so no AsciiDoc tool chain is needed. No date in .TH: the pages only change with the commands.
 *
 * <p>Kept instead of picocli-codegen's {@code ManPageGenerator} (judged for issue 19.7): that one writes
 * AsciiDoc, not troff, so the build would also need Asciidoctor (asciidoctorj runs on JRuby) to make a
 * man page; it lays the options out as picocli's usage help does, not as {@link HelpPage} reflows them
 * (paragraphs, "  TERM  TEXT" list items, the examples footer); and the Markdown pages, the completions
 * and {@code --help} would still need this model walk. Revisit if picocli ships a troff writer.
 */
final class ManPages {

    static final String DIR = "man/man1/";

    private ManPages() {}

    static Map<String, String> render(CommandLine root) {
        Map<String, String> files = new TreeMap<>();
        for (CommandLine cl : CommandModel.commands(root)) {
            files.put(DIR + CommandModel.pageName(cl) + ".1", page(cl, root));
        }
        return files;
    }

    private static String page(CommandLine cl, CommandLine root) {
        CommandSpec spec = cl.getCommandSpec();
        String name = CommandModel.pageName(cl);
        StringBuilder b = new StringBuilder();
        b.append(".\\\" Generated from the ipamctl command model by cli/regen-docs; do not edit.\n");
        b.append(".TH \"")
                .append(escape(name.toUpperCase(Locale.ROOT)))
                .append("\" \"1\" \"\" \"ipamctl\" \"ipamctl Manual\"\n");
        b.append(".nh\n.ad l\n"); // no hyphenation, ragged right: option names stay whole
        b.append(".SH NAME\n")
                .append(escape(name))
                .append(" \\- ")
                .append(escape(CommandModel.header(spec)))
                .append('\n');

        b.append(".SH SYNOPSIS\n.nf\n");
        CommandModel.synopsis(cl).forEach(l -> b.append(verbatim(l)).append('\n'));
        b.append(".fi\n");

        List<CommandModel.Block> description = CommandModel.description(spec);
        if (!description.isEmpty()) {
            b.append(".SH DESCRIPTION\n");
            boolean first = true;
            for (CommandModel.Block block : description) {
                if (block.item()) {
                    b.append(".TP\n")
                            .append(block.term().isEmpty() ? "" : bold(block.term()))
                            .append('\n');
                } else if (!first) {
                    b.append(".PP\n");
                }
                b.append(text(block.text())).append('\n');
                first = false;
            }
        }

        List<PositionalParamSpec> positionals = CommandModel.positionals(spec);
        if (!positionals.isEmpty()) {
            b.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                b.append(".TP\n\\fI")
                        .append(escape(CommandModel.argumentLabel(p)))
                        .append("\\fR\n")
                        .append(text(CommandModel.description(p)))
                        .append('\n');
            }
        }

        boolean isRoot = cl.getParent() == null;
        List<OptionSpec> own = CommandModel.ownOptions(spec);
        if (!own.isEmpty()) {
            b.append(".SH OPTIONS\n");
            options(b, own);
        }
        List<OptionSpec> global = CommandModel.globalOptions(spec);
        if (!global.isEmpty()) {
            b.append(".SH GLOBAL OPTIONS\n");
            if (isRoot) {
                b.append("Accepted by every command, before or after its name.\n");
                options(b, global);
            } else {
                b.append(String.join(
                                ", ",
                                global.stream().map(o -> bold(o.longestName())).toList()))
                        .append(": see\n")
                        .append(bold(CommandModel.pageName(root)))
                        .append("(1).\n");
            }
        }

        List<CommandLine> children = CommandModel.children(cl);
        if (!children.isEmpty()) {
            b.append(".SH COMMANDS\n");
            for (CommandLine c : children) {
                CommandSpec s = c.getCommandSpec();
                b.append(".TP\n").append(bold(s.name()));
                for (String alias : s.aliases()) {
                    b.append(", ").append(bold(alias));
                }
                b.append('\n')
                        .append(text(CommandModel.header(s)))
                        .append('\n')
                        .append("See ")
                        .append(bold(CommandModel.pageName(c)))
                        .append("(1).\n");
            }
        }

        List<String> footer = CommandModel.footer(spec);
        if (!footer.isEmpty()) {
            b.append(".SH ")
                    .append(escape(CommandModel.footerTitle(spec).toUpperCase(Locale.ROOT)))
                    .append('\n');
            preformatted(b, footer);
        }

        Map<String, String> exitCodes = CommandModel.exitCodes(spec);
        if (!exitCodes.isEmpty()) {
            b.append(".SH EXIT STATUS\n");
            exitCodes.forEach((code, meaning) -> b.append(".TP\n")
                    .append(bold(code))
                    .append('\n')
                    .append(text(meaning))
                    .append('\n'));
        }

        List<CommandLine> related = new ArrayList<>();
        if (!isRoot) {
            related.add(cl.getParent());
        }
        related.addAll(children);
        if (!related.isEmpty()) {
            b.append(".SH SEE ALSO\n")
                    .append(String.join(
                            ",\n",
                            related.stream()
                                    .map(r -> bold(CommandModel.pageName(r)) + "(1)")
                                    .toList()))
                    .append('\n');
        }
        return b.toString();
    }

    private static void options(StringBuilder b, List<OptionSpec> options) {
        for (OptionSpec o : options) {
            b.append(".TP\n");
            String[] names = o.names();
            for (int i = 0; i < names.length; i++) {
                b.append(i > 0 ? ", " : "").append(bold(names[i]));
            }
            String value = CommandModel.valueLabel(o);
            if (!value.isEmpty()) {
                b.append(
                        value.startsWith("[")
                                ? "[=\\fI" + escape(value.substring(1, value.length() - 1)) + "\\fR]"
                                : "=\\fI" + escape(value) + "\\fR");
            }
            b.append('\n').append(text(CommandModel.description(o))).append('\n');
            CommandModel.defaultValue(o)
                    .ifPresent(d -> b.append(".br\nDefault: ").append(bold(d)).append('\n'));
        }
    }

    private static void preformatted(StringBuilder b, List<String> lines) {
        b.append(".PP\n.RS 4\n.nf\n");
        lines.forEach(l -> b.append(verbatim(l)).append('\n'));
        b.append(".fi\n.RE\n");
    }

    private static String bold(String s) {
        return "\\fB" + escape(s) + "\\fR";
    }

    /** A line of running text: `code spans` in bold, safe at the start of a line. */
    static String text(String s) {
        StringBuilder b = new StringBuilder();
        String[] parts = s.split("`", -1);
        boolean balanced = parts.length % 2 == 1;
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 1 && balanced) {
                b.append(bold(parts[i]));
            } else {
                b.append(i > 0 && !balanced ? "`" : "").append(escape(parts[i]));
            }
        }
        return lineSafe(b.toString());
    }

    /** A line of no-fill text exactly as given. */
    static String verbatim(String s) {
        return lineSafe(escape(s));
    }

    /** troff's special characters: backslash, the minus sign (so options copy as ASCII), non-ASCII. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\\') {
                b.append("\\e");
            } else if (c == '-') {
                b.append("\\-");
            } else if (c > 126) {
                b.append(String.format("\\[u%04X]", (int) c));
            } else if (c < 32) {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A line that starts with . or ' would be read as a request. */
    private static String lineSafe(String line) {
        return line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line;
    }
}
