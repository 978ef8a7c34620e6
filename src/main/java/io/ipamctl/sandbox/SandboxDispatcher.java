package io.ipamctl.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The sandbox's API server: fabric8's CRUD mock made to answer as kube-apiserver does where ipamctl
 * depends on it. Every request needs the bearer token; {@code dryRun=All} writes are validated and
 * answered but store nothing (status subresource included); a namespaced create needs its namespace;
 * delete preconditions (uid, resourceVersion) are checked; API discovery of the Antrea, Whereabouts,
 * Multus and networking.k8s.io groups is answered. Every stored change goes to the {@link Listener} (state file,
 * stand-ins), and watches see it at once.
 */
final class SandboxDispatcher extends KubernetesCrudDispatcher {

    /** Told about every change that was stored. */
    interface Listener {

        /** One object changed (old or new null for a create or a delete); called under the write lock. */
        void changed(String oldJson, String newJson);

        /** Every object was replaced (restore, reset); called under the write lock. */
        void replaced();
    }

    /** The sandbox's own endpoints under {@link #CONTROL_PREFIX}. */
    interface Control {

        MockResponse handle(String method, String path, byte[] body);
    }

    static final String CONTROL_PREFIX = "/ipamctl/v1/";
    private static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] userToken;
    private final byte[] internalToken;
    private final List<CustomResourceDefinitionContext> crds;
    private final Map<String, String> discovery;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Set while this thread serves a dryRun=All write: nothing of it is stored. */
    private final ThreadLocal<Boolean> dryRun = ThreadLocal.withInitial(() -> false);

    private final AtomicLong lastUserRequest = new AtomicLong(System.nanoTime());
    private final AtomicInteger userWatches = new AtomicInteger();
    private Listener listener;
    private Control control;
    private boolean bulk;

    SandboxDispatcher(List<CustomResourceDefinitionContext> crds, String userToken, String internalToken) {
        super(crds);
        this.crds = List.copyOf(crds);
        this.userToken = ("Bearer " + userToken).getBytes(StandardCharsets.US_ASCII);
        this.internalToken = ("Bearer " + internalToken).getBytes(StandardCharsets.US_ASCII);
        this.discovery = discovery();
    }

    void attach(Listener listener, Control control) {
        this.listener = listener;
        this.control = control;
    }

    /** Nanos of the last request made with the user's token. */
    long lastUserRequest() {
        return lastUserRequest.get();
    }

    /** Watches open with the user's token (a running `pool usage -w` keeps the sandbox alive). */
    int userWatches() {
        return userWatches.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String auth = request.getHeader("Authorization");
        byte[] given = auth == null ? new byte[0] : auth.getBytes(StandardCharsets.US_ASCII);
        boolean user = MessageDigest.isEqual(given, userToken);
        if (!user && !MessageDigest.isEqual(given, internalToken)) {
            return status(HttpURLConnection.HTTP_UNAUTHORIZED, "Unauthorized", "Unauthorized");
        }
        String path = request.getPath();
        String plainPath = URI.create(path).getRawPath();
        if (user && !plainPath.equals(CONTROL_PREFIX + "status")) {
            lastUserRequest.set(System.nanoTime()); // asking whether it runs does not keep it running
        }
        if (plainPath.startsWith(CONTROL_PREFIX)) {
            return control.handle(
                    request.getMethod(), plainPath, request.getBody().getBytes());
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (method.equals("GET") && discovery.containsKey(plainPath)) {
            return json(HttpURLConnection.HTTP_OK, discovery.get(plainPath));
        }
        if (method.equals("GET") && plainPath.equals("/version")) {
            return json(
                    HttpURLConnection.HTTP_OK,
                    "{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.0-ipamctl-sandbox\"," + "\"platform\":\""
                            + System.getProperty("os.name").toLowerCase(Locale.ROOT) + "\"}");
        }
        if (method.equals("POST") && plainPath.equals(ACCESS_REVIEWS)) {
            return accessReview(request.getBody().getBytes());
        }
        boolean write = !method.equals("GET");
        var held = write ? lock.writeLock() : lock.readLock();
        held.lock();
        try {
            if (method.equals("POST")) {
                MockResponse missing = missingNamespace(plainPath);
                if (missing != null) {
                    return missing;
                }
            }
            if (method.equals("DELETE")) {
                MockResponse failed = preconditionFailed(path, request.getBody().getBytes());
                if (failed != null) {
                    return failed;
                }
            }
            boolean dry = write && isDryRun(path, request.getBody().getBytes());
            dryRun.set(dry);
            MockResponse response;
            try {
                RecordedRequest served = method.equals("POST") && plainPath.endsWith("/pods")
                        ? pending(request)
                        // the mock cannot select Events by involvedObject: the namespace's all, which the client
                        // filters
                        : method.equals("GET")
                                        && plainPath.endsWith("/events")
                                        && path.contains("fieldSelector=")
                                        && !path.contains("watch=")
                                ? withoutQuery(request)
                                : request;
                Optional<String> selector =
                        method.equals("GET") ? LabelSelection.of(served.getPath()) : Optional.empty();
                if (selector.isPresent()) {
                    // the mock ignores set-based selectors (key in (a,b)): the whole list, selected here
                    response = super.dispatch(withPath(served, LabelSelection.without(served.getPath())));
                    if (response != null && response.getStatus().contains(" 200")) {
                        response.setBody(
                                LabelSelection.filter(response.getBody().getBytes(), selector.get()));
                    }
                    return response;
                }
                // the mock reads ".../status?dryRun=All" as no status path: the dry run is handled here, the query goes
                response = super.dispatch(dry ? withoutQuery(served) : served);
            } catch (RuntimeException e) {
                // an answer in any case: a request left without one would hang its client until its timeout
                return status(
                        HttpURLConnection.HTTP_INTERNAL_ERROR,
                        "InternalError",
                        "the sandbox failed on " + method + " " + plainPath + ": " + e);
            }
            if (user && response != null && response.getWebSocketListener() != null) {
                response.withWebSocketUpgrade(new CountedWatch(response.getWebSocketListener()));
            }
            return response;
        } finally {
            dryRun.set(false);
            held.unlock();
        }
    }

    @Override
    public void processEvent(
            String path,
            AttributeSet pathAttributes,
            AttributeSet oldAttributes,
            GenericKubernetesResource resource,
            String newState) {
        if (dryRun.get()) {
            return; // answered as if stored, as the API server answers dryRun=All
        }
        String old = oldAttributes == null ? null : map.get(oldAttributes);
        store(path, pathAttributes, oldAttributes, resource, newState);
        if (!bulk && listener != null && !Objects.equals(old, newState)) {
            listener.changed(old, newState);
        }
    }

    /**
     * Stores the change (the mock updates its map first), then tells the watches. The watch of a client that
     * just closed can still be registered with its executor already shut down: telling it throws
     * RejectedExecutionException after the change is stored. Ignored here, since that watch is gone; left
     * to propagate, it broke a reset to the seed halfway (objects deleted, the seed not yet restored).
     */
    private void store(
            String path,
            AttributeSet pathAttributes,
            AttributeSet oldAttributes,
            GenericKubernetesResource resource,
            String newState) {
        try {
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        } catch (java.util.concurrent.RejectedExecutionException closedWatch) {
            // stored; only a watch that no longer listens missed it
        }
    }

    /** Every stored object, as JSON. */
    List<String> objects() {
        lock.readLock().lock();
        try {
            synchronized (map) {
                return new ArrayList<>(map.values());
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Replaces every object by these (restore at start, reset): watchers see each one deleted and each
     * new one added, and every object gets a new resourceVersion above all that were handed out before.
     */
    void replaceAll(List<ObjectNode> objects) {
        lock.writeLock().lock();
        bulk = true;
        try {
            List<Map.Entry<AttributeSet, String>> existing;
            synchronized (map) {
                existing = new ArrayList<>(map.entrySet());
            }
            for (Map.Entry<AttributeSet, String> e : existing) {
                store(
                        pathOf(Serialization.unmarshal(e.getValue(), GenericKubernetesResource.class)),
                        e.getKey(),
                        e.getKey(),
                        null,
                        null);
            }
            for (ObjectNode o : objects) {
                ObjectNode copy = o.deepCopy();
                if (!copy.path("metadata").isObject()) {
                    copy.putObject("metadata");
                }
                ObjectNode meta = (ObjectNode) copy.get("metadata");
                meta.put("resourceVersion", Long.toString(requestResourceVersion()));
                if (!meta.hasNonNull("uid")) {
                    meta.put("uid", java.util.UUID.randomUUID().toString());
                }
                if (!meta.hasNonNull("generation")) {
                    meta.put("generation", 1);
                }
                if (!meta.hasNonNull("creationTimestamp")) {
                    meta.put(
                            "creationTimestamp",
                            java.time.Instant.now()
                                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                    .toString());
                }
                String text = copy.toString();
                GenericKubernetesResource resource = Serialization.unmarshal(text, GenericKubernetesResource.class);
                String path = pathOf(resource);
                store(path, getKey(path), null, resource, text);
            }
        } finally {
            bulk = false;
            try {
                if (listener != null) {
                    listener.replaced();
                }
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    /** The sandbox's user may do anything: every SelfSubjectAccessReview is allowed (and nothing is stored). */
    private static MockResponse accessReview(byte[] body) {
        try {
            JsonNode review = JSON.readTree(body);
            if (!review.isObject()) {
                return status(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest", "not a SelfSubjectAccessReview");
            }
            ((ObjectNode) review).putObject("status").put("allowed", true);
            return json(HttpURLConnection.HTTP_CREATED, JSON.writeValueAsString(review));
        } catch (IOException e) {
            return status(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest", "not a SelfSubjectAccessReview");
        }
    }

    /** The object's URL path, as kube-apiserver serves it. */
    private String pathOf(GenericKubernetesResource r) {
        String apiVersion = r.getApiVersion();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String plural = crds.stream()
                .filter(c -> c.getGroup().equals(group)
                        && c.getVersion().equals(version)
                        && c.getKind().equals(r.getKind()))
                .map(CustomResourceDefinitionContext::getPlural)
                .findFirst()
                .orElseGet(() -> Pluralize.toPlural(r.getKind().toLowerCase(Locale.ROOT)));
        String ns = r.getMetadata().getNamespace();
        return (group.isEmpty() ? "/api/" : "/apis/" + group + "/") + version
                + (ns == null || ns.isEmpty() ? "" : "/namespaces/" + ns) + "/" + plural + "/"
                + r.getMetadata().getName();
    }

    /** kube-apiserver refuses to create an object in a namespace that does not exist. */
    private MockResponse missingNamespace(String path) {
        String[] p = path.split("/");
        int at = java.util.Arrays.asList(p).indexOf("namespaces");
        if (at < 0 || at + 2 >= p.length) {
            return null; // a Namespace itself, or a cluster-scoped object
        }
        String ns = p[at + 1];
        boolean exists;
        synchronized (map) {
            exists = map.values().stream().anyMatch(v -> v.contains("\"" + ns + "\"") && isNamespace(v, ns));
        }
        return exists
                ? null
                : status(HttpURLConnection.HTTP_NOT_FOUND, "NotFound", "namespaces \"" + ns + "\" not found");
    }

    private static boolean isNamespace(String json, String name) {
        try {
            JsonNode n = JSON.readTree(json);
            return "Namespace".equals(n.path("kind").asText())
                    && name.equals(n.path("metadata").path("name").asText());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** DeleteOptions.preconditions: the delete happens only to that uid / resourceVersion. */
    private MockResponse preconditionFailed(String path, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        JsonNode pre;
        try {
            pre = JSON.readTree(body).path("preconditions");
        } catch (java.io.IOException e) {
            return null;
        }
        String uid = pre.path("uid").asText("");
        String rv = pre.path("resourceVersion").asText("");
        if (uid.isEmpty() && rv.isEmpty()) {
            return null;
        }
        var entry = findResource(getKey(path));
        if (entry == null) {
            return null; // the delete answers 404
        }
        JsonNode meta;
        try {
            meta = JSON.readTree(entry.getValue()).path("metadata");
        } catch (java.io.IOException e) {
            return null;
        }
        if (!uid.isEmpty() && !uid.equals(meta.path("uid").asText())) {
            return status(
                    HttpURLConnection.HTTP_CONFLICT,
                    "Conflict",
                    "Precondition failed: UID in precondition: " + uid + ", UID in object meta: "
                            + meta.path("uid").asText());
        }
        if (!rv.isEmpty() && !rv.equals(meta.path("resourceVersion").asText())) {
            return status(
                    HttpURLConnection.HTTP_CONFLICT,
                    "Conflict",
                    "Precondition failed: ResourceVersion in precondition: " + rv + ", ResourceVersion in object meta: "
                            + meta.path("resourceVersion").asText());
        }
        return null;
    }

    /** As kube-apiserver creates a Pod: whatever status it was sent with, it starts Pending. */
    private static RecordedRequest pending(RecordedRequest r) {
        try {
            JsonNode body = JSON.readTree(r.getBody().getBytes());
            if (!body.isObject()) {
                return r;
            }
            ((ObjectNode) body).putObject("status").put("phase", "Pending");
            return new RecordedRequest(
                    r.getHttpVersion(),
                    r.method(),
                    r.getPath(),
                    r.getHeaders(),
                    new io.fabric8.mockwebserver.http.Buffer(JSON.writeValueAsBytes(body)));
        } catch (java.io.IOException e) {
            return r; // not JSON: the handler answers for it
        }
    }

    private static RecordedRequest withoutQuery(RecordedRequest r) {
        return withPath(r, URI.create(r.getPath()).getRawPath());
    }

    private static RecordedRequest withPath(RecordedRequest r, String path) {
        return new RecordedRequest(
                r.getHttpVersion(),
                r.method(),
                path,
                r.getHeaders(),
                new io.fabric8.mockwebserver.http.Buffer(r.getBody().getBytes()));
    }

    /** dryRun=All in the query (every write), or in the DeleteOptions body of a delete. */
    private static boolean isDryRun(String path, byte[] body) {
        String query = URI.create(path).getRawQuery();
        if (query != null) {
            for (String kv : query.split("&")) {
                if (kv.equals("dryRun=All")) {
                    return true;
                }
            }
        }
        if (body.length > 0 && body[0] == '{') {
            try {
                for (JsonNode v : JSON.readTree(body).path("dryRun")) {
                    if ("All".equals(v.asText())) {
                        return true;
                    }
                }
            } catch (java.io.IOException ignored) {
                // not DeleteOptions: the handler answers for the body
            }
        }
        return false;
    }

    static MockResponse status(int code, String reason, String message) {
        return json(
                code,
                Serialization.asJson(new StatusBuilder()
                        .withStatus("Failure")
                        .withCode(code)
                        .withReason(reason)
                        .withMessage(message)
                        .build()));
    }

    static MockResponse json(int code, String body) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(body);
    }

    /** API discovery of the groups ipamctl asks about, as kube-apiserver lists them. */
    static Map<String, String> discovery() {
        Map<String, String> d = new java.util.HashMap<>();
        for (String version : List.of("v1beta1", "v1alpha2")) {
            var list = new APIResourceListBuilder()
                    .withGroupVersion("crd.antrea.io/" + version)
                    .addToResources(resource("ippools", "IPPool", "ippool", false, "ipp"));
            if (version.equals("v1beta1")) {
                list.addToResources(
                        resource("traceflows", "Traceflow", "traceflow", false, "tf"),
                        resource("externalippools", "ExternalIPPool", "externalippool", false, "eip"),
                        resource("egresses", "Egress", "egress", false, "eg"));
            }
            d.put("/apis/crd.antrea.io/" + version, Serialization.asJson(list.build()));
        }
        d.put(
                "/apis/whereabouts.cni.cncf.io/v1alpha1",
                Serialization.asJson(new APIResourceListBuilder()
                        .withGroupVersion("whereabouts.cni.cncf.io/v1alpha1")
                        .addToResources(
                                resource("ippools", "IPPool", "ippool", true),
                                resource(
                                        "overlappingrangeipreservations",
                                        "OverlappingRangeIPReservation",
                                        "overlappingrangeipreservation",
                                        true))
                        .build()));
        d.put(
                "/apis/k8s.cni.cncf.io/v1",
                Serialization.asJson(new APIResourceListBuilder()
                        .withGroupVersion("k8s.cni.cncf.io/v1")
                        .addToResources(resource(
                                "network-attachment-definitions",
                                "NetworkAttachmentDefinition",
                                "network-attachment-definition",
                                true))
                        .build()));
        d.put(
                "/apis/networking.k8s.io/v1",
                Serialization.asJson(new APIResourceListBuilder()
                        .withGroupVersion("networking.k8s.io/v1")
                        .addToResources(
                                resource("networkpolicies", "NetworkPolicy", "networkpolicy", true, "netpol"),
                                resource("servicecidrs", "ServiceCIDR", "servicecidr", false),
                                resource("ipaddresses", "IPAddress", "ipaddress", false, "ip"))
                        .build()));
        return Map.copyOf(d);
    }

    private static APIResource resource(
            String plural, String kind, String singular, boolean namespaced, String... shortNames) {
        return new APIResourceBuilder()
                .withName(plural)
                .withKind(kind)
                .withNamespaced(namespaced)
                .withSingularName(singular)
                .withShortNames(shortNames)
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
                .build();
    }

    /** A user's watch, counted while it is open. */
    private final class CountedWatch extends WebSocketListener {

        private final WebSocketListener watch;
        private final java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean();

        CountedWatch(WebSocketListener watch) {
            this.watch = watch;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            watch.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            if (open.compareAndSet(false, true)) {
                userWatches.incrementAndGet();
            }
            watch.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            watch.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            watch.onMessage(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            watch.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            closed();
            watch.onClosed(webSocket, code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable error, Response response) {
            closed();
            watch.onFailure(webSocket, error, response);
        }

        private void closed() {
            if (open.compareAndSet(true, false)) {
                userWatches.decrementAndGet();
                lastUserRequest.set(System.nanoTime());
            }
        }
    }
}
