package io.ipamctl.commands;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.commands.docs.CommandModel;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A mistake in the command line (exit 2), said as kubectl says it: one line naming the word and the
 * command, the "see '... --help'" hint, and the names the user may have meant.
 */
public final class UsageError extends IpamctlException {
    private static final long serialVersionUID = 1L;

    private final transient CommandSpec command;
    private final List<String> suggestions;

    UsageError(CommandSpec command, String message, List<String> suggestions) {
        super(ExitCode.USAGE, message);
        this.command = command;
        this.suggestions = List.copyOf(suggestions);
    }

    /** The error line, without "error: ". */
    String line() {
        return getMessage() + " (see '" + command.qualifiedName() + " --help')";
    }

    List<String> suggestions() {
        return suggestions;
    }

    /** A word that names no subcommand of a command that has subcommands. */
    public static UsageError unknownCommand(CommandLine parent, String word) {
        List<String> names = new ArrayList<>();
        for (CommandLine c : CommandModel.children(parent)) {
            names.add(c.getCommandSpec().name());
            names.addAll(List.of(c.getCommandSpec().aliases()));
        }
        return new UsageError(
                parent.getCommandSpec(),
                "unknown command \"" + io.ipamctl.SafeText.printable(word) + "\" for \""
                        + parent.getCommandSpec().qualifiedName() + "\"",
                Suggestions.near(word, names));
    }

    /** An option the command does not have. */
    static UsageError unknownFlag(CommandSpec command, String typed) {
        String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        List<String> names = new ArrayList<>();
        for (OptionSpec o : command.options()) {
            if (!o.hidden()) {
                names.addAll(List.of(o.names()));
            }
        }
        List<String> near = Suggestions.near(
                name, names.stream().filter(n -> n.startsWith("--")).toList());
        return new UsageError(command, "unknown flag: " + io.ipamctl.SafeText.printable(name), near);
    }

    /** A positional value more than the command takes. */
    static UsageError unexpectedArgument(CommandSpec command, String word) {
        return new UsageError(
                command,
                "unexpected argument \"" + io.ipamctl.SafeText.printable(word) + "\": " + command.qualifiedName()
                        + " takes " + takes(command),
                List.of());
    }

    /** A required positional value left out. */
    static UsageError missingArgument(CommandSpec command, String label) {
        return new UsageError(
                command,
                "missing argument " + label + ": " + command.qualifiedName() + " takes " + takes(command),
                List.of());
    }

    /** Any other mistake, in words of its own. */
    public static UsageError of(CommandSpec command, String message) {
        return new UsageError(command, message, List.of());
    }

    /** "POOL", "NAMESPACE POOL [POOL_V6]", "no arguments". */
    static String takes(CommandSpec command) {
        List<String> labels = CommandModel.positionals(command).stream()
                .map(CommandModel::argumentLabel)
                .toList();
        return labels.isEmpty() ? "no arguments" : String.join(" ", labels);
    }
}
