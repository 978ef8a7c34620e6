package io.ipamctl.kube;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * -v: one line per API request ("GET <url> -> 200"), method and URL only. Headers are never
 * logged, so bearer tokens and client certificates cannot leak into a log.
 */
final class RequestLog implements Interceptor {

    private final Consumer<String> sink;

    RequestLog(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        sink.accept(request.method() + " " + request.uri() + " -> " + response.code());
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        sink.accept(request.method() + " " + request.uri() + " -> connection failed: " + failure);
    }
}
