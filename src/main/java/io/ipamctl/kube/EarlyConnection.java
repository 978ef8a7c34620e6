package io.ipamctl.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The API client of a plain process, built on a second thread from the moment the command line is known,
 * while the main thread builds the command: a cold command is mostly one thread on a machine with two
 * cores or more. It reads the kubeconfig, builds the HTTP client (SSL context, OkHttp) and may send the
 * command's first GET requests ahead ({@link ReadsAhead}: the TLS handshake, and the API server's time
 * for a big list, pass while the command is still being built). Speculative and without effect of its
 * own: the command takes this client only when its settings are exactly those guessed; otherwise, and
 * when the early build failed (the normal path then fails the same way and says so), it connects as
 * before and this one is closed unused. Never for a kubeconfig user that runs an exec plugin or an
 * auth-provider (they may prompt). No thread of it outlives the run ({@link #close}).
 */
public final class EarlyConnection implements Connections, AutoCloseable {

    /** A GET the command is known to send first: path below the server URL, and its Accept header. */
    public record Read(String path, String accept) {}

    private final ConnectionSettings settings;
    private final List<Read> reads;
    private final ReadsAhead ahead = new ReadsAhead();
    /** The HTTP client and its config; null when none was built (the command connects as before). */
    private final CompletableFuture<KubeConnector.EarlyHttp> http = new CompletableFuture<>();
    /**
     * fabric8's serialization (its ObjectMapper, ~8% of a cold pool usage's CPU) is independent of the kubeconfig:
     * made by whichever thread is free first, this one while the first request is on its way (OkHttp's thread
     * does the TLS handshake), or the main thread once it needs the client ({@link #open}).
     */
    private final java.util.concurrent.FutureTask<KubernetesSerialization> serialization =
            new java.util.concurrent.FutureTask<>(KubernetesSerialization::new);

    private final Thread thread;
    private volatile boolean closing;
    private boolean taken;
    private boolean closed;
    private KubernetesClient client;

    private EarlyConnection(ConnectionSettings settings, List<Read> reads) {
        this.settings = settings;
        this.reads = List.copyOf(reads);
        this.thread = new Thread(this::connect, "ipamctl-early-connection");
    }

    /** Starts building the client for these settings now (reads: the command's first GETs, in order; may be empty). */
    public static EarlyConnection start(ConnectionSettings settings, List<Read> reads) {
        EarlyConnection early = new EarlyConnection(settings, reads);
        early.thread.start();
        return early;
    }

    /**
     * The kubeconfig, its TLS and the HTTP client, then the reads sent on it; fabric8's client object on top of
     * it is made by {@link #open}, so the handshake does not wait for it.
     */
    private void connect() {
        KubeConnector.EarlyHttp built = null;
        try {
            Kubeconfigs kubeconfigs = Kubeconfigs.read(settings);
            if (kubeconfigs.needsCallerProcess().isEmpty()) {
                built = KubeConnector.earlyHttp(kubeconfigs, settings, ahead);
                String base = base(built);
                reads.forEach(r -> ahead.announce(base + r.path(), r.accept()));
                http.complete(built);
            }
        } catch (RuntimeException e) {
            built = null; // the command's own connection meets this again and reports it
        } finally {
            http.complete(null); // unless completed above; never left open for open() and close()
        }
        if (built != null) {
            sendAhead(built);
        }
        ahead.settle();
    }

    private static String base(KubeConnector.EarlyHttp early) {
        return early.config().getMasterUrl().replaceFirst("/?$", "/");
    }

    private KubernetesSerialization serialization() {
        serialization.run(); // nothing when another thread has begun it
        try {
            return serialization.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the API client", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * The reads in order, each after the one before it is answered: one connection, one handshake. While the
     * first is on its way this thread makes the serialization, unless the main thread has begun it.
     */
    private void sendAhead(KubeConnector.EarlyHttp early) {
        HttpClient client = early.http();
        String base = base(early);
        for (int i = 0; i < reads.size() && !closing; i++) {
            Read read = reads.get(i);
            HttpRequest request = client.newHttpRequestBuilder()
                    .uri(base + read.path())
                    .header("Accept", read.accept())
                    .header(
                            ReadsAhead.HEADER,
                            (i == reads.size() - 1 ? ReadsAhead.Body.STREAMED : ReadsAhead.Body.BUFFERED).name())
                    .timeout(early.config().getRequestTimeout(), TimeUnit.MILLISECONDS)
                    .build();
            try {
                CompletableFuture<?> answer = client.sendAsync(request, byte[].class);
                if (i == 0) {
                    serialization.run();
                }
                answer.get();
            } catch (ExecutionException e) {
                return; // kept as the command's answer (ReadsAhead), or the command sends it again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * This client when the settings are those it was built for and it was built; else a new client, as
     * {@link Connections#PER_RUN}.
     */
    @Override
    public synchronized Lease open(ConnectionSettings asked) {
        if (!taken && asked.equals(settings)) {
            taken = true;
            if (!http.isDone()) {
                serialization.run(); // this thread's share while it waits, unless the other thread has begun it
            }
            KubeConnector.EarlyHttp built = http.join();
            if (built != null) {
                client = KubeConnector.client(built, serialization());
                return new Lease(client, this::close);
            }
        }
        return PER_RUN.open(asked);
    }

    /** Ends this run's use: unread answers and the client closed, the thread ended. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        KubeConnector.EarlyHttp built = http.join();
        ahead.close();
        if (client != null) {
            client.close(); // its HTTP client too, which cancels a request still sent ahead: the thread ends at once
        } else if (built != null) {
            built.http().close();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
