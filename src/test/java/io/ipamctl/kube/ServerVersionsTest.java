package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where ipamctl version reads Antrea's version: AntreaControllerInfo first, then the Antrea Pods' image tags. */
class ServerVersionsTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        CustomResourceDefinitionContext info = new CustomResourceDefinitionContext.Builder()
                .withGroup("crd.antrea.io")
                .withVersion("v1beta1")
                .withPlural("antreacontrollerinfos")
                .withKind("AntreaControllerInfo")
                .withScope("Cluster")
                .build();
        // expectations (the /version answer) before the stored objects, as the sandbox serves them
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(
                new Context(),
                new MockWebServer(),
                responses,
                new KubernetesMixedDispatcher(responses, List.of(info)),
                false);
        server.start(InetAddress.getLoopbackAddress(), 0);
        server.setVersionInfo(new VersionInfo.Builder()
                .withMajor("1")
                .withMinor("32")
                .withGitVersion("v1.32.4")
                .build());
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private void pod(String name, String component, String image) {
        client.pods()
                .inNamespace("kube-system")
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels("app", "antrea")
                        .addToLabels("component", component)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName(component)
                        .withImage(image)
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
    }

    @Test
    void controllerInfoFirst() {
        GenericKubernetesResource info = new GenericKubernetesResource();
        info.setApiVersion("crd.antrea.io/v1beta1");
        info.setKind("AntreaControllerInfo");
        info.setMetadata(new ObjectMetaBuilder().withName("antrea-controller").build());
        info.setAdditionalProperties(Map.of("version", "v2.5.1-abcdef"));
        client.genericKubernetesResources(ServerVersions.CONTROLLER_INFO)
                .resource(info)
                .create();
        pod("antrea-agent-x", "antrea-agent", "antrea/antrea-agent-ubuntu:v2.4.0");
        assertEquals(
                new ServerVersions("v1.32.4", "v2.5.1-abcdef", "AntreaControllerInfo antrea-controller"),
                ServerVersions.read(client, "kube-system"));
    }

    @Test
    void thenTheControllerPodsImage() {
        pod("antrea-agent-x", "antrea-agent", "antrea/antrea-agent-ubuntu:v2.4.0");
        pod("antrea-controller-7d9", "antrea-controller", "antrea/antrea-controller-ubuntu:v2.3.2");
        assertEquals(
                new ServerVersions("v1.32.4", "v2.3.2", "image of Pod kube-system/antrea-controller-7d9"),
                ServerVersions.read(client, "kube-system"));
    }

    @Test
    void thenAnAgentPodsImage() {
        pod("antrea-agent-b", "antrea-agent", "antrea/antrea-agent-ubuntu:v2.4.0");
        pod("antrea-agent-a", "antrea-agent", "antrea/antrea-agent-ubuntu:v2.4.1");
        assertEquals(
                new ServerVersions("v1.32.4", "v2.4.1", "image of Pod kube-system/antrea-agent-a"),
                ServerVersions.read(client, "kube-system"));
    }

    @Test
    void nothingTellsIt() {
        pod("antrea-agent-a", "antrea-agent", "antrea/antrea-agent-ubuntu@sha256:0123");
        assertEquals(new ServerVersions("v1.32.4", null, null), ServerVersions.read(client, "kube-system"));
        assertEquals(new ServerVersions("v1.32.4", null, null), ServerVersions.read(client, "antrea"));
    }

    @Test
    void imageTags() {
        assertEquals(Optional.of("v2.4.0"), ServerVersions.tag("antrea/antrea-agent-ubuntu:v2.4.0"));
        assertEquals(
                Optional.of("v2.4.0"), ServerVersions.tag("registry.local:5000/antrea/antrea-agent-ubuntu:v2.4.0"));
        assertEquals(Optional.empty(), ServerVersions.tag("registry.local:5000/antrea/antrea-agent-ubuntu"));
        assertEquals(Optional.empty(), ServerVersions.tag("antrea/antrea-agent-ubuntu@sha256:0123"));
        assertEquals(Optional.empty(), ServerVersions.tag("antrea/antrea-agent-ubuntu:"));
    }
}
