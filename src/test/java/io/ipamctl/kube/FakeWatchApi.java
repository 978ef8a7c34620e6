package io.ipamctl.kube;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An API server that serves collections (v1beta1 IPPools, and any other a test puts objects in) over
 * plain HTTP on loopback, with the list and watch semantics the cache relies on, under the test's
 * control: the test decides each event a watch stream carries and when a stream ends, so nothing
 * waits on a clock. fabric8's mock server cannot hold a plain HTTP watch stream open (it upgrades
 * watches to websockets).
 *
 * <p>Requests whose bearer token is in {@link #forbidden} get 403. Writes store the object (POST of
 * an IPPool) or drop it (DELETE) and send no event (a test pushes the event, or not, as the case needs).
 */
public final class FakeWatchApi implements AutoCloseable {

    private static final String CLOSE = "";
    private static final String PATH = "/apis/crd.antrea.io/v1beta1/ippools";

    private final HttpServer http;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-api");
        t.setDaemon(true);
        return t;
    });
    /** Per collection path ("/api/v1/pods"): each object's JSON by key ("namespace/name", or name). */
    private final Map<String, Map<String, String>> collections = new TreeMap<>();

    private long revision = 100;
    /** Every request as "METHOD path?query". */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    public final List<String> forbidden = new CopyOnWriteArrayList<>();
    /** Paths that answer 403 to every token (a role that may not list them). */
    public final List<String> forbiddenPaths = new CopyOnWriteArrayList<>();
    /**
     * API discovery: per group-version path ("/apis/crd.antrea.io/v1beta1") the plurals it serves; a
     * path not here answers 404, as a group not installed does.
     */
    public final Map<String, List<String>> discovery =
            new ConcurrentHashMap<>(Map.of("/apis/crd.antrea.io/v1beta1", List.of("ippools")));

    private final Map<String, BlockingQueue<BlockingQueue<String>>> watches = new ConcurrentHashMap<>();
    private final Map<BlockingQueue<String>, Boolean> open = new ConcurrentHashMap<>();
    private volatile int watchStatus = 200;

    public FakeWatchApi() {
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        http.start();
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /**
     * A warm server's cache of this API server for one bearer token (its kubeconfig written in
     * dir/TOKEN); the caller closes the cache and its client.
     */
    public ClusterCache cache(java.nio.file.Path dir, String token) throws IOException {
        java.nio.file.Path d = java.nio.file.Files.createDirectories(dir.resolve(token));
        ConnectionSettings settings = new ConnectionSettings(
                io.ipamctl.commands.CliRun.kubeconfig(d, url(), token),
                null,
                java.time.Duration.ofSeconds(20),
                Map.of(),
                d,
                null);
        Kubeconfigs kubeconfigs = Kubeconfigs.read(settings);
        return ClusterCache.connect(writes -> KubeConnector.connect(kubeconfigs, settings, writes));
    }

    /** A pool object as the API server sends it, at revision rv, with `used` allocations. */
    public static String pool(String name, long rv, int used) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < used; i++) {
            entries.append(i == 0 ? "" : ",")
                    .append("{\"ipAddress\":\"10.9.0.")
                    .append(i + 2)
                    .append("\",\"phase\":\"Allocated\",\"owner\":{\"pod\":{\"name\":\"p")
                    .append(i)
                    .append("\",\"namespace\":\"default\",\"containerID\":\"c\"}}}");
        }
        return """
                {"apiVersion":"crd.antrea.io/v1beta1","kind":"IPPool","metadata":{"name":"%s","uid":"u-%s","resourceVersion":"%d"},
                 "spec":{"ipRanges":[{"cidr":"10.9.0.0/24"}],"subnetInfo":{"gateway":"10.9.0.1","prefixLength":24}},
                 "status":{"ipAddresses":[%s],"usage":{"used":%d,"total":253}}}""".formatted(name, name, rv, entries, used).replace("\n", "");
    }

    /** Stores a pool as the next revision (as etcd would) and returns that revision; no event is sent. */
    public synchronized long put(String name, int used) {
        return put(PATH, name, rv -> pool(name, rv, used));
    }

    /** Stores an object of the collection at path as the next revision (object gets it) and returns it; no event is sent. */
    public synchronized long put(String path, String key, java.util.function.LongFunction<String> object) {
        revision++;
        collections.computeIfAbsent(path, p -> new TreeMap<>()).put(key, object.apply(revision));
        return revision;
    }

    public synchronized void remove(String name) {
        remove(PATH, name);
    }

    public synchronized void remove(String path, String key) {
        revision++;
        collections.getOrDefault(path, new TreeMap<>()).remove(key);
    }

    public synchronized long revision() {
        return revision;
    }

    /** Waits for the next watch request and returns its stream: offer events, or {@link #end} it. */
    public BlockingQueue<String> nextWatch() throws InterruptedException {
        return nextWatch(PATH);
    }

    /** The same for the collection at path. */
    public BlockingQueue<String> nextWatch(String path) throws InterruptedException {
        return watchesOf(path).take();
    }

    private BlockingQueue<BlockingQueue<String>> watchesOf(String path) {
        return watches.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    public static String event(String type, String object) {
        return "{\"type\":\"" + type + "\",\"object\":" + object + "}";
    }

    /** Ends a watch stream as the API server ends one at its timeout (the response completes). */
    public static void end(BlockingQueue<String> watch) {
        watch.add(CLOSE);
    }

    /** The status later watch requests get (e.g. 500, 410). */
    public void watchStatus(int code) {
        watchStatus = code;
    }

    public long count(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        String path = ex.getRequestURI().getPath();
        requests.add(ex.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && forbidden.contains(auth.replaceFirst("^Bearer ", ""))) {
            status(ex, 403, "Forbidden", "ippools.crd.antrea.io is forbidden: User \\\"other\\\" cannot list resource");
            return;
        }
        if (forbiddenPaths.contains(path)) {
            status(ex, 403, "Forbidden", "forbidden: User \\\"viewer\\\" cannot list resource at " + path);
            return;
        }
        List<String> resources = discovery.get(path);
        if (resources != null) {
            send(
                    ex,
                    200,
                    "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\""
                            + path.replaceFirst("^/apis?/", "")
                            + "\",\"resources\":["
                            + String.join(
                                    ",",
                                    resources.stream()
                                            .map(r -> "{\"name\":\"" + r + "\",\"namespaced\":false,\"kind\":\"K\","
                                                    + "\"verbs\":[\"get\",\"list\",\"watch\",\"create\",\"delete\"]}")
                                            .toList())
                            + "]}");
            return;
        }
        if (ex.getRequestMethod().equals("DELETE")) {
            delete(ex, path);
            return;
        }
        String collection;
        synchronized (this) {
            collection = path.equals(PATH) || collections.containsKey(path) ? path : null;
        }
        if (collection == null) {
            status(ex, 404, "NotFound", "the server could not find the requested resource");
            return;
        }
        if (ex.getRequestMethod().equals("POST")) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String name = body.replaceFirst("(?s).*\"name\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            long rv = put(name, 0);
            send(ex, 201, pool(name, rv, 0));
            return;
        }
        if (query != null && query.contains("watch=1")) {
            watch(ex, collection);
            return;
        }
        String list;
        synchronized (this) {
            list = "{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + revision
                    + "\"},\"items\":["
                    + String.join(
                            ",",
                            new ArrayList<>(collections
                                    .getOrDefault(collection, new TreeMap<>())
                                    .values()))
                    + "]}";
        }
        send(ex, 200, list);
    }

    /**
     * DELETE of one object: .../PLURAL/NAME, or .../namespaces/NS/PLURAL/NAME of a collection listed
     * across namespaces; the collection is the one whose path ends in PLURAL.
     */
    private void delete(HttpExchange ex, String path) throws IOException {
        String[] s = path.split("/");
        String plural = s[s.length - 2];
        int ns = java.util.Arrays.asList(s).indexOf("namespaces");
        String key = (ns >= 0 && ns + 1 < s.length - 2 ? s[ns + 1] + "/" : "") + s[s.length - 1];
        synchronized (this) {
            for (var e : collections.entrySet()) {
                if (e.getKey().endsWith("/" + plural) && e.getValue().containsKey(key)) {
                    revision++;
                    e.getValue().remove(key);
                    send(ex, 200, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}");
                    return;
                }
            }
        }
        status(ex, 404, "NotFound", plural + " \\\"" + key + "\\\" not found");
    }

    private void watch(HttpExchange ex, String collection) throws IOException {
        if (watchStatus != 200) {
            status(
                    ex,
                    watchStatus,
                    watchStatus == 410 ? "Expired" : "InternalError",
                    watchStatus == 410 ? "too old resource version" : "the watch failed");
            return;
        }
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        open.put(events, true);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        watchesOf(collection).add(events);
        try (OutputStream out = ex.getResponseBody()) {
            while (true) {
                String e = events.take();
                if (e == CLOSE) {
                    return;
                }
                out.write((e + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(events);
        }
    }

    private static void status(HttpExchange ex, int code, String reason, String message) throws IOException {
        send(
                ex,
                code,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"" + message
                        + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    /** Stops serving: open watch streams end, later requests are refused (an API server that went away). */
    @Override
    public void close() {
        open.keySet().forEach(FakeWatchApi::end);
        http.stop(0);
        threads.shutdownNow();
    }
}
