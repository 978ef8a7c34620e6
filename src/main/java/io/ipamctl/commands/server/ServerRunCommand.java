package io.ipamctl.commands.server;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.client.SocketPaths;
import io.ipamctl.commands.DurationConverter;
import io.ipamctl.commands.Environment;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.server.BuildId;
import io.ipamctl.server.Server;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        hidden = true,
        header = "Run the warm server in this process (cli/ipamctl starts it in the background).",
        description = {
            "Listens until idle for IPAMCTL_SERVER_IDLE_TIMEOUT (default 10m), until `ipamctl server stop`,",
            "or until a client of another build comes. Its log: server.log next to the socket."
        })
public final class ServerRunCommand implements Callable<Integer> {

    /** The log is started afresh when it grows beyond this. */
    private static final long LOG_LIMIT = 1 << 20;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        IpamctlCommand root = (IpamctlCommand) spec.root().userObject();
        Environment environment = root.environment();
        Path socket = SocketPaths.socket(environment.env());
        Duration idle = idleTimeout(environment.get("IPAMCTL_SERVER_IDLE_TIMEOUT"));
        Files.createDirectories(socket.getParent());
        Path logFile = socket.getParent().resolve("server.log");
        if (Files.isRegularFile(logFile) && Files.size(logFile) > LOG_LIMIT) {
            Files.delete(logFile);
        }
        try (PrintWriter log = new PrintWriter(
                Files.newBufferedWriter(
                        logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                true)) {
            Server server;
            try {
                server = Server.bind(
                        new Server.Settings(socket, BuildId.current(), idle, Server.Settings.DEFAULT_CANCEL_GRACE),
                        line -> log.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + line));
            } catch (Server.AlreadyRunning e) {
                root.session().err().println(e.getMessage());
                return ExitCode.OK;
            }
            // SIGTERM (kill, logout): leave as `server stop` does, taking the socket along
            Server serving = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> serving.retire("terminated"), "ipamctl-server-term"));
            server.serve();
        }
        return ExitCode.OK;
    }

    static Duration idleTimeout(String value) {
        if (value == null || value.isBlank()) {
            return Server.Settings.DEFAULT_IDLE;
        }
        Duration d;
        try {
            d = DurationConverter.parse(value.trim());
        } catch (RuntimeException e) {
            d = Duration.ZERO;
        }
        if (d.isZero()) {
            throw IpamctlException.invalid("IPAMCTL_SERVER_IDLE_TIMEOUT=" + value
                    + " is not a duration longer than 0 (use e.g. 30s, 10m, 1h)");
        }
        return d;
    }
}
