package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Node IPAM's podCIDRs as the Nodes hold them (read off the list, not through the Node model). */
class NodeDirectoryTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.start(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private void node(String name, String podCidr, String... podCidrs) {
        var spec = new io.fabric8.kubernetes.api.model.NodeSpecBuilder()
                .withPodCIDR(podCidr)
                .withPodCIDRs(podCidrs)
                .addNewTaint()
                .withKey("k")
                .withEffect("NoSchedule")
                .endTaint()
                .build();
        client.nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels("a", "b")
                        .endMetadata()
                        .withSpec(spec)
                        .withNewStatus()
                        .addNewImage()
                        .withNames("img")
                        .endImage()
                        .endStatus()
                        .build())
                .create();
    }

    @Test
    void podCidrsElseThePodCidrAndNothingElse() {
        node("node-b", "10.1.0.0/24", "10.1.0.0/24", "fd00:1::/64");
        node("node-a", "10.2.0.0/24");
        node("node-c", null);
        node("node-d", "10.4.0.0/33");
        List<String> warnings = new ArrayList<>();
        var cidrs = NodeDirectory.podCidrs(client, warnings::add);
        assertEquals(
                List.of("node-a 10.2.0.0/24", "node-b 10.1.0.0/24", "node-b fd00:1::/64"),
                cidrs.stream().map(c -> c.node() + " " + c.cidr()).toList());
        assertEquals(List.of("node node-d: podCIDR \"10.4.0.0/33\" is not a CIDR (left out)"), warnings);
    }
}
