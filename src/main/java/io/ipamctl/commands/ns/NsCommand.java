package io.ipamctl.commands.ns;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "ns",
        header = "Bind namespaces to IP pools (the ipam.antrea.io/ippools annotation).",
        synopsisSubcommandLabel = "COMMAND")
public final class NsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
