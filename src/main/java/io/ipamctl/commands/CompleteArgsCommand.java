package io.ipamctl.commands;

import io.ipamctl.ExitCode;
import io.ipamctl.SafeText;
import io.ipamctl.commands.docs.CommandModel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * Completion as kubectl asks a plugin for it: kubectl 1.26 and later run {@code kubectl_complete-ipam
 * WORDS... CURRENT} (cli/kubectl_complete-ipam runs this command with them) and read cobra's protocol
 * back: one candidate per line ("value", a tab, its description), then ":4" (no file names) or ":0"
 * (let the shell complete a file name). Like __complete it never prints an error.
 */
@Command(
        name = CompleteArgsCommand.NAME,
        hidden = true,
        header = "Complete the last word of a command line, in cobra's __complete protocol (for kubectl).",
        footerHeading = "%nExamples:%n",
        footer = "  ipamctl __complete-args pool us")
public final class CompleteArgsCommand implements Callable<Integer> {

    public static final String NAME = "__complete-args";

    /** cobra's ShellCompDirectiveDefault: the shell may complete file names. */
    static final int FILES = 0;
    /** cobra's ShellCompDirectiveNoFileComp. */
    static final int NO_FILES = 4;

    /** The words are read as given (below), not parsed; picocli leaves unknown ones here. */
    @Unmatched
    List<String> unparsed = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        int at = args.indexOf(NAME);
        List<String> globals = args.subList(0, Math.max(0, at));
        List<String> words = new ArrayList<>(args.subList(at + 1, args.size()));
        if (words.isEmpty()) {
            words.add("");
        }
        IpamctlCommand root = (IpamctlCommand) spec.root().userObject();
        Completions.Result result = Completions.complete(
                CommandModel.treeFor(words),
                words.subList(0, words.size() - 1),
                words.get(words.size() - 1),
                Completions.inProcess(root.environment(), globals));
        PrintWriter out = spec.commandLine().getOut();
        for (Completions.Candidate c : result.candidates()) {
            String description = SafeText.printable(c.description()).replace('\t', ' ');
            out.println(description.isEmpty() ? c.value() : c.value() + "\t" + description);
        }
        out.println(":" + (result.files() ? FILES : NO_FILES));
        out.flush();
        return ExitCode.OK;
    }
}
