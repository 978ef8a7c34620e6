package io.ipamctl.sources;

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
import io.ipamctl.kube.PodDirectory;
import io.ipamctl.kube.ServiceDirectory;
import io.ipamctl.sandbox.SandboxServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A small API server for the source tests (fabric8's mock server in CRUD mode on loopback): Antrea's
 * CRDs (IPPool, ExternalIPPool, Egress, ...), with whereabouts set Whereabouts' IPPool and Multus'
 * NetworkAttachmentDefinition CRDs, with serviceCidrs Kubernetes' ServiceCIDR and IPAddress, served and
 * discoverable as on a real server. Objects are created from YAML, status included.
 */
public final class SourceCluster implements AutoCloseable {

    private final java.util.logging.Logger mockServerLog =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public SourceCluster(boolean whereabouts) {
        this(whereabouts, false);
    }

    /** @param serviceCidrs whether the server serves networking.k8s.io/v1 ServiceCIDRs and IPAddresses (1.33+) */
    public SourceCluster(boolean whereabouts, boolean serviceCidrs) {
        mockServerLog.setLevel(java.util.logging.Level.OFF);
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        List<CustomResourceDefinitionContext> crds = new ArrayList<>(SandboxServer.antreaResources());
        if (whereabouts) {
            crds.add(namespaced("whereabouts.cni.cncf.io", "v1alpha1", "ippools", "IPPool"));
            crds.add(namespaced("whereabouts.cni.cncf.io", "v1alpha1", "nodeslicepools", "NodeSlicePool"));
            crds.add(namespaced(
                    "k8s.cni.cncf.io", "v1", "network-attachment-definitions", "NetworkAttachmentDefinition"));
        }
        if (serviceCidrs) {
            crds.addAll(SandboxServer.serviceCidrResources());
        }
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses, crds), false);
        server.start(InetAddress.getLoopbackAddress(), 0);
        SandboxServer.expectAntreaDiscovery(server);
        if (serviceCidrs) {
            SandboxServer.expectServiceCidrDiscovery(server);
        }
        if (whereabouts) {
            discoverable("whereabouts.cni.cncf.io/v1alpha1", "ippools", "IPPool", "nodeslicepools", "NodeSlicePool");
            discoverable("k8s.cni.cncf.io/v1", "network-attachment-definitions", "NetworkAttachmentDefinition");
        }
        client = server.createClient();
    }

    private static CustomResourceDefinitionContext namespaced(
            String group, String version, String plural, String kind) {
        return new CustomResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withPlural(plural)
                .withKind(kind)
                .withScope("Namespaced")
                .build();
    }

    /** @param pluralsAndKinds plural, kind, plural, kind, ... of the namespaced resources served */
    private void discoverable(String apiVersion, String... pluralsAndKinds) {
        var list = new APIResourceListBuilder().withGroupVersion(apiVersion);
        for (int i = 0; i < pluralsAndKinds.length; i += 2) {
            list.addToResources(new APIResourceBuilder()
                    .withName(pluralsAndKinds[i])
                    .withKind(pluralsAndKinds[i + 1])
                    .withNamespaced(true)
                    .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
                    .build());
        }
        server.expect()
                .get()
                .withPath("/apis/" + apiVersion)
                .andReturn(200, list.build())
                .always();
    }

    public KubernetesClient client() {
        return client;
    }

    /** What a run reads for usage (forCheck false) or for pool check, with the Pods of this server. */
    Reading reading(boolean forCheck) {
        return new Reading(
                w -> {}, forCheck, false, () -> PodDirectory.facts(client), () -> ServiceDirectory.facts(client));
    }

    /** Creates the object of a YAML manifest, its status too (as the controllers that own it would write it). */
    public GenericKubernetesResource create(String yaml) {
        GenericKubernetesResource r = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
        var op = client.genericKubernetesResources(r.getApiVersion(), r.getKind());
        var created = r.getMetadata().getNamespace() == null
                ? op.resource(r).create()
                : op.inNamespace(r.getMetadata().getNamespace()).resource(r).create();
        Object status = r.getAdditionalProperties().get("status");
        if (status != null) {
            created.setAdditionalProperty("status", status);
            created = (r.getMetadata().getNamespace() == null
                            ? op
                            : op.inNamespace(r.getMetadata().getNamespace()))
                    .resource(created)
                    .updateStatus();
        }
        return created;
    }

    /** pool-db of the seed with db-01's .48, and Pod ns-db/db-01 on node-01 holding it. */
    SourceCluster antreaSeed() {
        create("""
                apiVersion: crd.antrea.io/v1beta1
                kind: IPPool
                metadata: {name: pool-db}
                spec:
                  ipRanges: [{start: 172.16.20.11, end: 172.16.20.50}]
                  subnetInfo: {gateway: 172.16.20.254, prefixLength: 24, vlan: 20}
                status:
                  ipAddresses:
                  - ipAddress: 172.16.20.48
                    phase: Allocated
                    owner: {pod: {name: db-01, namespace: ns-db, containerID: c48}}
                """);
        pod("ns-db", "db-01", "node-01", "172.16.20.48", "");
        return this;
    }

    /** Seed 001: macvlan-conf's range 192.168.20.0/24 (.10-.100) with pod0's .11 and the leaked .13 of pod-gone. */
    SourceCluster whereaboutsSeed() {
        create("""
                apiVersion: k8s.cni.cncf.io/v1
                kind: NetworkAttachmentDefinition
                metadata: {name: macvlan-conf, namespace: default}
                spec:
                  config: '{"cniVersion":"0.3.1","type":"macvlan","master":"eth0","ipam":{"type":"whereabouts","range":"192.168.20.0/24","range_start":"192.168.20.10","range_end":"192.168.20.100","gateway":"192.168.20.1"}}'
                """);
        create("""
                apiVersion: whereabouts.cni.cncf.io/v1alpha1
                kind: IPPool
                metadata: {name: 192.168.20.0-24, namespace: kube-system}
                spec:
                  range: 192.168.20.0/24
                  allocations:
                    "11": {id: c11, podref: default/pod0, ifname: net1}
                    "13": {id: c13, podref: default/pod-gone, ifname: net1}
                """);
        pod("default", "pod0", "node-01", "10.211.1.80", "");
        return this;
    }

    /** Node slices: NAD slice-conf (network_name slicenet, 192.168.32.0/24 in /26), node-01's slice pool with pod0's .1. */
    SourceCluster nodeSlices() {
        create("""
                apiVersion: k8s.cni.cncf.io/v1
                kind: NetworkAttachmentDefinition
                metadata: {name: slice-conf, namespace: default}
                spec:
                  config: '{"cniVersion":"0.3.1","name":"slice-conf","type":"macvlan","ipam":{"type":"whereabouts","range":"192.168.32.0/24","node_slice_size":"/26","network_name":"slicenet"}}'
                """);
        create("""
                apiVersion: whereabouts.cni.cncf.io/v1alpha1
                kind: NodeSlicePool
                metadata: {name: slicenet, namespace: kube-system}
                spec: {range: 192.168.32.0/24, sliceSize: /26}
                status:
                  allocations:
                  - {nodeName: node-01, sliceRange: 192.168.32.0/26}
                  - {nodeName: node-02, sliceRange: 192.168.32.64/26}
                  - {nodeName: "", sliceRange: 192.168.32.128/26}
                  - {nodeName: "", sliceRange: 192.168.32.192/26}
                """);
        create("""
                apiVersion: whereabouts.cni.cncf.io/v1alpha1
                kind: IPPool
                metadata: {name: slicenet-node-01-192.168.32.0-26, namespace: kube-system}
                spec:
                  range: 192.168.32.0/26
                  allocations:
                    "1": {id: c1, podref: default/pod0, ifname: net2}
                    "2": {id: c2, podref: default/pod-gone, ifname: net2}
                """);
        return this;
    }

    public void node(String name, String podCidr) {
        create("""
                apiVersion: v1
                kind: Node
                metadata: {name: %s}
                spec: %s
                """.formatted(name, podCidr == null ? "{}" : "{podCIDR: " + podCidr + ", podCIDRs: [" + podCidr + "]}"));
    }

    /** A running Pod (podIP empty: not yet given one); poolsAnnotation is its ipam.antrea.io/ippools, or "". */
    public void pod(String namespace, String name, String node, String podIp, String poolsAnnotation) {
        String annotations = poolsAnnotation.isEmpty() ? "{}" : "{ipam.antrea.io/ippools: " + poolsAnnotation + "}";
        String status = podIp.isEmpty()
                ? "{phase: Pending}"
                : "{phase: Running, podIP: " + podIp + ", podIPs: [{ip: " + podIp + "}]}";
        create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: %s, annotations: %s}
                spec: {nodeName: %s, containers: [{name: c, image: pause}]}
                status: %s
                """.formatted(name, namespace, annotations, node, status));
    }

    void namespace(String name, String poolsAnnotation) {
        create("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: %s, annotations: {ipam.antrea.io/ippools: %s}}
                """.formatted(name, poolsAnnotation));
    }

    /** A kubeconfig for this server in dir, for command tests (ipamctl --kubeconfig). */
    public Path kubeconfig(Path dir) {
        return io.ipamctl.commands.CliRun.kubeconfig(dir, server.url("/"), "source-cluster-token");
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
