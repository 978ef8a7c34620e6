package io.ipamctl.commands.pool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "pool",
        header =
                "Usage and consistency of every IP pool (Antrea, Whereabouts, Node IPAM); create and delete Antrea pools.",
        synopsisSubcommandLabel = "COMMAND")
public final class PoolCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
