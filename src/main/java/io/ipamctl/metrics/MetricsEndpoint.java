package io.ipamctl.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ipamctl.IpamctlException;
import io.ipamctl.output.PrometheusText;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The HTTP side of `metrics serve`: GET /metrics answers with the text the feed last made (nothing
 * is read from the API server per scrape), GET /healthz with 200 while the last read worked and 503
 * otherwise. One thread: a scrape only copies a string.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private final HttpServer http;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /**
     * Binds and starts serving.
     *
     * @param text    the /metrics body, made at each scrape from the last read
     * @param healthy the /healthz verdict
     */
    public static MetricsEndpoint start(InetSocketAddress address, Supplier<String> text, BooleanSupplier healthy) {
        HttpServer http;
        try {
            http = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw IpamctlException.failed(
                    "cannot listen on " + ListenText.of(address) + ": "
                            + (e.getMessage() == null ? "address unavailable" : e.getMessage())
                            + " (is another process using the port? choose another with --listen)",
                    e);
        }
        http.createContext("/metrics", exchange -> {
            if (allowed(exchange)) {
                answer(exchange, 200, PrometheusText.CONTENT_TYPE, text.get());
            }
        });
        http.createContext("/healthz", exchange -> {
            if (allowed(exchange)) {
                boolean ok = healthy.getAsBoolean();
                answer(
                        exchange,
                        ok ? 200 : 503,
                        "text/plain; charset=utf-8",
                        ok ? "ok\n" : "the last read of the pools failed\n");
            }
        });
        http.createContext("/", exchange -> {
            if (allowed(exchange)) {
                answer(exchange, 404, "text/plain; charset=utf-8", "not found: the metrics are at /metrics\n");
            }
        });
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ipamctl-metrics-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.start();
        return new MetricsEndpoint(http, executor);
    }

    /** The address it listens on (the port chosen when 0 was asked for). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    private static boolean allowed(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            if (exchange.getRequestURI()
                            .getPath()
                            .equals(exchange.getHttpContext().getPath())
                    || exchange.getHttpContext().getPath().equals("/")) {
                return true;
            }
            answer(exchange, 404, "text/plain; charset=utf-8", "not found: the metrics are at /metrics\n");
            return false;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        answer(exchange, 405, "text/plain; charset=utf-8", "method not allowed: use GET\n");
        return false;
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
