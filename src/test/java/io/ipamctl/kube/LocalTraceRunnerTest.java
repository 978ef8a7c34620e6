package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.ipamctl.ovs.OvsSnapshot;
import io.ipamctl.trace.TracePacket;
import io.ipamctl.trace.TraceRequest;
import io.ipamctl.trace.TraceRequest.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `trace --local` on a mock API server whose node answers with OVS output captured from real OVS
 * (the source's port made IPv6-only): the addresses come from status.podIPs, in the family both have.
 */
class LocalTraceRunnerTest {

    @TempDir
    static Path dir;

    static TraceflowMockCluster cluster;

    /** Answers as node-01's antrea-ovs container, and keeps the flows it was asked to trace. */
    static final class Node01 implements NodeExec {
        final List<String> traced = new ArrayList<>();

        @Override
        public ExecResult run(AgentPod agent, List<String> argv, Duration timeout) {
            if (argv.equals(OvsSnapshot.COMMAND)) {
                return new ExecResult(
                        0,
                        fixture("node-01-snapshot.json")
                                .replace("\"ip-address\",\"10.211.1.14\"", "\"ip-address\",\"fd00:10:211:1::14\""),
                        "");
            }
            traced.add(argv.get(argv.size() - 1));
            return new ExecResult(0, fixture("node-01-trace-tunnel.txt"), "");
        }

        @Override
        public ExecResult stream(AgentPod agent, List<String> argv, Duration timeout, Consumer<InputStream> reader) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeAll
    static void start() throws IOException {
        cluster = new TraceflowMockCluster(dir, true);
        var client = cluster.client();
        client.pods().inNamespace("default").withName("frontend").delete();
        cluster.pod("default", "frontend", "node-01", "fd00:10:211:1::14");
        cluster.pod("default", "dual", "node-02", "10.211.2.40", "fd00:10:211:2::40");
        var agent = client.pods()
                .inNamespace("kube-system")
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("antrea-agent-bj42h")
                        .withNamespace("kube-system")
                        .addToLabels("app", "antrea")
                        .addToLabels("component", "antrea-agent")
                        .endMetadata()
                        .withNewSpec()
                        .withNodeName("node-01")
                        .addNewContainer()
                        .withName("antrea-ovs")
                        .withImage("antrea/antrea-agent-ubuntu")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        agent.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                .withPhase("Running")
                .build());
        client.pods().inNamespace("kube-system").resource(agent).updateStatus();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static String fixture(String name) {
        try {
            return Files.readString(Path.of("src", "test", "resources", "fixtures", "ovs", name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anIpv6OnlySourceTracesToTheIpv6AddressOfADualStackPodWhosePodIpIsIpv4() {
        Node01 node = new Node01();
        var runner = new LocalTraceRunner(
                cluster.client(),
                new OvsReader(node, Duration.ofSeconds(5)),
                new AntreaAgents(cluster.client(), "kube-system"));
        var trace = runner.run(new TraceRequest(
                Endpoint.pod("default", "frontend"),
                Endpoint.pod("default", "dual"),
                new TracePacket(TracePacket.TCP, null, 80, null),
                false,
                false,
                Duration.ofSeconds(20),
                false));
        assertEquals("node-01", trace.node());
        assertEquals(
                List.of("in_port=frontend-995823,tcp6,dl_src=02:d5:22:51:27:4f,dl_dst=ba:5e:d1:55:aa:01,"
                        + "ipv6_src=fd00:10:211:1::14,ipv6_dst=fd00:10:211:2::40,nw_ttl=64,tcp_dst=80"),
                node.traced);
    }
}
