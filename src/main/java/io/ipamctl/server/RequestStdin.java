package io.ipamctl.server;

import io.ipamctl.client.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * A request's stdin: pulled from the client only when the command reads it (a {@code -f -}); a
 * command that never reads stdin never asks, so the client never touches the caller's terminal.
 */
final class RequestStdin extends InputStream {

    private final Wire.Writer writer;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private byte[] current = new byte[0];
    private int pos;
    private boolean asked;
    private boolean ended;

    RequestStdin(Wire.Writer writer) {
        this.writer = writer;
    }

    /** Bytes the client sent in answer to an ask. */
    synchronized void deliver(byte[] bytes) {
        chunks.add(bytes);
        asked = false;
        notifyAll();
    }

    /** The client's stdin ended (or the client is gone). */
    synchronized void end() {
        ended = true;
        asked = false;
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos == current.length) {
            if (!chunks.isEmpty()) {
                current = chunks.poll();
                pos = 0;
                continue;
            }
            if (ended) {
                return -1;
            }
            if (!asked) {
                asked = true;
                writer.number(Wire.SEND_STDIN, len);
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading stdin");
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return current.length - pos;
    }
}
