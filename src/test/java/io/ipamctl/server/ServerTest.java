package io.ipamctl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.client.Client;
import io.ipamctl.client.Wire;
import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Host;
import io.ipamctl.kube.CleanupOnExit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's life: start over a stale socket, one per directory, idle exit, status, stop, stuck commands. */
@Timeout(120)
class ServerTest {

    Path dir;
    final List<String> cleanedUp = new CopyOnWriteArrayList<>();
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch releaseStuck = new CountDownLatch(1);

    @BeforeEach
    void dir() throws IOException {
        dir = InJvmServer.shortTempDir("ipamctl-server-test-");
    }

    @AfterEach
    void clean() throws IOException {
        releaseStuck.countDown();
        InJvmServer.deleteTree(dir);
    }

    /** "block" waits for an interrupt (then 130), "stuck" ignores interrupts; both register a clean-up step. */
    private int commands(String[] args, Environment env, PrintWriter out, PrintWriter err, Host host) {
        try (CleanupOnExit cleanup = host.cleanups().register("test", () -> cleanedUp.add(args[0] + " cleaned up"))) {
            started.countDown();
            if (args[0].equals("stuck")) {
                while (true) {
                    try {
                        if (releaseStuck.await(100, TimeUnit.MILLISECONDS)) {
                            return 0;
                        }
                    } catch (InterruptedException ignored) {
                        // a command that does not stop when asked
                    }
                }
            }
            try {
                new CountDownLatch(1).await();
                return 0;
            } catch (InterruptedException e) {
                return 130;
            }
        }
    }

    private InJvmServer server(Duration idle, Duration grace) {
        return InJvmServer.start(dir, InJvmServer.BUILD, idle, grace, this::commands);
    }

    private static CompletableFuture<Integer> runAsync(Client client, ByteArrayOutputStream err, String... args) {
        return CompletableFuture.supplyAsync(() -> client.run(
                InJvmServer.BUILD,
                "000:0",
                "/",
                Map.of(),
                args,
                new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(),
                err));
    }

    @Test
    void anIdleServerLeavesAndTakesItsSocketWithIt() throws Exception {
        InJvmServer server = server(Duration.ofMillis(300), Duration.ofSeconds(10));
        server.awaitEnd(); // no request comes: it ends by itself
        assertFalse(Files.exists(server.socket()));
        assertTrue(
                server.log().contains("retiring: idle for 300ms"), server.log().toString());
    }

    @Test
    void aStaleSocketLeftByAKilledServerIsReplacedAtStart() throws Exception {
        try (ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            killed.bind(UnixDomainSocketAddress.of(dir.resolve("s")));
        }
        assertTrue(Files.exists(dir.resolve("s")), "what kill -9 leaves behind");
        try (InJvmServer server = server(Duration.ofHours(1), Duration.ofSeconds(10))) {
            assertNotNull(Client.connect(server.socket()).status());
        }
    }

    @Test
    void oneServerPerDirectory() throws Exception {
        try (InJvmServer first = server(Duration.ofHours(1), Duration.ofSeconds(10))) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class, () -> server(Duration.ofHours(1), Duration.ofSeconds(10)));
            assertInstanceOf(Server.AlreadyRunning.class, e.getCause());
            assertNotNull(Client.connect(first.socket()).status(), "the first one is untouched");
        }
    }

    @Test
    void statusDescribesTheServerAndStopEndsIt() throws Exception {
        InJvmServer server = server(Duration.ofMinutes(10), Duration.ofSeconds(10));
        String status = Client.connect(server.socket()).status();
        assertTrue(status.contains("pid=" + ProcessHandle.current().pid() + "\n"), status);
        assertTrue(status.contains("build=" + InJvmServer.BUILD + "\n"), status);
        assertTrue(status.contains("idle-timeout-seconds=600\n"), status);
        assertTrue(status.contains("requests=0\nrunning=0\n"), status);
        // the Java client's way in beside the socket: the request queue and the pid it checks first
        Path dir = server.socket().getParent();
        assertTrue(Files.isRegularFile(dir.resolve("pid")));
        assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve("pid")));
        assertTrue(Files.exists(dir.resolve("q")) && !Files.isRegularFile(dir.resolve("q")));
        assertNotNull(Client.connect(server.socket()).stop());
        server.awaitEnd();
        assertNull(Client.connect(server.socket()), "nothing listens any more");
        assertFalse(Files.exists(dir.resolve("q")), "the queue went with the server");
        assertFalse(Files.exists(dir.resolve("pid")));
    }

    @Test
    void aCancelledCommandThatDoesNotStopIsGivenUpItsCleanUpRunsAndTheServerRetires() throws Exception {
        InJvmServer server = server(Duration.ofHours(1), Duration.ofMillis(200));
        Client client = Client.connect(server.socket());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> run = runAsync(client, err, "stuck");
        assertTrue(started.await(60, TimeUnit.SECONDS));
        client.cancel();
        assertEquals(1, run.get());
        assertEquals(
                "error: the command did not stop within 200ms of Ctrl-C; its clean-up ran, and the ipamctl server "
                        + "restarts at the next command\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("stuck cleaned up"), cleanedUp);
        server.awaitEnd();
        assertTrue(
                server.log().contains("retiring: a cancelled command did not stop within 200ms"),
                server.log().toString());
    }

    @Test
    void aClientThatVanishesMidCommandCancelsIt() throws Exception {
        try (InJvmServer server = server(Duration.ofHours(1), Duration.ofSeconds(10))) {
            try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(server.socket()))) {
                Wire.Writer w = new Wire.Writer(ch);
                w.text(Wire.HELLO, Wire.VERSION + " run " + InJvmServer.BUILD);
                w.text(Wire.CWD, "/");
                w.text(Wire.TERMINAL, "000:0");
                w.text(Wire.ARG, "block");
                w.empty(Wire.START);
                assertEquals(Wire.RUNNING, new Wire.Reader(ch).next().type());
                assertTrue(started.await(60, TimeUnit.SECONDS));
            } // the client is gone (killed, or its terminal closed)
            while (cleanedUp.isEmpty()) {
                Thread.sleep(20);
            }
            assertEquals(List.of("block cleaned up"), cleanedUp);
            assertNotNull(Client.connect(server.socket()).status(), "the server goes on");
        }
    }
}
