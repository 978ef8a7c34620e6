package io.ipamctl.commands.docs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * commands/*.md: one reference page per command and an index, rendered from the command model. picocli
 * has no Markdown writer (picocli-codegen's ManPageGenerator writes AsciiDoc only; see {@link ManPages}).
 */
final class MarkdownPages {

    static final String DIR = "commands/";
    private static final String NOTICE = "<!-- Generated from the command model by cli/regen-docs; do not edit. -->\n";

    private MarkdownPages() {}

    /** File name (under the repository root) to content. */
    static Map<String, String> render(CommandLine root) {
        Map<String, String> files = new TreeMap<>();
        List<CommandLine> commands = CommandModel.commands(root);
        for (CommandLine cl : commands) {
            files.put(DIR + CommandModel.pageName(cl) + ".md", page(cl, root));
        }
        files.put(DIR + "README.md", index(commands));
        return files;
    }

    private static String index(List<CommandLine> commands) {
        StringBuilder b = new StringBuilder(NOTICE);
        b.append("# Command reference\n\n");
        b.append("One page per command, generated from the same picocli model as `ipamctl COMMAND --help`\n");
        b.append("(`cli/regen-docs` rewrites them; a test fails when they are stale). The same pages as man\n");
        b.append("pages are in [`man/man1/`](../man/man1/) (`man -l man/man1/ipamctl-pool-usage.1`); shell\n");
        b.append("completion is in [`completions/`](../completions/) (`ipamctl completion bash|zsh|fish`).\n\n");
        b.append("| Command | Description |\n|---|---|\n");
        for (CommandLine cl : commands) {
            b.append("| [`")
                    .append(CommandModel.qualifiedName(cl))
                    .append("`](")
                    .append(CommandModel.pageName(cl))
                    .append(".md) | ")
                    .append(cell(CommandModel.header(cl.getCommandSpec())))
                    .append(" |\n");
        }
        return b.toString();
    }

    private static String page(CommandLine cl, CommandLine root) {
        CommandSpec spec = cl.getCommandSpec();
        StringBuilder b = new StringBuilder(NOTICE);
        b.append("# ").append(CommandModel.qualifiedName(cl)).append("\n\n");
        b.append(inline(CommandModel.header(spec))).append("\n\n");
        if (spec.aliases().length > 0) {
            b.append("Alias: ")
                    .append(code(String.join("`, `", spec.aliases())))
                    .append("\n\n");
        }
        b.append("## Synopsis\n\n```\n");
        CommandModel.synopsis(cl).forEach(l -> b.append(l).append('\n'));
        b.append("```\n\n");

        List<CommandModel.Block> description = CommandModel.description(spec);
        if (!description.isEmpty()) {
            b.append("## Description\n\n");
            boolean inList = false;
            for (CommandModel.Block block : description) {
                if (inList && !block.item()) {
                    b.append('\n');
                }
                if (block.item()) {
                    String term = block.term().isEmpty() ? "" : code(block.term()) + ": ";
                    b.append("- ").append(term).append(inline(block.text())).append('\n');
                } else {
                    b.append(lineStart(inline(block.text()))).append("\n\n");
                }
                inList = block.item();
            }
            if (inList) {
                b.append('\n');
            }
        }

        List<PositionalParamSpec> positionals = CommandModel.positionals(spec);
        if (!positionals.isEmpty()) {
            b.append("## Arguments\n\n| Argument | Description |\n|---|---|\n");
            for (PositionalParamSpec p : positionals) {
                b.append("| ")
                        .append(code(CommandModel.argumentLabel(p)))
                        .append(" | ")
                        .append(cell(CommandModel.description(p)))
                        .append(" |\n");
            }
            b.append('\n');
        }

        boolean isRoot = cl.getParent() == null;
        List<OptionSpec> own = CommandModel.ownOptions(spec);
        if (!own.isEmpty()) {
            b.append("## Options\n\n");
            optionTable(b, own);
        }
        List<OptionSpec> global = CommandModel.globalOptions(spec);
        if (!global.isEmpty()) {
            b.append("## Global options\n\n");
            if (isRoot) {
                b.append("Accepted by every command, before or after its name.\n\n");
                optionTable(b, global);
            } else {
                b.append(String.join(
                                ", ",
                                global.stream()
                                        .map(o -> code(String.join("`/`", o.names())))
                                        .toList()))
                        .append(": see [")
                        .append(CommandModel.qualifiedName(root))
                        .append("](")
                        .append(CommandModel.pageName(root))
                        .append(".md#global-options).\n\n");
            }
        }

        List<CommandLine> children = CommandModel.children(cl);
        if (!children.isEmpty()) {
            b.append("## Commands\n\n| Command | Description |\n|---|---|\n");
            for (CommandLine c : children) {
                CommandSpec s = c.getCommandSpec();
                b.append("| [")
                        .append(code(s.name()))
                        .append("](")
                        .append(CommandModel.pageName(c))
                        .append(".md)");
                if (s.aliases().length > 0) {
                    b.append(" (")
                            .append(code(String.join("`, `", s.aliases())))
                            .append(')');
                }
                b.append(" | ").append(cell(CommandModel.header(s))).append(" |\n");
            }
            b.append('\n');
        }

        List<String> footer = CommandModel.footer(spec);
        if (!footer.isEmpty()) {
            b.append("## ").append(CommandModel.footerTitle(spec)).append("\n\n```sh\n");
            footer.forEach(l -> b.append(l).append('\n'));
            b.append("```\n\n");
        }

        Map<String, String> exitCodes = CommandModel.exitCodes(spec);
        if (!exitCodes.isEmpty()) {
            b.append("## Exit codes\n\n| Code | Meaning |\n|---|---|\n");
            exitCodes.forEach((code, meaning) -> b.append("| ")
                    .append(code)
                    .append(" | ")
                    .append(cell(meaning))
                    .append(" |\n"));
            b.append('\n');
        }

        b.append("## See also\n\n");
        if (!isRoot) {
            CommandLine parent = cl.getParent();
            b.append("[")
                    .append(CommandModel.qualifiedName(parent))
                    .append("](")
                    .append(CommandModel.pageName(parent))
                    .append(".md) · ");
        }
        b.append("[all commands](README.md) · man page: `man ")
                .append(CommandModel.pageName(cl))
                .append("`\n");
        return b.toString();
    }

    private static void optionTable(StringBuilder b, List<OptionSpec> options) {
        b.append("| Option | Value | Description | Default |\n|---|---|---|---|\n");
        for (OptionSpec o : options) {
            String value = CommandModel.valueLabel(o);
            b.append("| ")
                    .append(code(String.join("`, `", o.names())))
                    .append(" | ")
                    .append(value.isEmpty() ? "" : code(value))
                    .append(" | ")
                    .append(cell(CommandModel.description(o)))
                    .append(" | ")
                    .append(CommandModel.defaultValue(o)
                            .map(MarkdownPages::code)
                            .orElse(""))
                    .append(" |\n");
        }
        b.append('\n');
    }

    private static String code(String s) {
        return "`" + s + "`";
    }

    /** Text inside a table cell: inline text, with | escaped. */
    static String cell(String s) {
        return inline(s).replace("|", "\\|");
    }

    /**
     * Help text as Markdown: `code spans` are kept, everything else has Markdown's special
     * characters escaped so it reads exactly as in --help.
     */
    static String inline(String s) {
        StringBuilder b = new StringBuilder();
        String[] parts = s.split("`", -1);
        boolean balanced = parts.length % 2 == 1;
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 1 && balanced) {
                b.append('`').append(parts[i]).append('`');
            } else {
                if (i > 0 && !balanced) {
                    b.append("\\`");
                }
                for (char c : parts[i].toCharArray()) {
                    if ("\\*_[]<>".indexOf(c) >= 0) {
                        b.append('\\');
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** A line that Markdown would read as a heading, list item or quote gets its first character escaped. */
    private static String lineStart(String line) {
        if (line.matches("^([#>+=-]|\\d+[.)]).*")) {
            int split = line.matches("^\\d.*")
                    ? line.indexOf(line.replaceFirst("^\\d+", "").charAt(0))
                    : 0;
            return line.substring(0, split) + "\\" + line.substring(split);
        }
        return line;
    }
}
