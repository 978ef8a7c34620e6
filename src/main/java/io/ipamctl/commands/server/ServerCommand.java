package io.ipamctl.commands.server;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "server",
        header = "The warm ipamctl server that answers commands without starting a JVM each time.",
        description = {
            "cli/ipamctl (and kubectl ipam) send each command to a per-user server over a Unix socket in",
            "$XDG_RUNTIME_DIR/ipamctl (else ~/.cache/ipamctl/server), which runs it with the caller's",
            "environment, directory, terminal and stdin. Without a server the command runs in its own",
            "process as before, and a server is started in the background afterwards.",
            "",
            "In-process always: shell, --watch, and kubeconfig users with an exec credential plugin or",
            "an auth-provider (those plugins must run with the caller's environment).",
            "Off: IPAMCTL_SERVER=off (or CI set) runs every command in-process and starts no server.",
            "Idle exit: after IPAMCTL_SERVER_IDLE_TIMEOUT (default 10m) without a request."
        },
        synopsisSubcommandLabel = "COMMAND")
public final class ServerCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
