package io.ipamctl.commands.sandbox;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "sandbox",
        header = "The built-in sandbox cluster of --sandbox: whether it runs, and stop it.",
        description = {
            "The first --sandbox command starts the sandbox cluster in the background: one process per "
                    + "state directory ($XDG_STATE_HOME/ipamctl/sandbox, else ~/.local/state/ipamctl/sandbox) that "
                    + "serves the Kubernetes API on 127.0.0.1 (bearer token in sandbox/token, readable only by you), "
                    + "keeps its objects in sandbox/state.json after every change, and runs the stand-ins for "
                    + "Antrea's IPAM and Traceflow and the nodes' userspace Open vSwitch (started when first needed).",
            "Later commands connect to it, so concurrent commands and a running `pool usage -w` see each "
                    + "other's changes at once.",
            "It stops after 30 minutes without a request or open watch (IPAMCTL_SANDBOX_IDLE, e.g. 10m or 0 "
                    + "for never), with `ipamctl sandbox stop`, or when ipamctl is rebuilt; its Open vSwitch nodes "
                    + "stop with it. --sandbox-reset puts it back to the seed scenario and restarts its Open vSwitch "
                    + "nodes. Its log is sandbox/server.log."
        },
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl sandbox status              # running? pid, API server, Open vSwitch nodes",
            "  ipamctl sandbox stop                # stop it and its OVS nodes; the state stays",
            "  ipamctl --sandbox-reset pool usage  # back to the seed scenario"
        })
public final class SandboxCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
