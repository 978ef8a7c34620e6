package io.ipamctl.client;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The thin client: sends one command to the per-user ipamctl server and plays back what it
 * answers (stdout and stderr apart, stdin when asked, the exit code). It loads nothing but java.base
 * and this package, so with its own class-data archive it starts about as fast as kubectl.
 *
 * <p>{@code java io.ipamctl.client.Client SOCKET|fifo:BASE BUILD TERMINAL [ARG...]}, as cli/ipamctl runs it.
 * Exit codes besides the command's: {@link #NO_SERVER} and {@link #DECLINED}, on which the launcher
 * runs the command in-process (nothing has run or been printed then).
 */
public final class Client {

    /** No server answered (none, a stale socket, another build, or it went away before starting). */
    public static final int NO_SERVER = 111;
    /** The server runs but leaves this command to the caller's own process (shell, --watch, ...). */
    public static final int DECLINED = 112;

    private static final int CHUNK = 64 * 1024;

    /** The first argument that names a request's FIFOs instead of the socket ({@link FifoConnection}). */
    public static final String FIFO_PREFIX = "fifo:";

    private final Closeable connection;
    private final Wire.Writer writer;
    private final Wire.Reader reader;

    Client(Closeable connection, ReadableByteChannel in, WritableByteChannel out) {
        this.connection = connection;
        this.writer = new Wire.Writer(out);
        this.reader = new Wire.Reader(in);
    }

    /** A connection to the server at socket, or null when none answers there. */
    public static Client connect(Path socket) {
        try {
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            return new Client(channel, channel, channel);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A connection through the FIFOs base.i and base.o that the caller made (mode 0600) in the server's
     * directory, or null when no server took them (they are removed then).
     */
    public static Client connectThroughFifos(String base) {
        return FifoConnection.open(base);
    }

    /**
     * Runs one command in the server.
     *
     * @return the command's exit code, or NO_SERVER / DECLINED when it did not run there
     */
    public int run(
            String build,
            String terminal,
            String cwd,
            Map<String, String> env,
            String[] args,
            InputStream stdin,
            OutputStream stdout,
            OutputStream stderr) {
        boolean running = false;
        try {
            writer.text(Wire.HELLO, hello(Wire.RUN, build));
            writer.text(Wire.CWD, cwd);
            writer.text(Wire.TERMINAL, terminal);
            Iterator<Map.Entry<String, String>> it = env.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, String> e = it.next();
                writer.text(
                        Wire.ENV,
                        new StringBuilder(e.getKey())
                                .append('=')
                                .append(e.getValue())
                                .toString());
            }
            for (String a : args) {
                writer.text(Wire.ARG, a);
            }
            writer.empty(Wire.START);
            Output out = new Output(stdout);
            Output err = new Output(stderr);
            StdinPump pump = null;
            while (true) {
                Wire.Frame f = reader.next();
                if (f == null) {
                    return lost(running, stderr);
                }
                switch (f.type()) {
                    case Wire.RUNNING -> running = true;
                    case Wire.DECLINED -> {
                        return DECLINED;
                    }
                    case Wire.OTHER_BUILD -> {
                        return NO_SERVER;
                    }
                    case Wire.STDOUT -> out.write(f.payload());
                    case Wire.STDERR -> err.write(f.payload());
                    case Wire.SEND_STDIN -> {
                        if (pump == null) {
                            pump = new StdinPump(stdin, writer);
                            Thread t = new Thread(pump, "ipamctl-client-stdin");
                            t.setDaemon(true);
                            t.start();
                        }
                        pump.request(f.number());
                    }
                    case Wire.EXIT -> {
                        out.flush();
                        err.flush();
                        return f.number();
                    }
                    default -> {
                        // a newer server's frame this client does not know: nothing to show
                    }
                }
            }
        } catch (IOException e) {
            return lost(running, stderr);
        } finally {
            close();
        }
    }

    /** The server's status lines, or null when it does not answer. */
    public String status() {
        return control(Wire.STATUS);
    }

    /** Asks the server to stop; its status lines before it stops, or null when it does not answer. */
    public String stop() {
        return control(Wire.STOP);
    }

    private String control(String kind) {
        try {
            writer.text(Wire.HELLO, hello(kind, "-"));
            String info = "";
            while (true) {
                Wire.Frame f = reader.next();
                if (f == null) {
                    return null;
                }
                if (f.type() == Wire.INFO) {
                    info = f.text();
                } else if (f.type() == Wire.EXIT) {
                    return info;
                }
            }
        } catch (IOException e) {
            return null;
        } finally {
            close();
        }
    }

    /** Ctrl-C: the server interrupts the command, runs its clean-up and answers 130. */
    public void cancel() {
        try {
            writer.empty(Wire.CANCEL);
        } catch (IOException e) {
            // the connection is gone: the server cancels on its own when it sees that
        }
    }

    private void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    private static String hello(String kind, String build) {
        return new StringBuilder(Wire.VERSION)
                .append(' ')
                .append(kind)
                .append(' ')
                .append(build)
                .toString();
    }

    private static int lost(boolean running, OutputStream stderr) {
        if (!running) {
            return NO_SERVER;
        }
        try {
            stderr.write(
                    "error: the ipamctl server went away during the command, which may be partly done; run it again (see: ipamctl server status)\n"
                            .getBytes(StandardCharsets.UTF_8));
            stderr.flush();
        } catch (IOException e) {
            // stderr is gone too
        }
        return 1;
    }

    /**
     * Reads the caller's stdin when the server asks, on a thread of its own, so that frames (the
     * exit code after a Ctrl-C) are still read while a read from a terminal waits.
     */
    private static final class StdinPump implements Runnable {
        private final InputStream in;
        private final Wire.Writer writer;
        private int wanted;

        StdinPump(InputStream in, Wire.Writer writer) {
            this.in = in;
            this.writer = writer;
        }

        synchronized void request(int n) {
            wanted = Math.max(1, Math.min(CHUNK, n));
            notifyAll();
        }

        private synchronized int next() throws InterruptedException {
            while (wanted == 0) {
                wait();
            }
            int n = wanted;
            wanted = 0;
            return n;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[CHUNK];
            try {
                while (true) {
                    int want = next();
                    int n;
                    try {
                        n = in.read(buffer, 0, want);
                    } catch (IOException unreadable) {
                        n = -1; // a closed or unreadable stdin ends the input, as in-process
                    }
                    if (n < 0) {
                        writer.empty(Wire.STDIN_END);
                    } else {
                        writer.write(Wire.STDIN, buffer, 0, n);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the command ended or the connection is gone
            }
        }
    }

    /** One of the caller's streams; once writing fails (a closed pipe) the rest is dropped, as in-process. */
    private static final class Output {
        private final OutputStream stream;
        private boolean broken;

        Output(OutputStream stream) {
            this.stream = stream;
        }

        void write(byte[] bytes) {
            if (!broken) {
                try {
                    stream.write(bytes);
                } catch (IOException e) {
                    broken = true;
                }
            }
        }

        void flush() {
            if (!broken) {
                try {
                    stream.flush();
                } catch (IOException e) {
                    broken = true;
                }
            }
        }
    }

    public static void main(String[] argv) {
        if (argv.length < 3) {
            System.err.println("usage: ipamctl-client SOCKET|fifo:BASE BUILD TERMINAL [ARG...]");
            Runtime.getRuntime().halt(2);
        }
        // the launcher makes a request's FIFOs where it can (no Unix-domain channel to pay for), else the socket
        Client client = argv[0].startsWith(FIFO_PREFIX)
                ? connectThroughFifos(argv[0].substring(FIFO_PREFIX.length()))
                : connect(Path.of(argv[0]));
        if (client == null) {
            Runtime.getRuntime().halt(NO_SERVER);
        }
        String[] args = new String[argv.length - 3];
        System.arraycopy(argv, 3, args, 0, args.length);
        Interrupt interrupt = new Interrupt(client);
        Runtime.getRuntime().addShutdownHook(new Thread(interrupt, "ipamctl-client-interrupt"));
        int code = client.run(
                argv[1],
                argv[2],
                System.getProperty("user.dir"),
                CallerEnv.of(System.getenv()),
                args,
                new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err));
        interrupt.finished(code);
        // halt, not exit: no shutdown hook is to run after a normal end
        Runtime.getRuntime().halt(interrupt.exitCode(code));
    }

    /**
     * Ctrl-C (SIGINT, also SIGTERM and SIGHUP) runs this shutdown hook: it sends the cancel and waits
     * for the server's exit code (130 once the command's clean-up ran), which main hands over.
     */
    static final class Interrupt implements Runnable {
        /** The server gives a command 10 s to stop after a cancel; a little more before giving up. */
        private static final long WAIT_MILLIS = 15_000;

        private final Client client;
        private Integer code;
        private boolean interrupted;

        Interrupt(Client client) {
            this.client = client;
        }

        synchronized void finished(int exitCode) {
            code = exitCode;
            notifyAll();
        }

        /** After a Ctrl-C nothing is to run in-process any more (no server, or declined): 130. */
        synchronized int exitCode(int exitCode) {
            return interrupted && (exitCode == NO_SERVER || exitCode == DECLINED) ? 130 : exitCode;
        }

        @Override
        public void run() {
            synchronized (this) {
                interrupted = true;
            }
            client.cancel();
            long end = System.currentTimeMillis() + WAIT_MILLIS;
            synchronized (this) {
                while (code == null && System.currentTimeMillis() < end) {
                    try {
                        wait(Math.max(1, end - System.currentTimeMillis()));
                    } catch (InterruptedException e) {
                        break;
                    }
                }
                Runtime.getRuntime().halt(code == null ? 130 : exitCode(code));
            }
        }
    }
}
