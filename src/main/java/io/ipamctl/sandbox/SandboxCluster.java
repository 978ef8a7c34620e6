package io.ipamctl.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.ipamctl.IpamctlException;

/**
 * The built-in cluster of --sandbox: an in-process API server (fabric8's mock server in CRUD mode,
 * on loopback) holding the seed scenario, its state kept in a file between runs, and a stand-in for
 * Antrea's IPAM that gives new Pods their addresses. Only ever loaded when --sandbox is given.
 */
public final class SandboxCluster implements AutoCloseable {

    /** The kinds the sandbox keeps, in the order they are restored. */
    static final List<String[]> KINDS = List.of(
            new String[] {"v1", "Namespace"},
            new String[] {"v1", "Node"},
            new String[] {"crd.antrea.io/v1beta1", "IPPool"},
            new String[] {"k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition"},
            new String[] {"whereabouts.cni.cncf.io/v1alpha1", "IPPool"},
            new String[] {"networking.k8s.io/v1", "ServiceCIDR"},
            new String[] {"crd.antrea.io/v1beta1", "ExternalIPPool"},
            new String[] {"crd.antrea.io/v1beta1", "Egress"},
            new String[] {"v1", "Service"},
            new String[] {"networking.k8s.io/v1", "IPAddress"},
            new String[] {"v1", "Pod"},
            new String[] {"crd.antrea.io/v1beta1", "Traceflow"});

    /** Held so the setting sticks: java.util.logging keeps loggers weakly. */
    private final java.util.logging.Logger mockServerLog = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path stateFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SandboxAntrea antrea;
    private final SandboxServices services;
    private final SandboxOvsExec ovsExec;
    private final SandboxTraceflow traceflow;

    private SandboxCluster(Path stateDir, boolean reset, PrintWriter err, Map<String, String> env) throws IOException {
        Files.createDirectories(stateDir);
        stateFile = stateDir.resolve("sandbox.json");
        // One run at a time: a second concurrent run waits instead of losing the first one's changes.
        lockChannel = FileChannel.open(stateDir.resolve("sandbox.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockChannel.lock();
        mockServerLog.setLevel(java.util.logging.Level.OFF);
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        List<CustomResourceDefinitionContext> crds = new ArrayList<>(antreaResources());
        crds.add(namespaced("whereabouts.cni.cncf.io", "v1alpha1", "ippools", "IPPool"));
        crds.add(namespaced("k8s.cni.cncf.io", "v1", "network-attachment-definitions", "NetworkAttachmentDefinition"));
        crds.addAll(serviceCidrResources());
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses, crds), false);
        server.start(InetAddress.getLoopbackAddress(), 0);
        expectAntreaDiscovery(server);
        expectMultusDiscovery();
        expectServiceCidrDiscovery(server);
        client = server.createClient();
        boolean fresh = reset || !Files.exists(stateFile);
        restore(fresh ? seed() : Files.readAllBytes(stateFile), fresh);
        String ovsBase = env.get("IPAMCTL_OVS_BASE");
        ovsExec = new SandboxOvsExec(ovsBase == null || ovsBase.isBlank() ? stateDir.resolve("ovs") : Path.of(ovsBase), env, err);
        antrea = new SandboxAntrea(client);
        antrea.start();
        services = new SandboxServices(client);
        services.start();
        traceflow = new SandboxTraceflow(client);
        traceflow.start();
        err.println("ipamctl: using the built-in sandbox cluster" + (fresh ? " (fresh seed scenario)" : "")
                + "; state in " + stateFile);
        err.flush();
    }

    public static SandboxCluster open(Path stateDir, boolean reset, PrintWriter err, Map<String, String> env) {
        try {
            return new SandboxCluster(stateDir, reset, err, env);
        } catch (IOException e) {
            throw IpamctlException.failed("cannot start the sandbox cluster in " + stateDir + ": " + e.getMessage(), e);
        }
    }

    /** Antrea's custom resources, for a mock server in CRUD mode (also used by tests that build their own). */
    public static List<CustomResourceDefinitionContext> antreaResources() {
        return List.of(crd("ippools", "IPPool", "v1beta1"), crd("ippools", "IPPool", "v1alpha2"),
                crd("traceflows", "Traceflow", "v1beta1"), crd("externalippools", "ExternalIPPool", "v1beta1"),
                crd("egresses", "Egress", "v1beta1"));
    }

    /** Kubernetes' ServiceCIDR and IPAddress (networking.k8s.io/v1, cluster-scoped), for a mock server in CRUD mode. */
    public static List<CustomResourceDefinitionContext> serviceCidrResources() {
        return List.of(new CustomResourceDefinitionContext.Builder().withGroup("networking.k8s.io").withVersion("v1")
                        .withPlural("servicecidrs").withKind("ServiceCIDR").withScope("Cluster").withStatusSubresource(true).build(),
                new CustomResourceDefinitionContext.Builder().withGroup("networking.k8s.io").withVersion("v1")
                        .withPlural("ipaddresses").withKind("IPAddress").withScope("Cluster").build());
    }

    /** The mock server does not answer API discovery; list ServiceCIDR and IPAddress as a 1.33+ API server does. */
    public static void expectServiceCidrDiscovery(KubernetesMockServer server) {
        server.expect().get().withPath("/apis/networking.k8s.io/v1").andReturn(200, new APIResourceListBuilder()
                .withGroupVersion("networking.k8s.io/v1")
                .addToResources(clusterResource("servicecidrs", "ServiceCIDR", "servicecidr"),
                        clusterResource("ipaddresses", "IPAddress", "ipaddress"))
                .build()).always();
    }

    private static io.fabric8.kubernetes.api.model.APIResource clusterResource(String plural, String kind, String singular) {
        return new APIResourceBuilder().withName(plural).withKind(kind).withNamespaced(false).withSingularName(singular)
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build();
    }

    private static CustomResourceDefinitionContext crd(String plural, String kind, String version) {
        return new CustomResourceDefinitionContext.Builder()
                .withGroup("crd.antrea.io").withVersion(version).withPlural(plural).withKind(kind)
                .withScope("Cluster").withStatusSubresource(true).build();
    }

    /** Whereabouts' IPPool and Multus' NetworkAttachmentDefinition: namespaced, no status subresource. */
    private static CustomResourceDefinitionContext namespaced(String group, String version, String plural, String kind) {
        return new CustomResourceDefinitionContext.Builder()
                .withGroup(group).withVersion(version).withPlural(plural).withKind(kind).withScope("Namespaced").build();
    }

    /** The mock server does not answer API discovery; give it Whereabouts' and Multus' resources as the real server lists them. */
    private void expectMultusDiscovery() {
        server.expect().get().withPath("/apis/whereabouts.cni.cncf.io/v1alpha1").andReturn(200, new APIResourceListBuilder()
                .withGroupVersion("whereabouts.cni.cncf.io/v1alpha1")
                .addToResources(namespacedResource("ippools", "IPPool", "ippool"),
                        namespacedResource("overlappingrangeipreservations", "OverlappingRangeIPReservation",
                                "overlappingrangeipreservation"))
                .build()).always();
        server.expect().get().withPath("/apis/k8s.cni.cncf.io/v1").andReturn(200, new APIResourceListBuilder()
                .withGroupVersion("k8s.cni.cncf.io/v1")
                .addToResources(namespacedResource("network-attachment-definitions", "NetworkAttachmentDefinition",
                        "network-attachment-definition"))
                .build()).always();
    }

    /** The mock server does not answer API discovery; give it Antrea's resources as the real server lists them. */
    public static void expectAntreaDiscovery(KubernetesMockServer server) {
        for (String version : List.of("v1beta1", "v1alpha2")) {
            var list = new APIResourceListBuilder().withGroupVersion("crd.antrea.io/" + version)
                    .addToResources(new APIResourceBuilder().withName("ippools").withKind("IPPool").withNamespaced(false)
                            .withSingularName("ippool").withShortNames("ipp").withVerbs("get", "list", "watch", "create",
                                    "update", "patch", "delete").build());
            if (version.equals("v1beta1")) {
                list.addToResources(new APIResourceBuilder().withName("traceflows").withKind("Traceflow")
                        .withNamespaced(false).withSingularName("traceflow").withShortNames("tf")
                        .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build(),
                        clusterResource("externalippools", "ExternalIPPool", "externalippool"),
                        clusterResource("egresses", "Egress", "egress"));
            }
            server.expect().get().withPath("/apis/crd.antrea.io/" + version).andReturn(200, list.build()).always();
        }
    }

    private static io.fabric8.kubernetes.api.model.APIResource namespacedResource(String plural, String kind, String singular) {
        return new APIResourceBuilder().withName(plural).withKind(kind).withNamespaced(true).withSingularName(singular)
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build();
    }

    /** The sandbox's nodes have no agents to exec into; their Open vSwitch is simulated locally when installed. */
    public io.ipamctl.kube.NodeExec nodeExec() {
        return ovsExec;
    }

    public String masterUrl() {
        return server.url("/");
    }

    private static byte[] seed() throws IOException {
        try (InputStream in = SandboxCluster.class.getResourceAsStream("/io/ipamctl/sandbox/seed.yaml")) {
            if (in == null) {
                throw new IOException("the seed scenario is missing from the build");
            }
            return in.readAllBytes();
        }
    }

    /** Loads a YAML stream (the seed) or the JSON state file and creates every object, status included. */
    private void restore(byte[] data, boolean yaml) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        if (yaml) {
            ObjectMapper m = new ObjectMapper(new YAMLFactory());
            try (var it = m.readerFor(JsonNode.class).readValues(data)) {
                while (it.hasNext()) {
                    JsonNode n = (JsonNode) it.next();
                    if (n != null && n.isObject()) {
                        objects.add(n);
                    }
                }
            }
        } else {
            new ObjectMapper().readTree(data).path("items").forEach(objects::add);
        }
        for (String[] kind : KINDS) {
            for (JsonNode o : objects) {
                if (kind[0].equals(o.path("apiVersion").asText()) && kind[1].equals(o.path("kind").asText())) {
                    create(o);
                }
            }
        }
    }

    private void create(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        ObjectNode meta = (ObjectNode) copy.path("metadata");
        meta.remove("resourceVersion");
        GenericKubernetesResource r = Serialization.unmarshal(copy.toString(), GenericKubernetesResource.class);
        var op = client.genericKubernetesResources(r.getApiVersion(), r.getKind());
        var created = r.getMetadata().getNamespace() == null ? op.resource(r).create()
                : op.inNamespace(r.getMetadata().getNamespace()).resource(r).create();
        if (copy.has("status") && (created.getAdditionalProperties().get("status") == null)) {
            created.setAdditionalProperty("status", Serialization.unmarshal(copy.get("status").toString(), Object.class));
            op.resource(created).updateStatus();
        }
    }

    /** Saves every object (atomically: a crash never leaves a half-written state file). */
    private void save() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("apiVersion", "v1");
        root.put("kind", "List");
        ArrayNode items = root.putArray("items");
        for (String[] kind : KINDS) {
            var list = client.genericKubernetesResources(kind[0], kind[1]).inAnyNamespace().list().getItems();
            list.sort((a, b) -> (a.getMetadata().getNamespace() + "/" + a.getMetadata().getName())
                    .compareTo(b.getMetadata().getNamespace() + "/" + b.getMetadata().getName()));
            for (GenericKubernetesResource r : list) {
                items.add(json.readTree(Serialization.asJson(r)));
            }
        }
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        Files.write(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        try {
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        try {
            traceflow.stop();
            services.stop();
            antrea.stop();
            save();
        } catch (IOException | RuntimeException e) {
            throw IpamctlException.failed("cannot save the sandbox state to " + stateFile + ": " + e.getMessage(), e);
        } finally {
            client.close();
            server.shutdown();
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }
}
