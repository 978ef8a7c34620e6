package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ipamctl.kube.TraceRequest.Endpoint;
import io.ipamctl.kube.TraceRequest.Kind;

class TraceRequestTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    void sourceWithAndWithoutNamespace() {
        assertEquals(new Endpoint(Kind.POD, "default", "frontend", null), TraceRequest.parseSource("default/frontend", problems));
        Endpoint bare = TraceRequest.parseSource("frontend", problems);
        assertEquals(new Endpoint(Kind.POD, "ns-ap", "frontend", null), bare.inNamespace("ns-ap"));
        assertEquals(List.of(), problems);
    }

    @Test
    void destinationIsAnIpAServiceOrAPodInTheSourcesNamespace() {
        assertEquals(new Endpoint(Kind.IP, null, null, "10.211.2.30"), TraceRequest.parseDestination("10.211.2.30", problems));
        assertEquals(new Endpoint(Kind.IP, null, null, "fd00::1e"), TraceRequest.parseDestination("fd00::1e", problems));
        assertEquals(new Endpoint(Kind.SERVICE, "kube-system", "kube-dns", null),
                TraceRequest.parseDestination("svc/kube-system/kube-dns", problems));
        assertEquals(new Endpoint(Kind.POD, "default", "backend2", null),
                TraceRequest.parseDestination("backend2", problems).inNamespace("default"));
        assertEquals(new Endpoint(Kind.POD, "ns-db", "db-01", null), TraceRequest.parseDestination("ns-db/db-01", problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void namesMustBeValidKubernetesNames() {
        assertNull(TraceRequest.parseSource("Frontend", problems));
        assertNull(TraceRequest.parseDestination("default/", problems));
        assertEquals(List.of("invalid source \"Frontend\": use NAMESPACE/POD, or POD with -n",
                "invalid destination \"default/\": use NAMESPACE/POD, POD, an IP address, or svc/NAMESPACE/SERVICE"), problems);
    }

    @Test
    void somethingThatIsNoAddressButAValidNameIsAPod() {
        assertEquals(new Endpoint(Kind.POD, null, "10.211.2.300", null), TraceRequest.parseDestination("10.211.2.300", problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void describeNamesTheKind() {
        assertEquals("Pod \"default/frontend\"", new Endpoint(Kind.POD, "default", "frontend", null).describe());
        assertEquals("Service \"default/web\"", new Endpoint(Kind.SERVICE, "default", "web", null).describe());
        assertEquals("IP 10.0.0.1", new Endpoint(Kind.IP, null, null, "10.0.0.1").describe());
    }
}
