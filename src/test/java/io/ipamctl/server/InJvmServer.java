package io.ipamctl.server;

import io.ipamctl.commands.Ipamctl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real server (real socket, real protocol) on a thread of the test JVM, in a directory of its
 * own. Tests talk to it with the real clients: the Java client's code in-JVM or as a process, and
 * the C client.
 */
public final class InJvmServer implements AutoCloseable {

    public static final String BUILD = "test-build";

    private static InJvmServer shared;

    private final Server server;
    private final Thread thread;
    private final Path socket;
    private final List<String> log = new CopyOnWriteArrayList<>();

    private InJvmServer(Path socket, String build, Duration idle, Duration grace, Server.Runner runner) {
        this.socket = socket;
        try {
            this.server = Server.bind(new Server.Settings(socket, build, idle, grace), runner, log::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Server.AlreadyRunning e) {
            throw new IllegalStateException(e);
        }
        this.thread = new Thread(server::serve, "test-server");
        thread.setDaemon(true);
        thread.start();
    }

    public static InJvmServer start(Path dir, String build, Duration idle, Duration grace, Server.Runner runner) {
        return new InJvmServer(dir.resolve("s"), build, idle, grace, runner);
    }

    public static InJvmServer start(Path dir) {
        return start(dir, BUILD, Duration.ofHours(1), Duration.ofSeconds(10), Ipamctl::run);
    }

    /** One server for the whole test JVM (CliRun's through-server mode). */
    public static synchronized InJvmServer shared() {
        if (shared == null) {
            Path dir = shortTempDir("ipamctl-test-");
            shared = start(dir);
            InJvmServer server = shared;
            // a test utility's own clean-up when the test JVM ends (the server is a daemon thread)
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.server.retire("tests over");
                try {
                    deleteTree(dir);
                } catch (IOException e) {
                    // a leftover under /tmp
                }
            }));
        }
        return shared;
    }

    /** A new directory under /tmp: a socket path must fit in 107 bytes, and JUnit's temp dirs can be long. */
    public static Path shortTempDir(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("/tmp"), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a directory tree (a short temp dir). */
    public static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    public Path socket() {
        return socket;
    }

    public Server server() {
        return server;
    }

    public List<String> log() {
        return log;
    }

    /** Waits until the server's accept loop has ended (retired: stopped, idle, other build). */
    public void awaitEnd() throws InterruptedException {
        thread.join();
    }

    public boolean ended() {
        return !thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        server.retire("test over");
        thread.join();
    }
}
