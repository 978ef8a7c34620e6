package io.ipamctl.commands.pool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "pool",
        header = "Create, list, inspect and delete Antrea IP pools (IPPool, crd.antrea.io).",
        synopsisSubcommandLabel = "COMMAND")
public final class PoolCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
