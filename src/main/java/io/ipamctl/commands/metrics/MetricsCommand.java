package io.ipamctl.commands.metrics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "metrics",
        header = "Prometheus metrics of the IP pools: serve them over HTTP, kept current by watches.",
        synopsisSubcommandLabel = "COMMAND")
public final class MetricsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
