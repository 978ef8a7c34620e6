package io.ipamctl.commands.sandbox;

import io.ipamctl.ExitCode;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.Session;
import io.ipamctl.sandbox.SandboxClient;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "stop",
        header = "Stop the sandbox cluster and its Open vSwitch nodes; its state is kept.",
        description = {
            "Asks the sandbox process to stop (it stops its Open vSwitch nodes and removes their "
                    + "directories) and waits until it is gone; a sandbox that does not answer is ended.",
            "The objects stay in the state file: the next --sandbox command starts the sandbox again with "
                    + "them (--sandbox-reset: with the seed scenario). Nothing to stop is not an error."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  ipamctl sandbox stop"})
public final class SandboxStopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Session session = IpamctlCommand.session(spec);
        Optional<Long> pid = SandboxClient.stop(session.environment().stateDir(), session.who(), session.err());
        session.out()
                .println(pid.map(p -> "sandbox stopped (pid " + p + ", with its Open vSwitch nodes)")
                        .orElse("sandbox is not running (nothing to stop)"));
        session.out().flush();
        return ExitCode.OK;
    }
}
