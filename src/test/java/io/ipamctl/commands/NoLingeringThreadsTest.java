package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.ipamctl.LoopbackTlsServer;
import io.ipamctl.kube.crd.v1beta1.IPPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A command's process ends right after its output: when ipamctl returns, no thread it started is
 * still in native code (HotSpot would wait for it at exit; the JDK 17 HTTP client's selector thread
 * cost every API command ~0.3 s that way).
 */
@Isolated("it counts the threads of the whole JVM")
class NoLingeringThreadsTest {

    @TempDir
    Path state;

    KubernetesMockServer server;

    @BeforeEach
    void startServer() {
        server = MockApiServer.startAntreaCrud();
        try (var client = server.createClient()) {
            client.resources(IPPool.class).resource(pool()).create();
        }
    }

    @AfterEach
    void stopServer() {
        server.shutdown();
    }

    private static IPPool pool() {
        IPPool p = new IPPool();
        p.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName("pool-a")
                .build());
        var spec = new io.ipamctl.kube.crd.v1beta1.IPPoolSpec();
        var range = new io.ipamctl.kube.crd.v1beta1.ippoolspec.IpRanges();
        range.setCidr("10.1.0.0/24");
        spec.setIpRanges(List.of(range));
        var subnet = new io.ipamctl.kube.crd.v1beta1.ippoolspec.SubnetInfo();
        subnet.setGateway("10.1.0.1");
        subnet.setPrefixLength(24L);
        spec.setSubnetInfo(subnet);
        p.setSpec(spec);
        return p;
    }

    private Path kubeconfig() throws IOException {
        return Files.writeString(
                state.resolve("kubeconfig"),
                LoopbackTlsServer.kubeconfig("http://127.0.0.1:" + server.getPort(), "", "token: t"));
    }

    @Test
    void anApiCommandLeavesNoThreadInNativeCode() throws IOException {
        Path kc = kubeconfig();
        Set<Thread> before = NativeThreads.now();
        var r = new CliRun(state)
                .run("--kubeconfig", kc.toString(), "pool", "usage", "--source", "antrea", "--no-headers");
        assertEquals("", r.err());
        assertEquals(0, r.code());
        assertEquals("pool-a   10.1.0.0/24   10.1.0.1   <none>   253   0   253   0.0%\n", r.out());
        // the test's own API server (vert.x) is not the command's
        assertEquals(
                List.of(), NativeThreads.startedSince(before, t -> t.getName().startsWith("vert.x-")));
    }
}
