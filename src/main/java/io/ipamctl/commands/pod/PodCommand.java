package io.ipamctl.commands.pod;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "pod",
        header = "Pod addresses: pin a Pod to a fixed IP from a pool, say why a Pod has no address.",
        synopsisSubcommandLabel = "COMMAND")
public final class PodCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
