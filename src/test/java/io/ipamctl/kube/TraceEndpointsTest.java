package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.ipamctl.IpamctlException;
import io.ipamctl.trace.TracePacket;
import io.ipamctl.trace.TraceRequest;
import io.ipamctl.trace.TraceRequest.Endpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Endpoint resolution on a mock API server: status.podIPs, and the one family both endpoints have. */
class TraceEndpointsTest {

    @TempDir
    static Path dir;

    static TraceflowMockCluster cluster;
    static TraceEndpoints endpoints;

    @BeforeAll
    static void start() throws IOException {
        cluster = new TraceflowMockCluster(dir, true);
        cluster.pod("default", "dual", "node-01", "10.211.1.40", "fd00:10:211:1::40");
        cluster.pod("default", "dual-v6-first", "node-02", "fd00:10:211:2::41", "10.211.2.41");
        cluster.pod("default", "v6only", "node-02", "fd00:10:211:2::42");
        cluster.client()
                .services()
                .inNamespace("default")
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("web")
                        .withNamespace("default")
                        .endMetadata()
                        .withNewSpec()
                        .withClusterIP("fd00:96::10")
                        .withClusterIPs("fd00:96::10", "10.96.0.10")
                        .endSpec()
                        .build())
                .create();
        endpoints = new TraceEndpoints(cluster.client());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static String pair(String source, Endpoint destination) {
        var r = endpoints.resolve(new TraceRequest(
                Endpoint.pod("default", source),
                destination,
                new TracePacket(1, null, null, null),
                false,
                false,
                Duration.ofSeconds(20),
                false));
        return r.addresses().source() + " -> " + r.addresses().destination();
    }

    @Test
    void aDualStackPodIsTracedInTheFamilyOfTheOtherEndpoint() {
        assertEquals("fd00:10:211:1::40 -> fd00:10:211:2::42", pair("dual", Endpoint.pod("default", "v6only")));
        assertEquals("10.211.1.40 -> 10.211.1.15", pair("dual", Endpoint.pod("default", "backend1")));
        assertEquals("10.211.1.14 -> 10.211.1.40", pair("frontend", Endpoint.pod("default", "dual")));
        assertEquals("fd00:10:211:1::40 -> fd00::1", pair("dual", Endpoint.ip("fd00::1")));
        assertEquals("10.211.1.40 -> 10.96.0.10", pair("dual", Endpoint.service("default", "web")));
    }

    @Test
    void twoDualStackPodsAreTracedOverIpv4WhicheverAddressTheyListFirst() {
        assertEquals("10.211.1.40 -> 10.211.2.41", pair("dual", Endpoint.pod("default", "dual-v6-first")));
        assertEquals("10.211.2.41 -> 10.211.1.40", pair("dual-v6-first", Endpoint.pod("default", "dual")));
    }

    @Test
    void theSourceKnowsItsNodeAndEveryAddress() {
        var source = endpoints.source(Endpoint.pod("default", "dual"));
        assertEquals("node-01", source.node());
        assertEquals(
                List.of("10.211.1.40", "fd00:10:211:1::40"),
                source.ips().stream().map(Object::toString).toList());
    }

    @Test
    void withoutACommonFamilyTheMessageNamesBoth() {
        assertEquals(
                "destination Pod \"default/v6only\" has no IPv4 address like the source Pod \"default/frontend\"",
                assertThrows(IpamctlException.class, () -> pair("frontend", Endpoint.pod("default", "v6only")))
                        .getMessage());
        assertEquals(
                "source Pod \"default/v6only\" has no IPv4 address for IP 10.211.1.15",
                assertThrows(IpamctlException.class, () -> pair("v6only", Endpoint.ip("10.211.1.15")))
                        .getMessage());
    }
}
