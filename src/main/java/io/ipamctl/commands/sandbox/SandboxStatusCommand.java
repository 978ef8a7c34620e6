package io.ipamctl.commands.sandbox;

import io.ipamctl.ExitCode;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.SandboxStatusView;
import io.ipamctl.sandbox.SandboxClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        header = "Show whether the sandbox cluster runs: pid, API server, Open vSwitch nodes, state and log files.",
        description = {
            "Asks the running sandbox process; starts nothing.",
            "Output: table (default), json, yaml (ipamctl/v1 SandboxStatus: running, pid, url, started, "
                    + "idleTimeoutSeconds, idleSeconds, watches, ovs {phase, problem, nodes, base}, state, log, "
                    + "tokenFile)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  ipamctl sandbox status", "  ipamctl sandbox status -o json"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the sandbox runs",
            "1:it runs but does not answer",
            "2:bad usage",
            "3:no sandbox runs (the next --sandbox command starts it)"
        })
public final class SandboxStatusCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output =
            new OutputOptions(OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.YAML);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat format = output.format();
        Session session = IpamctlCommand.session(spec);
        SandboxClient.Status status = SandboxClient.status(session.environment().stateDir());
        session.printer().print(new SandboxStatusView(status), format, output.headers());
        return status.running() ? ExitCode.OK : ExitCode.THRESHOLD;
    }
}
