package io.ipamctl.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.ipamctl.kube.CachedKind.Held;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the warm server keeps of one cluster as one credential set sees it, between commands: each
 * collection a view has read ({@link CachedKind}: IPPools of both sources, Pods, Nodes, Services, …),
 * listed once and kept current by a watch ({@link WatchedCollection}). One per API client of the
 * server (so per kubeconfig, context and credentials: a user never reads what another user's
 * credentials listed), dropped with it. {@link #NONE} holds nothing: every read goes to the API
 * server, as in a plain process (where a watch would cost more than it saves) and for the sandbox.
 *
 * <p>Writes through ipamctl are seen on the wire ({@link #writes()}, an interceptor on every client
 * of this cache, the -v runs' own included), so the next read of the collection written lists
 * afresh: read-your-writes.
 */
public final class ClusterCache implements AutoCloseable {

    /** Nothing held: every read asks the API server. */
    public static final ClusterCache NONE = new ClusterCache(null, null, message -> {});

    private final Collections collections;
    private final Writes writes;
    private final Consumer<String> log;

    private ClusterCache(Collections collections, Writes writes, Consumer<String> log) {
        this.collections = collections;
        this.writes = writes;
        this.log = log;
    }

    /** A cache whose reads and watches go through the client connect builds (handed the interceptor that notes writes). */
    public static ClusterCache connect(Function<Interceptor, KubernetesClient> connect) {
        Writes writes = new Writes();
        Collections collections = new Collections(connect.apply(writes));
        writes.collections = collections;
        return new ClusterCache(collections, writes, message -> {});
    }

    /** The client this cache reads and watches with. */
    public KubernetesClient client() {
        return collections.client;
    }

    /** The interceptor that tells this cache of writes: on every client that writes what it holds. */
    public Interceptor writes() {
        return writes;
    }

    /** The same cache for one run, whose -v lines (how old the answer is) go to log. */
    public ClusterCache forRun(Consumer<String> runLog) {
        return collections == null
                ? this
                : new ClusterCache(collections, writes, runLog == null ? message -> {} : runLog);
    }

    /** Whether this cache keeps collections (else every read lists). */
    boolean keeps() {
        return collections != null;
    }

    /** The collection of that kind, kept from now on (tests wait on its state). */
    <T> WatchedCollection<T> watched(CachedKind<T> kind) {
        return collections.of(kind);
    }

    /** Every object of the kind: from memory while watched, else listed now (see {@link WatchedCollection}). */
    <T> List<Held<T>> read(CachedKind<T> kind) {
        return collections.of(kind).read(message -> log.accept("cache: " + message));
    }

    /**
     * The resources API discovery serves in that group version: from the watched CRDs or kept while
     * they did not change ({@link ApiCatalog}); asked now (ask) when nothing is kept.
     */
    Set<String> served(String apiVersion, Supplier<Set<String>> ask) {
        return collections == null
                ? ask.get()
                : collections.catalog.served(
                        collections.of(ApiCatalog.CRDS), apiVersion, ask, message -> log.accept("cache: " + message));
    }

    /**
     * Starts keeping the kind in the background when it is not held current yet (a read that did not
     * need all of it, such as a TAB's names, answered from a lighter request meanwhile); its failures
     * stay unseen: the next read lists as it would have. Nothing when nothing is kept.
     */
    void warm(CachedKind<?> kind) {
        if (collections != null && !current(kind)) {
            collections.warm(kind);
        }
    }

    /** Whether the kind would come from memory now. */
    boolean current(CachedKind<?> kind) {
        return collections != null && collections.of(kind).current();
    }

    /**
     * What compute gives for one object of the kind at that revision: kept with the object between
     * commands while the warm server holds it unchanged (one memo per type); computed every time when
     * nothing is kept.
     */
    public <M> M memo(CachedKind<?> kind, String key, String resourceVersion, Class<M> type, Supplier<M> compute) {
        return collections == null ? compute.get() : collections.of(kind).memo(key, resourceVersion, type, compute);
    }

    /** One line for `server status`: what is held and whether it is watched, collection by collection. */
    public String state() {
        return collections == null ? "none" : collections.state();
    }

    @Override
    public void close() {
        if (collections != null) {
            collections.close();
        }
    }

    /**
     * The resource a request's path names: /api/v1/PLURAL/…, /apis/GROUP/VERSION/PLURAL/…, or the
     * same below namespaces/NS/ (a Namespace itself when nothing follows); null for other paths.
     */
    static String resourceOf(String path) {
        List<String> s = List.of(path.replaceFirst("^/+", "").split("/"));
        int from = s.get(0).equals("api") ? 2 : s.get(0).equals("apis") ? 3 : s.size();
        if (s.size() <= from) {
            return null;
        }
        return s.get(from).equals("namespaces") && s.size() > from + 2 ? s.get(from + 2) : s.get(from);
    }

    /** The collections of one client, in the order they were first read. */
    private static final class Collections {

        final KubernetesClient client;
        final ApiCatalog catalog = new ApiCatalog();
        private final Map<String, WatchedCollection<?>> byPath = new LinkedHashMap<>();
        private boolean closed;

        Collections(KubernetesClient client) {
            this.client = client;
        }

        @SuppressWarnings("unchecked")
        synchronized <T> WatchedCollection<T> of(CachedKind<T> kind) {
            WatchedCollection<?> c = byPath.get(kind.path());
            if (c == null) {
                c = new WatchedCollection<>(client, kind);
                if (closed) {
                    c.close(); // a read racing the entry's eviction lists once and keeps nothing
                } else {
                    byPath.put(kind.path(), c);
                }
            }
            return (WatchedCollection<T>) c;
        }

        /** Paths being read in the background now: one warm-up per kind at a time. */
        private final Set<String> warming = new HashSet<>();

        void warm(CachedKind<?> kind) {
            synchronized (this) {
                if (closed || !warming.add(kind.path())) {
                    return;
                }
            }
            Thread t = new Thread(
                    () -> {
                        try {
                            of(kind).read(message -> {});
                        } catch (RuntimeException e) {
                            // unseen: the next read lists and fails as it would have
                        } finally {
                            synchronized (this) {
                                warming.remove(kind.path());
                            }
                        }
                    },
                    "ipamctl-warm-" + kind.resource());
            t.setDaemon(true);
            t.start();
        }

        synchronized List<WatchedCollection<?>> all() {
            return new ArrayList<>(byPath.values());
        }

        String state() {
            List<WatchedCollection<?>> all = all();
            return all.isEmpty()
                    ? "none"
                    : String.join(
                            "; ", all.stream().map(WatchedCollection::state).toList());
        }

        void close() {
            List<WatchedCollection<?>> all;
            synchronized (this) {
                closed = true;
                all = new ArrayList<>(byPath.values());
                byPath.clear();
            }
            all.forEach(WatchedCollection::close);
        }
    }

    /**
     * Notes every request that may change a held collection (any method but GET/HEAD, answered or not):
     * before it is sent, since fabric8 calls {@link #after} on a branch of the response's future that
     * may run after the caller already has the answer (and reads again); after it too, for a read that
     * listed while the write was under way.
     */
    private static final class Writes implements Interceptor {

        private volatile Collections collections;

        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            seen(request);
        }

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
            if (collections == null || method.equals("GET") || method.equals("HEAD")) {
                return;
            }
            String resource = resourceOf(request.uri().getPath());
            for (WatchedCollection<?> c : collections.all()) {
                // the plural alone: a write to a namesake of another group only costs one list more
                if (c.kind().resource().equals(resource)) {
                    c.written();
                }
            }
        }
    }
}
