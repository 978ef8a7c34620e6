package io.ipamctl.commands.ovs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "ovs",
        header = "Open vSwitch of Antrea agents: ports, Pods, IPs and flows, one node or all.",
        synopsisSubcommandLabel = "COMMAND")
public final class OvsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
