package io.ipamctl.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The build runs this once with -XX:ArchiveClassesAtExit to train the client's own class-data
 * archive (target/ipamctl-client.jsa): a whole conversation with a stand-in server in this JVM
 * (every frame the client handles), so the archive holds what a real run loads. java.base only.
 */
public final class ClientTraining {

    private ClientTraining() {}

    /**
     * With the argument {@code fifo}, only the way cli/ipamctl runs the client where the server reads its
     * FIFO queue (the JDK 25 AOT cache: cli/client/build-java-client); without, the socket too (the JDK 17
     * class-data archive, which loads a class only when it is used).
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 1 && args[0].equals("fifo")) {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("IPAMCTL_LC_ALL", "=C");
            throughFifos(env);
            return;
        }
        Path dir = Files.createTempDirectory("ipamctl-client-training");
        Path socket = dir.resolve("s");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
            Thread server = new Thread(new StandIn(listener), "training-server");
            server.start();
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("IPAMCTL_LC_ALL", "=C");
            run(Client.connect(socket), env, "in".getBytes(StandardCharsets.UTF_8));
            server.join();
            Client.connect(dir.resolve("none")); // the no-server path
            throughFifos(env);
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * The FIFO path (FifoConnection) with the classes a real run loads, and no others (a JDK 25 AOT cache
     * loads every class of its training at each start): java.io only, no FIFOs (java.base cannot make one).
     * The queue is a plain file, the answer a file written beforehand, the request a plain file, and the
     * pid the server's is 1 (a process that always runs).
     */
    static void throughFifos(Map<String, String> env) throws IOException {
        File dir = new File(
                System.getProperty("java.io.tmpdir"),
                "ipamctl-client-fifo-training-".concat(Long.toString(System.nanoTime())));
        File[] files = {
            new File(dir, FifoConnection.PID),
            new File(dir, FifoConnection.QUEUE),
            new File(dir, "ctrain.i"),
            new File(dir, "ctrain.o")
        };
        if (!dir.mkdir()) {
            throw new IOException("cannot make ".concat(dir.toString()));
        }
        try {
            try (FileOutputStream pid = new FileOutputStream(files[0])) {
                pid.write(new byte[] {'1', '\n'});
            }
            new FileOutputStream(files[1]).close();
            new FileOutputStream(files[2]).close();
            try (FileOutputStream answer = new FileOutputStream(files[3])) {
                Wire.Writer out = new Wire.Writer(FifoConnection.writable(answer));
                out.empty(Wire.RUNNING);
                out.text(Wire.STDOUT, "NAME   TOTAL\n");
                out.text(Wire.STDERR, "warning: training\n");
                out.number(Wire.EXIT, 0);
            }
            run(Client.connectThroughFifos(new File(dir, "ctrain").getPath()), env, new byte[0]);
        } finally {
            for (File f : files) {
                f.delete();
            }
            dir.delete();
        }
    }

    /** One `pool usage` as main runs it, and main's Ctrl-C hook registered (not run). */
    private static void run(Client client, Map<String, String> env, byte[] stdin) {
        client.run(
                "training",
                "010:80",
                System.getProperty("user.dir"),
                CallerEnv.of(env),
                new String[] {"pool", "usage"},
                new ByteArrayInputStream(stdin),
                new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        Thread hook = new Thread(new Client.Interrupt(client), "ipamctl-client-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        Runtime.getRuntime().removeShutdownHook(hook);
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
