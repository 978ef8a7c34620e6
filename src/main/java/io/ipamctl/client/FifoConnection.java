package io.ipamctl.client;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * The Java client's way to the server without a Unix-domain channel: two named pipes (FIFOs) that the
 * caller made in the server's 0700 directory, {@code NAME.i} (client to server) and {@code NAME.o}
 * (server to client), announced by writing NAME to the server's request queue {@code q}, itself a FIFO.
 * A Unix-domain channel costs a JVM ~23 ms before its first byte (the static SecureRandom of
 * sun.nio.ch.UnixDomainSockets and the NIO libraries; bench/findings.md "jclient"); plain file streams
 * cost none of it. The frames are the same ({@link Wire}), and the server checks that the FIFOs belong to
 * its own user, as SO_PEERCRED does for the socket.
 *
 * <p>Opening order, so that no open waits for a process that is gone: {@code .i} read-write (never
 * blocks; the server's read end sees end-of-file once this process has exited), the announcement, then
 * {@code .o} for reading, which waits for the server to open it. A watchdog ends that wait after
 * {@link #ANSWER_MILLIS} (a server killed after the launcher's check, or one retiring at that moment):
 * nothing has been sent then, so the launcher may run the command in-process.
 */
final class FifoConnection {

    /** The server's request queue in its directory (a FIFO the server reads). */
    static final String QUEUE = "q";
    /** The server's process id, for a liveness check before announcing (a killed server leaves q). */
    static final String PID = "pid";
    /** How long the server may take to open a request's FIFOs before the client runs in-process. */
    static final long ANSWER_MILLIS = 5_000;

    private FifoConnection() {}

    /** The connection through base.i and base.o, or null when no server opened them. */
    static Client open(String base) {
        // no string concatenation with + and no lambdas on this path: each would bootstrap an invokedynamic
        File in = new File(base.concat(".i"));
        File out = new File(base.concat(".o"));
        File dir = in.getAbsoluteFile().getParentFile();
        String name = out.getName().substring(0, out.getName().length() - 2);
        RandomAccessFile toServer = null;
        try {
            File queue = new File(dir, QUEUE);
            // exists: opening it read-write would make a plain file (the launcher checked it is a FIFO)
            if (!serverAlive(dir) || !queue.exists() || !in.exists()) {
                return gone(null, in, out);
            }
            toServer = new RandomAccessFile(in, "rw");
            try (RandomAccessFile q = new RandomAccessFile(queue, "rw")) {
                q.write(name.concat("\n").getBytes(StandardCharsets.UTF_8)); // one write below PIPE_BUF: atomic
            }
            Watchdog watchdog = new Watchdog(out);
            Thread t = new Thread(watchdog, "ipamctl-client-answer");
            t.setDaemon(true);
            t.start();
            FileInputStream fromServer = new FileInputStream(out);
            in.delete(); // both ends are open: the names are not needed any more (nor left behind)
            out.delete();
            if (!watchdog.connected()) {
                fromServer.close();
                return gone(toServer, in, out);
            }
            return new Client(
                    new Ends(fromServer, toServer),
                    readable(fromServer),
                    writable(new java.io.FileOutputStream(toServer.getFD())));
        } catch (IOException | RuntimeException e) {
            return gone(toServer, in, out);
        }
    }

    /** The pid the server wrote is a running process (a server killed with -9 leaves its files). */
    private static boolean serverAlive(File dir) {
        try (FileInputStream f = new FileInputStream(new File(dir, PID))) {
            byte[] b = new byte[24];
            int n = f.read(b);
            if (n <= 0) {
                return false;
            }
            String pid = new String(b, 0, n, StandardCharsets.US_ASCII).trim();
            for (int i = 0; i < pid.length(); i++) {
                if (pid.charAt(i) < '0' || pid.charAt(i) > '9') {
                    return false;
                }
            }
            return !pid.isEmpty() && new File("/proc/".concat(pid)).exists();
        } catch (IOException e) {
            return false;
        }
    }

    private static Client gone(RandomAccessFile toServer, File in, File out) {
        try {
            if (toServer != null) {
                toServer.close();
            }
        } catch (IOException e) {
            // nothing was sent through it
        }
        in.delete();
        out.delete();
        return null;
    }

    /**
     * Opens .o itself when the server has not within the time, which ends the client's wait; the client
     * then sees that it was the watchdog, not the server.
     */
    private static final class Watchdog implements Runnable {
        private final File out;
        private boolean connected;
        private boolean expired;

        Watchdog(File out) {
            this.out = out;
        }

        /** Called once the open of .o returned: whether the server opened it. */
        synchronized boolean connected() {
            connected = !expired;
            return connected;
        }

        @Override
        public void run() {
            try {
                Thread.sleep(ANSWER_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (connected) {
                    return;
                }
                expired = true;
            }
            try (RandomAccessFile release = new RandomAccessFile(out, "rw")) {
                release.length(); // opened read-write: the client's open for reading returns
            } catch (IOException e) {
                // .o is gone: the client's open failed already
            }
        }
    }

    /** Both ends of the connection, closed together. */
    private static final class Ends implements java.io.Closeable {
        private final FileInputStream fromServer;
        private final RandomAccessFile toServer;

        Ends(FileInputStream fromServer, RandomAccessFile toServer) {
            this.fromServer = fromServer;
            this.toServer = toServer;
        }

        @Override
        public void close() throws IOException {
            try {
                fromServer.close();
            } finally {
                toServer.close();
            }
        }
    }

    /** A stream as a channel for {@link Wire.Reader} (heap buffers only, as Wire uses). */
    private static ReadableByteChannel readable(InputStream in) {
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** A stream as a channel for {@link Wire.Writer}. */
    static WritableByteChannel writable(OutputStream out) {
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                int n = src.remaining();
                out.write(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.position() + n);
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
