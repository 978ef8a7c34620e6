package io.ipamctl.commands.server;

import io.ipamctl.ExitCode;
import io.ipamctl.client.Client;
import io.ipamctl.client.SocketPaths;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.ServerStatusView;
import io.ipamctl.server.BuildId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        header = "Show whether the warm server runs: pid, uptime, requests, memory, idle exit.",
        description = {
            "Exit code 3 when no server runs.",
            "Output: table (default), wide (adds API-CLIENTS and SOCKET), json, yaml (schema ipamctl/v1 ServerStatus)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  ipamctl server status", "  ipamctl server status -o json"})
public final class ServerStatusCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output = new OutputOptions(
            OutputFormat.TABLE,
            OutputFormat.TABLE,
            OutputFormat.WIDE,
            OutputFormat.JSON,
            OutputFormat.YAML,
            OutputFormat.NAME);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat format = output.format();
        Session session = IpamctlCommand.session(spec);
        var socket = SocketPaths.socket(session.environment().env());
        Client client = Client.connect(socket);
        String info = client == null ? null : client.status();
        if (info == null) {
            session.err().println("No ipamctl server is running (socket " + socket + ").");
            session.err().flush();
            return ExitCode.THRESHOLD;
        }
        Map<String, String> v = parse(info);
        session.printer()
                .print(
                        new ServerStatusView(
                                number(v, "pid"),
                                v.getOrDefault("socket", socket.toString()),
                                v.getOrDefault("build", "?"),
                                BuildId.current().equals(v.get("build")),
                                number(v, "uptime-seconds"),
                                number(v, "idle-seconds"),
                                number(v, "idle-timeout-seconds"),
                                number(v, "requests"),
                                number(v, "running"),
                                number(v, "api-clients"),
                                number(v, "rss-bytes"),
                                caches(info)),
                        format,
                        output.headers());
        return ExitCode.OK;
    }

    static Map<String, String> parse(String info) {
        Map<String, String> values = new HashMap<>();
        info.lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        });
        return values;
    }

    /** The cache-N lines, in order. */
    private static java.util.List<String> caches(String info) {
        return info.lines()
                .filter(l -> l.matches("cache-\\d+=.*"))
                .map(l -> l.substring(l.indexOf('=') + 1))
                .toList();
    }

    private static long number(Map<String, String> values, String key) {
        try {
            return Long.parseLong(values.getOrDefault(key, "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
