package io.ipamctl.commands;

import io.ipamctl.ExitCode;
import io.ipamctl.commands.docs.HelpPage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ipamctl options}: the global options, listed once here instead of in every command's help (kubectl's). */
@Command(
        name = "options",
        header = "List the global command-line options (they apply to all commands).",
        description = "Every command takes these options, before or after its name and its arguments. An option "
                + "given twice means its last value; a flag given twice stays on.",
        footerHeading = "%nExamples:%n",
        footer = {"  ipamctl options", "  ipamctl --context prod -n ns-db pod pin-ip db-02 172.16.20.50"})
public final class OptionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        IpamctlCommand root = (IpamctlCommand) spec.root().userObject();
        var out = spec.commandLine().getOut();
        out.println("The following options can be passed to any command:");
        out.println();
        out.print(HelpPage.globalOptions(
                spec.root(), HelpPage.width(root.environment().terminal())));
        out.flush();
        return ExitCode.OK;
    }
}
