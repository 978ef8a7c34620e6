package io.ipamctl.commands.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ipamctl.trace.TracePacket;
import io.ipamctl.trace.TraceRequest.Endpoint;
import io.ipamctl.trace.TraceRequest.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SRC, DST and the packet options read without a server. */
class TraceArgumentsTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    void sourceWithAndWithoutNamespace() {
        assertEquals(
                new Endpoint(Kind.POD, "default", "frontend", null),
                TraceArguments.source("default/frontend", problems));
        Endpoint bare = TraceArguments.source("frontend", problems);
        assertEquals(new Endpoint(Kind.POD, "ns-ap", "frontend", null), bare.inNamespace("ns-ap"));
        assertEquals(List.of(), problems);
    }

    @Test
    void destinationIsAnIpAServiceOrAPodInTheSourcesNamespace() {
        assertEquals(
                new Endpoint(Kind.IP, null, null, "10.211.2.30"), TraceArguments.destination("10.211.2.30", problems));
        assertEquals(new Endpoint(Kind.IP, null, null, "fd00::1e"), TraceArguments.destination("fd00::1e", problems));
        assertEquals(
                new Endpoint(Kind.SERVICE, "kube-system", "kube-dns", null),
                TraceArguments.destination("svc/kube-system/kube-dns", problems));
        assertEquals(
                new Endpoint(Kind.POD, "default", "backend2", null),
                TraceArguments.destination("backend2", problems).inNamespace("default"));
        assertEquals(
                new Endpoint(Kind.POD, "ns-db", "db-01", null), TraceArguments.destination("ns-db/db-01", problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void namesMustBeValidKubernetesNames() {
        assertNull(TraceArguments.source("Frontend", problems));
        assertNull(TraceArguments.destination("default/", problems));
        assertEquals(
                List.of(
                        "invalid source \"Frontend\": use NAMESPACE/POD, or POD with -n",
                        "invalid destination \"default/\": use NAMESPACE/POD, POD, an IP address, or svc/NAMESPACE/SERVICE"),
                problems);
    }

    /** 999.1.1.1 is a valid Pod name, but whoever types it means an address: say it is not a valid one. */
    @Test
    void somethingThatLooksLikeAnAddressIsOneAndMustBeValid() {
        assertNull(TraceArguments.destination("999.1.1.1", problems));
        assertNull(TraceArguments.destination("10.211.2", problems));
        assertNull(TraceArguments.destination("fd00::zz", problems));
        assertNull(TraceArguments.destination("10.211.2.0/24", problems));
        assertNull(TraceArguments.source("10.211.1.14", problems));
        assertNull(TraceArguments.source("fd00::14", problems));
        assertEquals(
                List.of(
                        "destination \"999.1.1.1\" is not a valid IP address",
                        "destination \"10.211.2\" is not a valid IP address",
                        "destination \"fd00::zz\" is not a valid IP address",
                        "destination \"10.211.2.0/24\" is a CIDR: trace to one IP address",
                        "invalid source \"10.211.1.14\": a trace starts at a Pod (NAMESPACE/POD, or POD with -n), not at an address",
                        "invalid source \"fd00::14\": a trace starts at a Pod (NAMESPACE/POD, or POD with -n), not at an address"),
                problems);
    }

    @Test
    void aPodNamedLikeAnAddressIsReachedWithItsNamespace() {
        assertEquals(
                new Endpoint(Kind.POD, "default", "10.211.2.300", null),
                TraceArguments.destination("default/10.211.2.300", problems));
        assertEquals(
                new Endpoint(Kind.POD, "default", "web.v2", null),
                TraceArguments.destination("default/web.v2", problems));
        assertEquals(new Endpoint(Kind.POD, null, "web.v2", null), TraceArguments.destination("web.v2", problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void describeNamesTheKind() {
        assertEquals("Pod \"default/frontend\"", new Endpoint(Kind.POD, "default", "frontend", null).describe());
        assertEquals("Service \"default/web\"", new Endpoint(Kind.SERVICE, "default", "web", null).describe());
        assertEquals("IP 10.0.0.1", new Endpoint(Kind.IP, null, null, "10.0.0.1").describe());
    }

    @Test
    void icmpWithoutOptionsTcpWhenAPortIsGivenAnyForLiveTraffic() {
        assertEquals(
                new TracePacket(1, null, null, null), TraceArguments.packet(null, null, null, null, false, problems));
        assertEquals(new TracePacket(6, null, 80, null), TraceArguments.packet(null, null, 80, null, false, problems));
        assertEquals(
                new TracePacket(null, null, null, null), TraceArguments.packet(null, null, null, null, true, problems));
        assertEquals(
                17,
                TraceArguments.packet("UDP", 1000, 53, null, false, problems).protocol());
        assertEquals(List.of(), problems);
    }

    @Test
    void eachBadOptionIsOneProblem() {
        assertNull(TraceArguments.packet("tcp", 0, 65536, "XMAS", false, problems));
        assertEquals(
                List.of(
                        "--src-port must be a port number from 1 to 65535, got 0",
                        "--dst-port must be a port number from 1 to 65535, got 65536",
                        "invalid argument \"XMAS\" for \"--tcp-flags\": expected a number from 0 to 255 or flag names joined by commas"
                                + " (FIN,SYN,RST,PSH,ACK,URG,ECE,CWR), e.g. SYN,ACK"),
                problems);
    }
}
