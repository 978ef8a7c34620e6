package io.ipamctl.kube;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * GET requests sent before the command asks for them ({@link EarlyConnection}), each handed to the command
 * when it sends exactly that request: an OkHttp interceptor on the early client. A request sent ahead
 * carries {@link #HEADER} (taken off before it leaves); its answer is kept, and the command's request of the
 * same URL, Accept and headers gets it instead of going out. The command's request waits for one still on
 * its way, so the two never open two connections (and two TLS handshakes) at once. What is never asked for
 * is closed with the client. Every request that was not announced goes out as usual.
 */
final class ReadsAhead implements Interceptor {

    /** Marks a request sent ahead; the value says how its body is kept (see {@link Body}). */
    static final String HEADER = "X-Ipamctl-Ahead";

    /** How the answer of a request sent ahead is kept until the command reads it. */
    enum Body {
        /** Read whole, so the connection is free for the next request sent ahead (small answers: discovery). */
        BUFFERED,
        /** Left on the connection, read as the command reads it (the last request sent ahead: a big list). */
        STREAMED
    }

    /** One announced request: its answer (or failure) once it has come. */
    private static final class Slot {
        Request sent;
        Response response;
        IOException failure;
        boolean settled;
    }

    private final Map<String, Slot> slots = new HashMap<>();
    private boolean closed;

    /** Announces a request that will be sent ahead: the command's request of that URL and Accept waits for it. */
    synchronized void announce(String url, String accept) {
        slots.put(key("GET", HttpUrl.get(url), accept), new Slot());
    }

    /** No more requests will be sent ahead: a command's request that waits for one never sent goes out itself. */
    synchronized void settle() {
        slots.values().forEach(s -> s.settled = true);
        notifyAll();
    }

    /** Closes every answer no command took. */
    void close() {
        java.util.List<Response> unread = new java.util.ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Slot s : slots.values()) {
                s.settled = true;
                if (s.response != null) {
                    unread.add(s.response);
                }
            }
            slots.clear();
            notifyAll();
        }
        unread.forEach(Response::close);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String ahead = request.header(HEADER);
        if (ahead != null) {
            return sendAhead(chain, request, Body.valueOf(ahead));
        }
        Slot slot = take(chain, request);
        if (slot == null || (slot.response == null && slot.failure == null)) {
            return chain.proceed(request);
        }
        if (slot.failure != null) {
            throw slot.failure; // what this request itself would have met on the same connection attempt
        }
        if (!slot.sent.headers().equals(request.headers())) {
            slot.response.close();
            return chain.proceed(request);
        }
        return slot.response.newBuilder().request(request).build();
    }

    /** The slot of this request once its answer is there (removed: an answer is handed over once), or null. */
    private synchronized Slot take(Chain chain, Request request) throws IOException {
        String key = key(request.method(), request.url(), request.header("Accept"));
        Slot slot = slots.get(key);
        if (slot == null) {
            return null;
        }
        while (!slot.settled) {
            if (chain.call().isCanceled()) {
                throw new IOException("Canceled");
            }
            try {
                wait(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for a request sent ahead");
            }
        }
        slots.remove(key);
        return slot;
    }

    private Response sendAhead(Chain chain, Request request, Body body) throws IOException {
        Request sent = request.newBuilder().removeHeader(HEADER).build();
        Response response = null;
        IOException failure = null;
        try {
            response = chain.proceed(sent);
            if (body == Body.BUFFERED) {
                try (ResponseBody b = response.body()) {
                    response = response.newBuilder()
                            .body(ResponseBody.create(b.bytes(), b.contentType()))
                            .build();
                }
            }
        } catch (IOException e) {
            failure = e;
        }
        boolean kept = false;
        synchronized (this) {
            Slot slot = slots.get(key(sent.method(), sent.url(), sent.header("Accept")));
            if (slot != null && !closed) {
                slot.sent = sent;
                slot.response = response;
                slot.failure = failure;
                slot.settled = true;
                kept = true;
                notifyAll();
            }
        }
        if (!kept && response != null) {
            response.close();
        }
        if (failure != null) {
            throw failure;
        }
        // the sender only learns that the answer is kept
        return new Response.Builder()
                .request(request)
                .protocol(Protocol.HTTP_1_1)
                .code(204)
                .message("kept for the command")
                .body(ResponseBody.create(new byte[0], null))
                .build();
    }

    private static String key(String method, HttpUrl url, String accept) {
        return method + " " + url + " " + accept;
    }
}
