package io.ipamctl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.Fill;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.output.PrometheusText;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feed and endpoint of metrics serve with a scripted pool source: reads at start and per change
 * only, a re-read after a watch ends, old values kept (and /healthz 503) while reads fail. The real
 * watches and API server: MetricsIT.
 */
class MetricsServeTest {

    private final AtomicLongUsed used = new AtomicLongUsed();
    private final AtomicBoolean failNext = new AtomicBoolean();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicReference<Runnable> onChange = new AtomicReference<>();
    private final AtomicReference<Consumer<String>> onEnd = new AtomicReference<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Throwable> died = new ConcurrentLinkedQueue<>();
    private PoolMetricsFeed feed;
    private MetricsEndpoint endpoint;
    private Thread runner;
    private final HttpClient http = HttpClient.newHttpClient();

    /** The used count the scripted source reports next. */
    private static final class AtomicLongUsed extends java.util.concurrent.atomic.AtomicLong {}

    @BeforeEach
    void start() throws Exception {
        used.set(10);
        feed = new PoolMetricsFeed(
                warn -> {
                    reads.incrementAndGet();
                    if (failNext.getAndSet(false)) {
                        throw IpamctlException.failed("cannot reach the API server at https://127.0.0.1:6443");
                    }
                    warn.accept("pool pool-ap: status.usage says 9 used");
                    warn.accept("pool pool-ap: status.usage says 9 used"); // logged once
                    return List.of(new SourceUsage(
                            IpamSource.ANTREA,
                            "pool-ap",
                            null,
                            "pool pool-ap",
                            "crd.antrea.io/v1beta1",
                            List.of("10.0.0.1-10.0.0.100"),
                            null,
                            null,
                            null,
                            null,
                            new Fill(BigInteger.valueOf(100), used.get()),
                            null,
                            List.of(),
                            null));
                },
                (change, end) -> {
                    opened.incrementAndGet();
                    onChange.set(change);
                    onEnd.set(end);
                    return closed::incrementAndGet;
                },
                log::add,
                Clock.systemUTC());
        endpoint = MetricsEndpoint.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> PrometheusText.render(feed.families()),
                feed::healthy);
        runner = new Thread(
                () -> {
                    try {
                        feed.run();
                    } catch (InterruptedException e) {
                        // the end
                    } catch (Throwable t) {
                        died.add(t);
                    }
                },
                "feed");
        runner.start();
        awaitUpdates(1);
    }

    @AfterEach
    void stop() throws Exception {
        runner.interrupt();
        runner.join();
        endpoint.close();
        assertEquals(List.of(), List.copyOf(died));
        assertEquals(opened.get(), closed.get(), "every watch opened was closed");
    }

    /** Waits for the feed's n-th successful read, as a scraper would: by the endpoint's own counter. */
    private String awaitUpdates(long n) throws Exception {
        String body = "";
        for (int i = 0; i < 3000; i++) {
            body = get("/metrics").body();
            if (body.contains("\nipamctl_metrics_updates_total " + n + "\n")) {
                return body;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no update " + n + " in:\n" + body);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://" + ListenText.of(endpoint.address()) + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePoolsReadAtStartAndItsOwnCounters() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertEquals(
                "text/plain; version=0.0.4; charset=utf-8",
                r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(
                r.body().contains("ipamctl_pool_addresses{source=\"antrea\",pool=\"pool-ap\",state=\"used\"} 10\n"),
                r.body());
        assertTrue(r.body().contains("ipamctl_pool_fill_ratio{source=\"antrea\",pool=\"pool-ap\"} 0.1\n"), r.body());
        assertTrue(
                r.body()
                        .contains("\nipamctl_metrics_last_update_success 1\n"
                                + "# HELP ipamctl_metrics_last_update_duration_seconds"),
                r.body());
        assertTrue(r.body().contains("\nipamctl_metrics_update_errors_total 0\n"), r.body());
        assertTrue(r.body().contains("\nipamctl_metrics_watch_restarts_total 0\n"), r.body());
        assertFalse(r.body().contains("ipamctl_metrics_last_update_timestamp_seconds 0\n"), r.body());
        assertEquals(200, get("/healthz").statusCode());
        assertEquals("ok\n", get("/healthz").body());
        for (int i = 0; i < 5; i++) {
            get("/metrics");
        }
        assertEquals(1, reads.get(), "scrapes read nothing");
        assertEquals(List.of("warning: pool pool-ap: status.usage says 9 used"), List.copyOf(log));
    }

    @Test
    void aChangeIsReadOnceAndServed() throws Exception {
        used.set(95);
        onChange.get().run();
        String body = awaitUpdates(2);
        assertTrue(
                body.contains("ipamctl_pool_addresses{source=\"antrea\",pool=\"pool-ap\",state=\"free\"} 5\n"), body);
        assertTrue(body.contains("ipamctl_pool_fill_ratio{source=\"antrea\",pool=\"pool-ap\"} 0.95\n"), body);
        assertEquals(1, opened.get());
    }

    @Test
    void aWatchTheServerEndsIsOpenedAgainAndThePoolsReadAgain() throws Exception {
        used.set(50);
        onEnd.get().accept("the watch on antrea pools ended: too old resource version");
        String body = awaitUpdates(2);
        assertTrue(body.contains("\nipamctl_metrics_watch_restarts_total 1\n"), body);
        assertTrue(body.contains("state=\"used\"} 50\n"), body);
        assertEquals(2, opened.get());
        assertEquals(1, closed.get(), "the ended watch was closed");
        assertTrue(
                log.contains(
                        "warning: the watch on antrea pools ended: too old resource version; watching and reading the pools again"),
                log.toString());
    }

    @Test
    void aFailedReadKeepsTheLastValuesAndIsRetried() throws Exception {
        failNext.set(true);
        used.set(70);
        onChange.get().run();
        String body = awaitUpdates(2); // the retry after the failure
        assertTrue(body.contains("\nipamctl_metrics_update_errors_total 1\n"), body);
        assertTrue(body.contains("state=\"used\"} 70\n"), body);
        assertEquals(3, reads.get());
        assertTrue(
                log.contains(
                        "error: cannot read the pools: cannot reach the API server at https://127.0.0.1:6443; trying again"),
                log.toString());
    }

    @Test
    void onlyGetAndHeadOnTheTwoPaths() throws Exception {
        assertEquals(404, get("/").statusCode());
        assertEquals(404, get("/metrics/x").statusCode());
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create("http://" + ListenText.of(endpoint.address()) + "/metrics"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
    }
}
