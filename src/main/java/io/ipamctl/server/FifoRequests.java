package io.ipamctl.server;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The server's second way in, for the Java client (io.ipamctl.client.FifoConnection): a FIFO {@code q} in
 * the server's 0700 directory on which a client writes the name of the two FIFOs it made, one line each,
 * and a file {@code pid} the client checks first (a killed server leaves q behind). Held open
 * read-write, so the queue never reads as ended between clients. Each name becomes a {@link FifoLink}
 * that the same {@link Conversation} serves as a socket client. Made with mkfifo(1): java.base cannot
 * make a FIFO; without mkfifo there is no queue and the launcher uses the socket.
 */
final class FifoRequests implements Closeable {

    static final String QUEUE = "q";
    static final String PID = "pid";
    private static final int MAX_LINE = 128;

    private final Path dir;
    private final int uid;
    private final Consumer<String> log;
    private final FileChannel queue;
    /** Wakes the reader at close: a FileChannel's write waits for its own read (one position lock). */
    private final FileChannel waker;

    private final Object queueKey;
    private final ByteBuffer buffer = ByteBuffer.allocate(4096);
    private final ArrayDeque<String> names = new ArrayDeque<>();
    private final StringBuilder line = new StringBuilder();
    private volatile boolean closed;

    private FifoRequests(
            Path dir, int uid, Consumer<String> log, FileChannel queue, FileChannel waker, Object queueKey) {
        this.dir = dir;
        this.uid = uid;
        this.log = log;
        this.queue = queue;
        this.waker = waker;
        this.queueKey = queueKey;
    }

    /** Makes the queue afresh (a killed server's, and what was written to it, is dropped) and the pid file. */
    static FifoRequests open(Path dir, int uid, Consumer<String> log) throws IOException {
        Path q = dir.resolve(QUEUE);
        Files.deleteIfExists(q);
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", "-m", "600", q.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (mkfifo.waitFor() != 0) {
                throw new IOException("mkfifo " + q + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + q);
        }
        FileChannel channel = FileChannel.open(q, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel waker = FileChannel.open(q, StandardOpenOption.WRITE); // a reader is there: no wait
        Object key = Files.readAttributes(q, BasicFileAttributes.class).fileKey();
        Path pid = dir.resolve(PID);
        Path tmp = dir.resolve(PID + ".tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, pid, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new FifoRequests(dir, uid, log, channel, waker, key);
    }

    Path queue() {
        return dir.resolve(QUEUE);
    }

    /** The next request, or null once closed. */
    FifoLink next() throws IOException {
        while (true) {
            String name = names.poll();
            if (name != null) {
                if (FifoLink.validName(name)) {
                    return new FifoLink(dir, name, uid, log);
                }
                log.accept("ignored a request queue line that is no request name");
                continue;
            }
            if (closed) {
                return null;
            }
            buffer.clear();
            int n;
            try {
                n = queue.read(buffer);
            } catch (IOException e) {
                if (closed) {
                    return null;
                }
                throw e;
            }
            if (closed || n < 0) {
                return null;
            }
            buffer.flip();
            split();
        }
    }

    private void split() {
        while (buffer.hasRemaining()) {
            byte b = buffer.get();
            if (b == '\n') {
                if (line.length() > 0 && line.length() <= MAX_LINE) {
                    names.add(line.toString());
                }
                line.setLength(0);
            } else if (line.length() <= MAX_LINE) {
                line.append((char) (b & 0xff));
            }
        }
    }

    /** No more requests: the queue and pid file go (if still this server's), then the queue closes. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            Object key = Files.readAttributes(dir.resolve(QUEUE), BasicFileAttributes.class)
                    .fileKey();
            if (key != null && key.equals(queueKey)) {
                Files.deleteIfExists(dir.resolve(QUEUE));
                Files.deleteIfExists(dir.resolve(PID));
            }
        } catch (IOException e) {
            // gone already
        }
        try {
            waker.write(ByteBuffer.wrap(new byte[] {'\n'})); // wakes the reader, which sees closed
        } catch (IOException e) {
            // closed already
        } finally {
            waker.close();
        }
        queue.close();
    }
}
