package io.ipamctl.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the warm server keeps of one cluster as one credential set sees it, between commands: the
 * IPPools, listed once and kept current by a watch ({@link WatchedPools}). One per API client of
 * the server (so per kubeconfig, context and credentials: a user never reads what another user's
 * credentials listed), dropped with it. {@link #NONE} holds nothing: every read goes to the API
 * server, as in a plain process (where a watch would cost more than it saves) and for the sandbox.
 *
 * <p>Writes through ipamctl are seen on the wire ({@link #writes()}, an interceptor on every client
 * of this cache, the -v runs' own included), so the next read lists afresh: read-your-writes.
 */
public final class ClusterCache implements AutoCloseable {

    /** Nothing held: every read asks the API server. */
    public static final ClusterCache NONE = new ClusterCache(null, null, message -> {});

    private final WatchedPools pools;
    private final Writes writes;
    private final Consumer<String> log;

    private ClusterCache(WatchedPools pools, Writes writes, Consumer<String> log) {
        this.pools = pools;
        this.writes = writes;
        this.log = log;
    }

    /** A cache whose reads and watches go through the client connect builds (handed the interceptor that notes writes). */
    public static ClusterCache connect(Function<Interceptor, KubernetesClient> connect) {
        Writes writes = new Writes();
        WatchedPools pools = new WatchedPools(connect.apply(writes));
        writes.pools = pools;
        return new ClusterCache(pools, writes, message -> {});
    }

    /** The client this cache reads and watches with. */
    public KubernetesClient client() {
        return pools.client();
    }

    /** The interceptor that tells this cache of writes: on every client that writes what it holds. */
    public Interceptor writes() {
        return writes;
    }

    /** The same cache for one run, whose -v lines (how old the answer is) go to log. */
    public ClusterCache forRun(Consumer<String> runLog) {
        return pools == null ? this : new ClusterCache(pools, writes, runLog == null ? message -> {} : runLog);
    }

    /** The pools' watch (tests wait on its state). */
    WatchedPools watched() {
        return pools;
    }

    boolean holdsPools() {
        return pools != null;
    }

    /** Every pool of that version: from memory while watched, else listed now (see {@link WatchedPools}). */
    List<PoolRecord> pools(PoolVersion version) {
        return pools.pools(version, message -> log.accept("cache: " + message));
    }

    /** Whether the pools of that version would come from memory now. */
    boolean poolsCurrent(PoolVersion version) {
        return pools != null && pools.current(version);
    }

    /** One line for `server status`: what is held and whether it is watched. */
    public String state() {
        return pools == null ? "none" : "ippools: " + pools.state();
    }

    @Override
    public void close() {
        if (pools != null) {
            pools.close();
        }
    }

    /** Notes every request that may change a held collection (any method but GET/HEAD, answered or not). */
    private static final class Writes implements Interceptor {

        private volatile WatchedPools pools;

        @Override
        public void after(
                HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
            seen(request);
        }

        @Override
        public void afterConnectionFailure(HttpRequest request, Throwable failure) {
            seen(request); // a write that timed out may still have happened
        }

        private void seen(HttpRequest request) {
            String method = request.method();
            if (pools != null
                    && !method.equals("GET")
                    && !method.equals("HEAD")
                    && List.of(request.uri().getPath().split("/")).contains("ippools")) {
                pools.written();
            }
        }
    }
}
