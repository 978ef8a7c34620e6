package io.ipamctl.kube;

import io.fabric8.kubernetes.client.http.WebSocket;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One exec session's websocket in Kubernetes' channel protocol (v4.channel.k8s.io): every binary
 * message starts with its stream, 1 stdout, 2 stderr, 3 the final Status. stdout is handed on as an
 * InputStream with back-pressure (no further message is asked for while a few chunks wait unread),
 * so 100k flows stream through in flat memory.
 *
 * <p>Hand-written instead of fabric8's {@code pods().exec()} for a measured reason (bench/findings.md,
 * "exec without fabric8's readiness wait"): in fabric8 7.4.0 {@code PodOperationsImpl.exec} builds its URL
 * through {@code PodOperationUtil.waitUntilReadyOrTerminal}, i.e. {@code waitUntilCondition}, an informer
 * (a list and a watch of the agent Pod) before every websocket, even with a ready-wait timeout of 0;
 * skipping it saved ~35 ms and 40 ms CPU per {@code ovs show --node} and one watch per node of a fan-out.
 * It can go when a fabric8 release opens the exec websocket without that wait (check
 * {@code PodOperationsImpl.getURL} at each fabric8 upgrade) and can hand stdout on with back-pressure.
 */
final class ExecChannels implements WebSocket.Listener {

    static final String PROTOCOL = "v4.channel.k8s.io";

    private static final int STDOUT = 1;
    private static final int STDERR = 2;
    private static final int STATUS = 3;
    /** Chunks of stdout that may wait unread before the socket is paused. */
    private static final int PAUSE_AT = 8;

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> stdout = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ByteArrayOutputStream status = new ByteArrayOutputStream();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Object flow = new Object();
    private WebSocket socket;
    private boolean paused;
    private volatile Throwable failure;

    @Override
    public void onOpen(WebSocket webSocket) {
        synchronized (flow) {
            socket = webSocket;
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteBuffer bytes) {
        if (!bytes.hasRemaining()) {
            webSocket.request();
            return;
        }
        int channel = bytes.get();
        byte[] data = new byte[bytes.remaining()];
        bytes.get(data);
        switch (channel) {
            case STDOUT -> {
                if (data.length > 0) {
                    stdout.add(data);
                }
                synchronized (flow) {
                    if (stdout.size() < PAUSE_AT) {
                        webSocket.request();
                    } else {
                        paused = true;
                    }
                }
                return;
            }
            case STDERR -> append(stderr, data);
            case STATUS -> append(status, data);
            default -> {
                // resize and other streams are not used by a non-interactive exec
            }
        }
        webSocket.request();
    }

    @Override
    public void onClose(WebSocket webSocket, int code, String reason) {
        end();
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        failure = error;
        end();
    }

    /** Ends stdout for the reader (at the close, an error, or the timeout). */
    void end() {
        stdout.add(END);
        closed.complete(null);
    }

    /** Closes the session: the API server then ends the command's stream. */
    void close() {
        WebSocket s;
        synchronized (flow) {
            s = socket;
        }
        if (s != null) {
            s.sendClose(1000, "ipamctl: done");
        }
        end();
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    Throwable failure() {
        return failure;
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    String status() {
        synchronized (status) {
            return status.toString(StandardCharsets.UTF_8);
        }
    }

    private static void append(ByteArrayOutputStream out, byte[] data) {
        synchronized (out) {
            out.writeBytes(data);
        }
    }

    /** The command's stdout as it arrives; ends at the close of the session. */
    InputStream stdout() {
        return new InputStream() {
            private byte[] chunk = new byte[0];
            private int pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                while (pos == chunk.length) {
                    if (chunk == END) {
                        return -1;
                    }
                    chunk = next();
                    pos = 0;
                }
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                return n;
            }

            private byte[] next() {
                byte[] c;
                try {
                    c = stdout.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return END;
                }
                if (c == END) {
                    stdout.add(END); // later reads see the end too
                    return END;
                }
                resumeIfDrained();
                return c;
            }
        };
    }

    private void resumeIfDrained() {
        synchronized (flow) {
            if (paused && stdout.size() < PAUSE_AT / 2 && socket != null) {
                paused = false;
                socket.request();
            }
        }
    }
}
