package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finding each node's agent, and why one cannot be used. */
class AntreaAgentsTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.start(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        for (String n : List.of("node-01", "node-02", "node-03", "node-04", "node-05")) {
            client.nodes()
                    .resource(new NodeBuilder()
                            .withNewMetadata()
                            .withName(n)
                            .endMetadata()
                            .build())
                    .create();
        }
        agent("antrea-agent-a", "node-01", "Running", true, true);
        agent("antrea-agent-b", "node-02", "Pending", true, false);
        agent("antrea-agent-c", "node-03", "Running", false, false);
        agent("antrea-agent-d", "node-04", "Running", true, false);
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private void agent(String name, String node, String phase, boolean ovsContainer, boolean ready) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("kube-system")
                .addToLabels("app", "antrea")
                .addToLabels("component", "antrea-agent")
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .addNewContainer()
                .withName("antrea-agent")
                .endContainer()
                .endSpec();
        if (ovsContainer) {
            b.editSpec().addNewContainer().withName("antrea-ovs").endContainer().endSpec();
        }
        Pod p = client.pods().inNamespace("kube-system").resource(b.build()).create();
        p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                .withPhase(phase)
                .withContainerStatuses(new ContainerStatusBuilder()
                        .withName("antrea-ovs")
                        .withReady(ready)
                        .build())
                .build());
        client.pods().inNamespace("kube-system").resource(p).updateStatus();
    }

    @Test
    void everyNodeWithItsProblem() {
        var all = new AntreaAgents(client, "kube-system").all();
        assertEquals(
                List.of(
                        new AntreaAgents.Lookup(
                                "node-01", new AgentPod("node-01", "kube-system", "antrea-agent-a"), null),
                        new AntreaAgents.Lookup(
                                "node-02",
                                new AgentPod("node-02", "kube-system", "antrea-agent-b"),
                                "agent Pod antrea-agent-b is Pending"),
                        new AntreaAgents.Lookup(
                                "node-03",
                                new AgentPod("node-03", "kube-system", "antrea-agent-c"),
                                "agent Pod antrea-agent-c has no antrea-ovs container"),
                        new AntreaAgents.Lookup(
                                "node-04",
                                new AgentPod("node-04", "kube-system", "antrea-agent-d"),
                                "container antrea-ovs of agent Pod antrea-agent-d is not ready")),
                all);
    }

    @Test
    void nodeWithoutAgentAndUnknownNode() {
        var agents = new AntreaAgents(client, "kube-system");
        assertEquals(
                "no Antrea agent Pod runs on node node-05 (namespace kube-system)",
                agents.forNode("node-05").problem());
        assertEquals("node node-09 not found", agents.forNode("node-09").problem());
        var wrongNs = assertThrows(AntreaAgents.NoAgents.class, () -> new AntreaAgents(client, "antrea").all());
        assertEquals(
                "no Antrea agent Pods (labels app=antrea,component=antrea-agent) in namespace antrea; is Antrea installed "
                        + "there?",
                wrongNs.getMessage());
    }
}
