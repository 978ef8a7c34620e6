package io.ipamctl.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The API client of a plain process, built on a second thread from the moment the command line is known,
 * while the main thread builds the command: a cold command is mostly one thread on a machine with two
 * cores or more. It reads the kubeconfig, builds the client (SSL context, fabric8) and may send the
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
    private final CompletableFuture<KubernetesClient> client = new CompletableFuture<>();
    /**
     * fabric8's builder (its serialization's ObjectMapper, ~8% of a cold pool usage's CPU) is independent of the
     * kubeconfig: made by whichever thread is free first, the main thread once it waits for the client ({@link
     * #open}) or this one once the kubeconfig and its TLS are read.
     */
    private final java.util.concurrent.FutureTask<io.fabric8.kubernetes.client.KubernetesClientBuilder> builder =
            new java.util.concurrent.FutureTask<>(io.fabric8.kubernetes.client.KubernetesClientBuilder::new);

    private final Thread thread;
    private volatile boolean closing;
    private boolean taken;
    private boolean closed;

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

    private void connect() {
        KubernetesClient built = null;
        try {
            Kubeconfigs kubeconfigs = Kubeconfigs.read(settings);
            if (kubeconfigs.needsCallerProcess().isPresent()) {
                built = null;
            } else {
                built = KubeConnector.connect(kubeconfigs, settings, ahead, this::builder);
                String base = built.getMasterUrl().toString().replaceFirst("/?$", "/");
                reads.forEach(r -> ahead.announce(base + r.path(), r.accept()));
                client.complete(built);
            }
        } catch (RuntimeException e) {
            built = null; // the command's own connection meets this again and reports it
        } finally {
            client.complete(null); // unless completed below; never left open for open() and close()
        }
        if (built != null) {
            sendAhead(built);
        }
        ahead.settle();
    }

    private io.fabric8.kubernetes.client.KubernetesClientBuilder builder() {
        builder.run(); // nothing when the main thread has begun it
        try {
            return builder.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the API client", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The reads in order, each after the one before it is answered: one connection, one handshake. */
    private void sendAhead(KubernetesClient built) {
        HttpClient http = built.getHttpClient();
        String base = built.getMasterUrl().toString().replaceFirst("/?$", "/");
        for (int i = 0; i < reads.size() && !closing; i++) {
            Read read = reads.get(i);
            HttpRequest request = http.newHttpRequestBuilder()
                    .uri(base + read.path())
                    .header("Accept", read.accept())
                    .header(
                            ReadsAhead.HEADER,
                            (i == reads.size() - 1 ? ReadsAhead.Body.STREAMED : ReadsAhead.Body.BUFFERED).name())
                    .timeout(built.getConfiguration().getRequestTimeout(), TimeUnit.MILLISECONDS)
                    .build();
            try {
                http.sendAsync(request, byte[].class).get();
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
            if (!client.isDone()) {
                builder.run(); // this thread's share while it waits, unless the other thread has begun it
            }
            KubernetesClient built = client.join();
            if (built != null) {
                return new Lease(built, this::close);
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
        KubernetesClient built = client.join();
        ahead.close();
        if (built != null) {
            built.close(); // also cancels a request still sent ahead, so the thread ends at once
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
