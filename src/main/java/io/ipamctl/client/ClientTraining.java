package io.ipamctl.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The build runs this once with -XX:ArchiveClassesAtExit to train the client's own class-data
 * archive (target/ipamctl-client.jsa): a whole conversation with a stand-in server in this JVM
 * (every frame the client handles), so the archive holds what a real run loads. java.base only.
 */
public final class ClientTraining {

    private ClientTraining() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ipamctl-client-training");
        Path socket = dir.resolve("s");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
            Thread server = new Thread(new StandIn(listener), "training-server");
            server.start();
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("IPAMCTL_LC_ALL", "=C");
            Client client = Client.connect(socket);
            client.run(
                    "training",
                    "010:80",
                    System.getProperty("user.dir"),
                    CallerEnv.of(env),
                    new String[] {"pool", "usage"},
                    new ByteArrayInputStream("in".getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(),
                    new ByteArrayOutputStream());
            server.join();
            Client.connect(dir.resolve("none")); // the no-server path
            throughFifos(dir, env);
            // main's Ctrl-C hook, registered on every run (not run here)
            Thread hook = new Thread(new Client.Interrupt(client), "ipamctl-client-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            Runtime.getRuntime().removeShutdownHook(hook);
        } finally {
            Files.deleteIfExists(socket);
            for (String f : new String[] {"ctrain.i", "ctrain.o", FifoConnection.QUEUE, FifoConnection.PID}) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * The FIFO path (FifoConnection) with the classes a real run loads, without FIFOs (java.base cannot
     * make one): the queue is /dev/null, the answer a file written beforehand, the request a plain file.
     */
    private static void throughFifos(Path dir, Map<String, String> env) throws IOException {
        Files.writeString(
                dir.resolve(FifoConnection.PID), ProcessHandle.current().pid() + "\n");
        Files.createSymbolicLink(dir.resolve(FifoConnection.QUEUE), Path.of("/dev/null"));
        Files.createFile(dir.resolve("ctrain.i"));
        try (FileChannel answer =
                FileChannel.open(dir.resolve("ctrain.o"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Wire.Writer out = new Wire.Writer(answer);
            out.empty(Wire.RUNNING);
            out.text(Wire.STDOUT, "NAME   TOTAL\n");
            out.text(Wire.STDERR, "warning: training\n");
            out.number(Wire.EXIT, 0);
        }
        Client client = Client.connectThroughFifos(dir.resolve("ctrain").toString());
        client.run(
                "training",
                "010:80",
                System.getProperty("user.dir"),
                CallerEnv.of(env),
                new String[] {"pool", "usage"},
                new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
    }

    /** Answers one run: running, stdout, stderr, a stdin request, the exit code. */
    private static final class StandIn implements Runnable {
        private final ServerSocketChannel listener;

        StandIn(ServerSocketChannel listener) {
            this.listener = listener;
        }

        @Override
        public void run() {
            try (SocketChannel ch = listener.accept()) {
                Wire.Reader in = new Wire.Reader(ch);
                Wire.Writer out = new Wire.Writer(ch);
                for (Wire.Frame f = in.next(); f != null && f.type() != Wire.START; f = in.next()) {
                    f.text();
                }
                out.empty(Wire.RUNNING);
                out.text(Wire.STDOUT, "NAME   TOTAL\n");
                out.text(Wire.STDERR, "warning: training\n");
                out.number(Wire.SEND_STDIN, 8);
                for (Wire.Frame f = in.next(); f != null && f.type() == Wire.STDIN; f = in.next()) {
                    out.number(Wire.SEND_STDIN, 8);
                }
                out.number(Wire.EXIT, 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
