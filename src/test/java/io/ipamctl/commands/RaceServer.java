package io.ipamctl.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.HttpUrl;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.ipamctl.sandbox.SandboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One in-memory API server (fabric8's mock server in CRUD mode) reached through several endpoints,
 * one per client, so that ipamctl runs can be interleaved deterministically: a request of one run
 * is held at a {@link Gate} (only its endpoint's event loop waits) while another run goes on through
 * its own endpoint. The mock server ignores resourceVersionMatch=Exact; here such a list shows only
 * the objects created up to that revision, as a real API server does (objects deleted since are
 * not brought back, which these tests never need).
 */
final class RaceServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    private final KubernetesMixedDispatcher store =
            new KubernetesMixedDispatcher(responses, SandboxServer.antreaResources());
    /** metadata.uid to the revision the object was created at. */
    private final Map<String, Long> createdAt = new ConcurrentHashMap<>();

    private final List<KubernetesMockServer> endpoints = new ArrayList<>();
    private final List<Gate> gates = new ArrayList<>();
    private final List<Gate> stalls = new ArrayList<>();

    /** A request held on its way into the store until the test releases it. */
    static final class Gate {
        private final int endpoint;
        private final Predicate<RecordedRequest> matches;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Gate(int endpoint, Predicate<RecordedRequest> matches) {
            this.endpoint = endpoint;
            this.matches = matches;
        }

        /** Blocks until the request is held (fails rather than hangs when it never comes). */
        void awaitArrival() throws InterruptedException {
            if (!arrived.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the held request never arrived");
            }
        }

        void release() {
            released.countDown();
        }

        private void hold() {
            arrived.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One endpoint per run, and one more for the test's own client. */
    RaceServer(int runs) {
        for (int i = 0; i <= runs; i++) {
            int endpoint = i;
            var server = new KubernetesMockServer(
                    new Context(),
                    new MockWebServer(),
                    responses,
                    new Dispatcher() {
                        @Override
                        public MockResponse dispatch(RecordedRequest request) {
                            return RaceServer.this.dispatch(endpoint, request);
                        }
                    },
                    false);
            server.start(InetAddress.getLoopbackAddress(), 0);
            endpoints.add(server);
        }
        SandboxServer.expectAntreaDiscovery(endpoints.get(0));
    }

    /** Holds the next request of this endpoint that matches, e.g. a run's create. */
    synchronized Gate hold(int endpoint, String method, String pathPart) {
        Gate gate = new Gate(
                endpoint, r -> r.getMethod().equals(method) && r.getPath().contains(pathPart));
        gates.add(gate);
        return gate;
    }

    /**
     * The next request of this endpoint that matches is never stored and answered only after a minute,
     * without holding up the endpoint's other requests (a request in flight when a run is interrupted).
     */
    synchronized Gate stall(int endpoint, String method, String pathPart) {
        Gate gate = new Gate(
                endpoint, r -> r.getMethod().equals(method) && r.getPath().contains(pathPart));
        stalls.add(gate);
        return gate;
    }

    /** Holds the next list of this endpoint at an exact revision: a run's check right after its create. */
    synchronized Gate holdCheck(int endpoint, String pathPart) {
        Gate gate = new Gate(
                endpoint,
                r -> r.getMethod().equals("GET")
                        && r.getPath().contains(pathPart + "?")
                        && r.getPath().contains("resourceVersionMatch=Exact"));
        gates.add(gate);
        return gate;
    }

    private synchronized Gate take(List<Gate> from, int endpoint, RecordedRequest request) {
        for (Gate g : from) {
            if (g.endpoint == endpoint && g.matches.test(request)) {
                from.remove(g);
                return g;
            }
        }
        return null;
    }

    private MockResponse dispatch(int endpoint, RecordedRequest request) {
        Gate stalled = take(stalls, endpoint, request);
        if (stalled != null) {
            stalled.arrived.countDown();
            return new MockResponse().setResponseCode(504).setBody("{}").setBodyDelay(60, TimeUnit.SECONDS);
        }
        Gate gate = take(gates, endpoint, request);
        if (gate != null) {
            gate.hold();
        }
        MockResponse response = store.dispatch(request);
        if ("POST".equals(request.getMethod()) && response.code() < 300) {
            JsonNode meta = read(response).path("metadata");
            createdAt.put(
                    meta.path("uid").asText(), meta.path("resourceVersion").asLong());
        }
        String exact = HttpUrl.parse("http://x" + request.getPath()).queryParameter("resourceVersion");
        if ("GET".equals(request.getMethod())
                && request.getPath().contains("resourceVersionMatch=Exact")
                && exact != null) {
            ObjectNode list = (ObjectNode) read(response);
            ArrayNode kept = JSON.createArrayNode();
            for (JsonNode item : list.path("items")) {
                if (createdAt.getOrDefault(item.path("metadata").path("uid").asText(), 0L) <= Long.parseLong(exact)) {
                    kept.add(item);
                }
            }
            list.set("items", kept);
            response.setBody(list.toString());
        }
        return response;
    }

    private static JsonNode read(MockResponse response) {
        try {
            return JSON.readTree(new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client for seeding and inspecting the store, through an endpoint no run uses (so never held). */
    KubernetesClient client() {
        return endpoints.get(endpoints.size() - 1).createClient();
    }

    /** The URL of one endpoint. */
    String url(int endpoint) {
        return endpoints.get(endpoint).url("/").replaceAll("/$", "");
    }

    /** A kubeconfig file that points at one endpoint. */
    Path kubeconfig(int endpoint, Path dir) throws IOException {
        return kubeconfig(
                endpoint, dir.resolve("kubeconfig-" + endpoint), "race", "race-test-token", Map.of("race", "default"));
    }

    /** A kubeconfig for one endpoint with these contexts (name to namespace) and token; current is the one named. */
    Path kubeconfig(int endpoint, Path file, String current, String token, Map<String, String> contexts)
            throws IOException {
        StringBuilder ctx = new StringBuilder();
        new java.util.TreeMap<>(contexts)
                .forEach((name, ns) -> ctx.append("- name: ")
                        .append(name)
                        .append("\n  context: {cluster: race, user: u, namespace: ")
                        .append(ns)
                        .append("}\n"));
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: race
                  cluster:
                    server: %s
                contexts:
                %scurrent-context: %s
                users:
                - name: u
                  user: {token: %s}
                """.formatted(url(endpoint), ctx, current, token));
        return file;
    }

    @Override
    public void close() {
        synchronized (this) {
            gates.forEach(Gate::release);
        }
        endpoints.forEach(KubernetesMockServer::shutdown);
    }
}
