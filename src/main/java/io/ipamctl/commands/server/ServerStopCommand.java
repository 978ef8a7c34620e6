package io.ipamctl.commands.server;

import io.ipamctl.ExitCode;
import io.ipamctl.client.Client;
import io.ipamctl.client.SocketPaths;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "stop",
        header = "Stop the warm server (commands that are running finish first).",
        description = "Nothing to stop is not an error. The next command runs in-process and starts a new server.",
        footerHeading = "%nExamples:%n",
        footer = "  ipamctl server stop")
public final class ServerStopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Session session = IpamctlCommand.session(spec);
        var socket = SocketPaths.socket(session.environment().env());
        Client client = Client.connect(socket);
        String info = client == null ? null : client.stop();
        if (info == null) {
            session.out().println("No ipamctl server is running.");
        } else {
            String pid = ServerStatusCommand.parse(info).getOrDefault("pid", "?");
            session.out().println("Stopped the ipamctl server (pid " + pid + ").");
        }
        session.out().flush();
        return ExitCode.OK;
    }
}
