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
 */
final class BodyStream extends InputStream implements AsyncBody.Consumer<List<ByteBuffer>> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
    private AsyncBody body;
    private ByteBuffer current;
    private long deliveries; // consume() calls so far: one may hand over no bytes, and then the reader asks again
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
        lock.lock();
        try {
            buffers.addAll(value);
            deliveries++;
            arrived.signalAll();
        } finally {
            lock.unlock();
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
                    continue;
                }
                if (failed != null) {
                    throw failed instanceof IOException e ? e : new IOException(failed);
                }
                if (done) {
                    return -1;
                }
                long asked = deliveries;
                lock.unlock();
                try {
                    body.consume(); // the next buffers, now that these are read
                } finally {
                    lock.lock();
                }
                // until that delivery (possibly empty: then the loop asks again), the end, or a close
                while (!done && !closed && deliveries == asked) {
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
