package io.ipamctl.commands;

import io.ipamctl.ExitCode;
import io.ipamctl.commands.docs.CommandModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ipamctl help [COMMAND...]}: the help of a command at any depth, as {@code COMMAND... --help} prints it. */
@Command(
        name = HelpCommand.NAME,
        helpCommand = true,
        header = "Show the help of any command (ipamctl help pool usage = ipamctl pool usage --help).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl help                 # the commands",
            "  ipamctl help pool usage      # one command's options and examples"
        })
public final class HelpCommand implements Callable<Integer> {

    public static final String NAME = "help";

    @Parameters(
            arity = "0..*",
            paramLabel = "COMMAND",
            description = "The command, with its parent commands (pool usage).")
    List<String> path = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine target = spec.root().commandLine();
        for (String word : path) {
            CommandLine next = CommandModel.children(target).stream()
                    .filter(c -> c.getCommandSpec().name().equals(word)
                            || List.of(c.getCommandSpec().aliases()).contains(word))
                    .findFirst()
                    .orElse(null);
            if (next == null) {
                throw UsageError.unknownCommand(target, word);
            }
            target = next;
        }
        target.usage(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
