package io.ipamctl.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * The protocol between a client (this package's Java client, or cli/client/ipamctl-client.c) and the
 * ipamctl server, over a Unix-domain socket. In the style of Nailgun and mvnd: every frame is
 *
 * <pre>
 *   length  4 bytes, big-endian: the number of payload bytes (at most 64 MiB)
 *   type    1 byte (an ASCII letter or digit, below)
 *   payload length bytes; text is UTF-8, numbers are 4-byte big-endian ints
 * </pre>
 *
 * Client to server, in this order: {@code H} hello ("ipamctl/1 KIND BUILD", KIND run, status or
 * stop); for run then {@code D} the working directory, {@code T} the terminal ("IOE:COLS": 1 or 0
 * whether stdin, stdout and stderr are terminals, and the width, 0 when unknown), one {@code E} per
 * environment entry ("NAME=VALUE", every variable), one {@code A} per argument, and {@code C} to
 * start. While the command runs: {@code 0} stdin bytes or {@code .} end of stdin, each only in
 * answer to an {@code S}; {@code K} cancel (Ctrl-C).
 *
 * <p>Server to client: {@code R} the command runs here (from now on the client must not run it
 * itself); or instead {@code N} declined (payload: why) or {@code B} another build (payload: the
 * server's build), both before anything ran or was printed, so the client runs the command
 * in-process. Then {@code 1} stdout bytes, {@code 2} stderr bytes, {@code S} send stdin (payload: the
 * most bytes wanted; sent only when the command reads stdin), {@code I} information (status), and
 * {@code X} the exit code, always the last frame.
 */
public final class Wire {

    public static final String VERSION = "ipamctl/1";

    public static final byte HELLO = 'H';
    public static final byte CWD = 'D';
    public static final byte TERMINAL = 'T';
    public static final byte ENV = 'E';
    public static final byte ARG = 'A';
    public static final byte START = 'C';
    public static final byte STDIN = '0';
    public static final byte STDIN_END = '.';
    public static final byte CANCEL = 'K';

    public static final byte RUNNING = 'R';
    public static final byte DECLINED = 'N';
    public static final byte OTHER_BUILD = 'B';
    public static final byte STDOUT = '1';
    public static final byte STDERR = '2';
    public static final byte SEND_STDIN = 'S';
    public static final byte INFO = 'I';
    public static final byte EXIT = 'X';

    /** Hello kinds. */
    public static final String RUN = "run";

    public static final String STATUS = "status";
    public static final String STOP = "stop";

    static final int MAX_PAYLOAD = 64 << 20;

    private Wire() {}

    /** One frame as read. */
    public static final class Frame {
        private final byte type;
        private final byte[] payload;

        Frame(byte type, byte[] payload) {
            this.type = type;
            this.payload = payload;
        }

        public byte type() {
            return type;
        }

        public byte[] payload() {
            return payload;
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int number() throws IOException {
            if (payload.length != 4) {
                throw new IOException("bad frame: a number of " + payload.length + " bytes");
            }
            return ByteBuffer.wrap(payload).getInt();
        }
    }

    /**
     * Reads frames from a channel. The channel is used directly (not through Channels.newInputStream,
     * whose lock would block a concurrent write, the cancel, while a read waits).
     */
    public static final class Reader {
        private final ReadableByteChannel channel;
        private final ByteBuffer header = ByteBuffer.allocate(5);

        public Reader(ReadableByteChannel channel) {
            this.channel = channel;
        }

        /** The next frame, or null when the other side closed the connection between frames. */
        public Frame next() throws IOException {
            header.clear();
            if (!fill(header, true)) {
                return null;
            }
            header.flip();
            int length = header.getInt();
            byte type = header.get();
            if (length < 0 || length > MAX_PAYLOAD) {
                throw new IOException("bad frame: length " + length);
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            fill(payload, false);
            return new Frame(type, payload.array());
        }

        private boolean fill(ByteBuffer buffer, boolean eofAllowedAtStart) throws IOException {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    if (eofAllowedAtStart && buffer.position() == 0) {
                        return false;
                    }
                    throw new EOFException("connection closed within a frame");
                }
            }
            return true;
        }
    }

    /**
     * Writes whole frames; safe to use from several threads (each frame is written at once). An
     * interrupt closes a channel that a thread is blocked on (or about to block on), so a write sets
     * the writing thread's interrupt aside, and {@link #interrupt(Thread)} interrupts only between writes.
     */
    public static final class Writer {
        private final WritableByteChannel channel;

        public Writer(WritableByteChannel channel) {
            this.channel = channel;
        }

        public void write(byte type, byte[] payload, int offset, int length) throws IOException {
            ByteBuffer header = ByteBuffer.allocate(5);
            header.putInt(length).put(type).flip();
            ByteBuffer body = ByteBuffer.wrap(payload, offset, length);
            synchronized (this) {
                boolean interrupted = Thread.interrupted();
                try {
                    while (header.hasRemaining()) {
                        channel.write(header);
                    }
                    while (body.hasRemaining()) {
                        channel.write(body);
                    }
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }

        /** Interrupts thread, never while it writes a frame on this channel. */
        public void interrupt(Thread thread) {
            synchronized (this) {
                thread.interrupt();
            }
        }

        public void write(byte type, byte[] payload) throws IOException {
            write(type, payload, 0, payload.length);
        }

        public void text(byte type, String text) throws IOException {
            write(type, text.getBytes(StandardCharsets.UTF_8));
        }

        public void number(byte type, int value) throws IOException {
            write(type, ByteBuffer.allocate(4).putInt(value).array());
        }

        public void empty(byte type) throws IOException {
            write(type, new byte[0]);
        }
    }
}
