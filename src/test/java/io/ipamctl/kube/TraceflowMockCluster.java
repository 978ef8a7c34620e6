package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Ipamctl;
import io.ipamctl.kube.crd.v1beta1.Traceflow;
import io.ipamctl.kube.crd.v1beta1.TraceflowStatus;
import io.ipamctl.kube.crd.v1beta1.traceflowstatus.Results;
import io.ipamctl.kube.crd.v1beta1.traceflowstatus.results.Observations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A test API server (fabric8 mock server in CRUD mode on loopback, set up as the sandbox does)
 * with the IPPool CRD (empty; for tests that change pools while ipamctl watches) and the Traceflow CRD (cluster-scoped, status subresource), the seed scenario's nodes and default
 * Pods, and a stand-in for the Antrea controller and agents: an informer that answers every new
 * Traceflow with the status steps a test chose, written through the status subresource as Antrea does.
 */
public final class TraceflowMockCluster implements AutoCloseable {

    /** Fixed report time of the fake agents (2025-12-21T06:53:20Z), so outputs are stable. */
    public static final long TIMESTAMP = 1766300000L;

    private final java.util.logging.Logger mockServerLog =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path dir;
    private final Path kubeconfig;
    private final List<Traceflow> seen = new CopyOnWriteArrayList<>();
    private volatile Function<Traceflow, List<TraceflowStatus>> antrea = tf -> List.of();
    private final SharedIndexInformer<Traceflow> informer;
    /** How many of the server's recorded requests {@link #requests} took. */
    private int taken;

    /** @param traceflowServed false plays an Antrea whose API does not list traceflows */
    public TraceflowMockCluster(Path dir, boolean traceflowServed) throws IOException {
        this.dir = dir;
        mockServerLog.setLevel(java.util.logging.Level.OFF);
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        CustomResourceDefinitionContext traceflows = new CustomResourceDefinitionContext.Builder()
                .withGroup("crd.antrea.io")
                .withVersion("v1beta1")
                .withPlural("traceflows")
                .withKind("Traceflow")
                .withScope("Cluster")
                .withStatusSubresource(true)
                .build();
        CustomResourceDefinitionContext ippools = new CustomResourceDefinitionContext.Builder()
                .withGroup("crd.antrea.io")
                .withVersion("v1beta1")
                .withPlural("ippools")
                .withKind("IPPool")
                .withScope("Cluster")
                .withStatusSubresource(true)
                .build();
        server = new KubernetesMockServer(
                new Context(),
                new MockWebServer(),
                responses,
                new KubernetesMixedDispatcher(responses, List.of(traceflows, ippools)),
                false);
        server.start(InetAddress.getLoopbackAddress(), 0);
        var discovery = new APIResourceListBuilder()
                .withGroupVersion("crd.antrea.io/v1beta1")
                .addToResources(new APIResourceBuilder()
                        .withName("ippools")
                        .withKind("IPPool")
                        .withNamespaced(false)
                        .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
                        .build());
        if (traceflowServed) {
            discovery.addToResources(new APIResourceBuilder()
                    .withName("traceflows")
                    .withKind("Traceflow")
                    .withNamespaced(false)
                    .withSingularName("traceflow")
                    .withShortNames("tf")
                    .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
                    .build());
        }
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1beta1")
                .andReturn(200, discovery.build())
                .always();
        client = server.createClient();
        seed();
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(
                kubeconfig,
                String.join(
                        "\n",
                        "apiVersion: v1",
                        "kind: Config",
                        "clusters:",
                        "- name: mock",
                        "  cluster:",
                        "    server: " + server.url("/").replaceAll("/$", ""),
                        "contexts:",
                        "- name: mock",
                        "  context:",
                        "    cluster: mock",
                        "    user: mock",
                        "    namespace: default",
                        "current-context: mock",
                        "users:",
                        "- name: mock",
                        "  user:",
                        "    token: test-token",
                        ""));
        informer = client.resources(Traceflow.class).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Traceflow tf) {
                if (tf.getStatus() == null || tf.getStatus().getPhase() == null) {
                    seen.add(tf);
                    answer(tf);
                }
            }

            @Override
            public void onUpdate(Traceflow oldTf, Traceflow newTf) {
                // answered once, on creation
            }

            @Override
            public void onDelete(Traceflow tf, boolean unknownFinalState) {
                // nothing kept per Traceflow
            }
        });
    }

    /** The seed scenario's nodes and the Pods of namespace default (cli/cluster/seed.yaml), plus a Pending Pod. */
    private void seed() {
        node("node-01", "127.0.1.1", "10.211.1.0/24");
        node("node-02", "127.0.1.2", "10.211.2.0/24");
        pod("frontend", "node-01", "10.211.1.14");
        pod("backend1", "node-01", "10.211.1.15");
        pod("backend2", "node-02", "10.211.2.30");
        pod("backend3", "node-02", null);
    }

    private void node(String name, String ip, String podCidr) {
        client.nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withNewSpec()
                        .withPodCIDR(podCidr)
                        .withPodCIDRs(podCidr)
                        .endSpec()
                        .withNewStatus()
                        .addNewAddress()
                        .withType("InternalIP")
                        .withAddress(ip)
                        .endAddress()
                        .endStatus()
                        .build())
                .create();
    }

    private void pod(String name, String node, String ip) {
        pod("default", name, node, ip == null ? new String[0] : new String[] {ip});
    }

    /**
     * A Pod of this server, Running with these addresses in status.podIPs (status.podIP the first),
     * Pending without any.
     */
    public void pod(String namespace, String name, String node, String... ips) {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .addNewContainer()
                .withName(name)
                .withImage("registry.k8s.io/pause:3.10")
                .endContainer()
                .endSpec()
                .build();
        Pod created = client.pods().inNamespace(namespace).resource(pod).create();
        var status = new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                .withPhase(ips.length == 0 ? "Pending" : "Running");
        if (ips.length > 0) {
            status.withPodIP(ips[0]);
        }
        for (String ip : ips) {
            status.addNewPodIP().withIp(ip).endPodIP();
        }
        created.setStatus(status.build());
        client.pods().inNamespace(namespace).resource(created).updateStatus();
    }

    /** Every new Traceflow gets these status steps, written one after the other (none: Antrea is absent). */
    public void antreaAnswers(Function<Traceflow, List<TraceflowStatus>> steps) {
        this.antrea = steps;
    }

    private void answer(Traceflow tf) {
        Traceflow current = tf;
        try {
            for (TraceflowStatus step : antrea.apply(tf)) {
                current.setStatus(step);
                current = client.resources(Traceflow.class).resource(current).updateStatus();
            }
        } catch (KubernetesClientException deleted) {
            // the CLI gave up and deleted it: as with Antrea, nothing more is written
        }
    }

    /** Traceflows the fake Antrea saw created, in order. */
    public List<Traceflow> seen() {
        return seen;
    }

    /** The API server refuses the next Traceflow create (403), as it does a user whose role may not create them. */
    public void refusesNextCreate() {
        server.expect()
                .post()
                .withPath("/apis/crd.antrea.io/v1beta1/traceflows")
                .andReturn(
                        403,
                        new StatusBuilder()
                                .withCode(403)
                                .withReason("Forbidden")
                                .withMessage(
                                        "traceflows.crd.antrea.io is forbidden: User \"dev\" cannot create resource "
                                                + "\"traceflows\" in API group \"crd.antrea.io\" at the cluster scope")
                                .build())
                .once();
    }

    /** The requests the server received since the last call, as "METHOD /path", oldest first. */
    public List<String> requests() throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (int count = server.getRequestCount(); taken < count; taken++) {
            var r = server.takeRequest(1, TimeUnit.SECONDS);
            if (r != null) {
                out.add(r.getMethod() + " " + r.getPath());
            }
        }
        return out;
    }

    /** Traceflows that exist now. */
    public List<Traceflow> traceflows() {
        return client.resources(Traceflow.class).list().getItems();
    }

    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Runs ipamctl against this server (not a terminal, no colour): exit code, stdout, stderr. */
    public Run run(String... args) {
        return run(false, args);
    }

    /** As {@link #run}, as if stdout were a terminal (colour and progress lines). */
    public Run runOnTerminal(String... args) {
        return run(true, args);
    }

    private Run run(boolean terminal, String... args) {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString()));
        all.addAll(List.of(args));
        return Run.of(all.toArray(String[]::new), new Environment(Map.of(), terminal, dir.resolve("state")));
    }

    /** Back to a fresh state between tests: no Traceflows, nothing seen, Antrea silent. */
    public void reset() {
        client.resources(Traceflow.class).delete();
        seen.clear();
        antrea = tf -> List.of();
    }

    /** One CLI run's outcome. */
    public record Run(int code, String out, String err) {
        public static Run of(String[] args, Environment environment) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Ipamctl.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Run(code, out.toString(), err.toString());
        }
    }

    @Override
    public void close() {
        informer.stop();
        client.close();
        server.shutdown();
    }

    // --- Status steps as Antrea writes them (controller: Running; agents: append a NodeResult each) ---

    public static TraceflowStatus running(List<Results> results) {
        TraceflowStatus s = new TraceflowStatus();
        s.setPhase("Running");
        s.setStartTime("2025-12-21T06:53:19Z");
        s.setDataplaneTag(7L);
        s.setResults(results.isEmpty() ? null : results);
        return s;
    }

    public static TraceflowStatus succeeded(List<Results> results) {
        TraceflowStatus s = running(results);
        s.setPhase("Succeeded");
        s.setDataplaneTag(0L);
        return s;
    }

    public static TraceflowStatus failed(String reason, List<Results> results) {
        TraceflowStatus s = running(results);
        s.setPhase("Failed");
        s.setReason(reason);
        s.setDataplaneTag(0L);
        return s;
    }

    public static Results node(String name, Observations... observations) {
        Results r = new Results();
        r.setNode(name);
        r.setTimestamp(TIMESTAMP);
        r.setObservations(List.of(observations));
        return r;
    }

    public static Observations observation(String component, String componentInfo, String action) {
        Observations o = new Observations();
        o.setComponent(component);
        o.setComponentInfo(componentInfo);
        o.setAction(action);
        return o;
    }

    public static Observations spoofGuard(String srcPodIP) {
        Observations o = observation("SpoofGuard", null, "Forwarded");
        o.setSrcPodIP(srcPodIP);
        return o;
    }

    public static Observations policy(String table, String action, String policy, String rule) {
        Observations o = observation("NetworkPolicy", table, action);
        o.setNetworkPolicy(policy);
        o.setNetworkPolicyRule(rule);
        return o;
    }

    public static Observations tunnel(String tunnelDstIP) {
        Observations o = observation("Forwarding", "Output", "Forwarded");
        o.setTunnelDstIP(tunnelDstIP);
        return o;
    }
}
