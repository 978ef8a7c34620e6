package io.ipamctl.kube;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A response body as an InputStream, fed by the HTTP client's buffers and copied out of them in bulk.
 * fabric8's own InputStream body (HttpClientReadableByteChannel) copies every byte with a get/put pair: at
 * 500 pools / 100k allocations (36 MB of JSON) ~11% of a cold `pool usage`'s CPU (bench/findings.md, "Cold
 * path, third round"). As fabric8's, it asks the client for more only when the buffers it holds are read, so
 * a big list never sits in memory whole.
 *
 * <p>It reads ahead: while the reader parses, the client's thread goes on reading, decrypting and
 * inflating the next buffers, up to {@link #AHEAD} bytes held, so on two cores the body's transport and
 * its parsing overlap (bench/findings.md, "coldscale"). A delivery that leaves less than that held asks
 * for the next one from the client's own thread, which then carries on without a hand-over per buffer.
 */
final class BodyStream extends InputStream implements AsyncBody.Consumer<List<ByteBuffer>> {

    /** Bytes received and not yet read past which no more are asked for until the reader catches up. */
    static final int AHEAD = 1 << 20;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
    private AsyncBody body;
    private ByteBuffer current;
    private long held; // bytes in buffers (not counting current)
    private boolean asking; // a consume() of the body is outstanding: a delivery (maybe empty) or the end will come
    private boolean done;
    private boolean closed;
    private Throwable failed;

    BodyStream() {}

    /** Sends the request; the response's body is this stream (read it or close it). */
    static CompletableFuture<HttpResponse<InputStream>> send(HttpClient client, HttpRequest request) {
        BodyStream stream = new BodyStream();
        return client.consumeBytes(request, stream).thenApply(response -> {
            stream.started(response.body());
            return new Response(response, stream);
        });
    }

    /** The response's body has started: from now on read() asks it for buffers. */
    void started(AsyncBody asyncBody) {
        body = asyncBody;
        body.done().whenComplete((ok, error) -> {
            lock.lock();
            try {
                done = true;
                failed = error;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    @Override
    public void consume(List<ByteBuffer> value, AsyncBody asyncBody) {
        boolean more;
        lock.lock();
        try {
            for (ByteBuffer b : value) {
                held += b.remaining();
                buffers.add(b);
            }
            more = !closed && held < AHEAD; // read on while the reader is busy (an empty delivery asks again)
            asking = more;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        if (more) {
            asyncBody.consume(); // from the client's thread: its read loop carries on
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        lock.lock();
        try {
            if (closed) {
                return -1; // the request was cancelled by close(): its failure is no news to the reader
            }
            while (current == null || !current.hasRemaining()) {
                current = buffers.poll();
                if (current != null) {
                    held -= current.remaining();
                    askIfBelowAhead();
                    continue;
                }
                if (failed != null) {
                    throw failed instanceof IOException e ? e : new IOException(failed);
                }
                if (done) {
                    return -1;
                }
                askIfBelowAhead();
                // until a delivery with bytes, the end, or a close (an empty delivery asks again itself)
                while (!done && !closed && buffers.isEmpty()) {
                    arrived.await();
                }
                if (closed) {
                    return -1;
                }
            }
            int n = Math.min(length, current.remaining());
            current.get(into, offset, n);
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            body.cancel();
            throw new InterruptedIOException("interrupted while reading the response");
        } finally {
            lock.unlock();
        }
    }

    /** Asks the body for more when nothing is asked yet and less than AHEAD is held; lock held on entry and exit. */
    private void askIfBelowAhead() {
        if (asking || done || closed || held >= AHEAD) {
            return;
        }
        asking = true;
        lock.unlock();
        try {
            body.consume(); // not under the lock: the client may deliver on this thread
        } finally {
            lock.lock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            buffers.clear();
            current = null;
            closed = true;
            if (!done) {
                done = true;
                body.cancel();
            }
            arrived.signalAll(); // a reader waiting on another thread (a watch closed by its owner) ends
        } finally {
            lock.unlock();
        }
    }

    /** The response with this stream as its body. */
    private record Response(HttpResponse<AsyncBody> response, InputStream body) implements HttpResponse<InputStream> {

        @Override
        public int code() {
            return response.code();
        }

        @Override
        public String message() {
            return response.message();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public Optional<HttpResponse<?>> previousResponse() {
            return response.previousResponse();
        }

        @Override
        public List<String> headers(String key) {
            return response.headers(key);
        }

        @Override
        public Map<String, List<String>> headers() {
            return response.headers();
        }
    }
}
