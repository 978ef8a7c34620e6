package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpFamily;
import io.ipamctl.kube.crd.v1beta1.Traceflow;
import io.ipamctl.kube.crd.v1beta1.traceflowstatus.Results;
import io.ipamctl.trace.TraceAddresses;
import io.ipamctl.trace.TracePacket;
import io.ipamctl.trace.TraceRequest;
import io.ipamctl.trace.TraceRequest.Endpoint;
import io.ipamctl.trace.TraceRequest.Kind;
import io.ipamctl.trace.TraceResult;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Request to Traceflow and Traceflow status to result, without a server. */
class TraceflowMappingTest {

    private static final Endpoint FRONTEND = new Endpoint(Kind.POD, "default", "frontend", null);

    @Test
    void namesSayWhatIsTracedAndAreValidObjectNames() {
        assertTrue(TraceflowMapping.name("frontend", "backend2", new Random(1))
                .matches("ipamctl-frontend-to-backend2-[a-z0-9]{5}"));
        assertTrue(TraceflowMapping.name("frontend", "fd00::1e", new Random(1))
                .matches("ipamctl-frontend-to-fd00-1e-[a-z0-9]{5}"));
        String longName =
                TraceflowMapping.name("web-6d4cf56db6-4lq2x.with.a.very.long.suffix", "10.211.2.30", new Random(1));
        assertTrue(longName.length() <= 63, longName);
        assertTrue(longName.matches("ipamctl-web-6d4cf56db6-4lq2x-w-to-10-211-2-30-[a-z0-9]{5}"), longName);
        assertTrue(
                !TraceflowMapping.name("a", "b", new Random(1)).equals(TraceflowMapping.name("a", "b", new Random(2))));
    }

    @Test
    void udpToAnIp() {
        TraceRequest r = new TraceRequest(
                FRONTEND,
                new Endpoint(Kind.IP, null, null, "10.211.2.30"),
                new TracePacket(17, 5353, 53, null),
                false,
                false,
                Duration.ofSeconds(20),
                false);
        Traceflow tf = TraceflowMapping.traceflow(r, IpFamily.V4, "n");
        assertEquals("10.211.2.30", tf.getSpec().getDestination().getIp());
        assertNull(tf.getSpec().getDestination().getPod());
        assertEquals(17L, tf.getSpec().getPacket().getIpHeader().getProtocol());
        assertEquals(
                5353L, tf.getSpec().getPacket().getTransportHeader().getUdp().getSrcPort());
        assertEquals(53L, tf.getSpec().getPacket().getTransportHeader().getUdp().getDstPort());
        assertNull(tf.getSpec().getPacket().getTransportHeader().getTcp());
    }

    @Test
    void icmpToAServiceOverIpv6() {
        TraceRequest r = new TraceRequest(
                FRONTEND,
                new Endpoint(Kind.SERVICE, "kube-system", "kube-dns", null),
                new TracePacket(1, null, null, null),
                false,
                false,
                Duration.ofMillis(1500),
                false);
        Traceflow tf = TraceflowMapping.traceflow(r, IpFamily.V6, "n");
        assertEquals("kube-system", tf.getSpec().getDestination().getNamespace());
        assertEquals("kube-dns", tf.getSpec().getDestination().getService());
        assertNull(tf.getSpec().getPacket().getIpHeader());
        assertEquals(
                58L, tf.getSpec().getPacket().getIpv6Header().getNextHeader(), "ICMPv6, as Antrea would make of 1");
        assertNull(tf.getSpec().getPacket().getTransportHeader());
        assertEquals(2L, tf.getSpec().getTimeout(), "whole seconds, rounded up");
    }

    @Test
    void sctpAndOtherProtocolsGoByNumberWithoutATransportHeader() {
        for (int protocol : new int[] {132, 47}) {
            TraceRequest r = new TraceRequest(
                    FRONTEND,
                    new Endpoint(Kind.IP, null, null, "10.211.2.30"),
                    new TracePacket(protocol, null, null, null),
                    false,
                    false,
                    Duration.ofSeconds(20),
                    false);
            Traceflow tf = TraceflowMapping.traceflow(r, IpFamily.V4, "n");
            assertEquals(
                    Long.valueOf(protocol),
                    tf.getSpec().getPacket().getIpHeader().getProtocol());
            assertNull(tf.getSpec().getPacket().getTransportHeader());
        }
    }

    @Test
    void liveTrafficForLongerThanTheCrdAllowsIsCappedAt300Seconds() {
        TraceRequest r = new TraceRequest(
                FRONTEND,
                new Endpoint(Kind.POD, "default", "backend1", null),
                new TracePacket(null, null, null, null),
                true,
                true,
                Duration.ofMinutes(10),
                false);
        Traceflow tf = TraceflowMapping.traceflow(r, IpFamily.V4, "n");
        assertEquals(Boolean.TRUE, tf.getSpec().getLiveTraffic());
        assertEquals(Boolean.TRUE, tf.getSpec().getDroppedOnly());
        assertEquals(300L, tf.getSpec().getTimeout());
        assertNull(tf.getSpec().getPacket().getIpHeader(), "any protocol");
    }

    @Test
    void everyTraceflowCarriesTheLabelThatMakesItIpamctls() {
        TraceRequest r = new TraceRequest(
                FRONTEND,
                new Endpoint(Kind.POD, "default", "backend1", null),
                new TracePacket(1, null, null, null),
                false,
                false,
                Duration.ofSeconds(20),
                false);
        Traceflow tf = TraceflowMapping.traceflow(r, IpFamily.V4, "n");
        assertEquals(
                java.util.Map.of("app.kubernetes.io/managed-by", "ipamctl"),
                tf.getMetadata().getLabels());
        assertEquals("n", tf.getMetadata().getName());
    }

    @Test
    void theStatusBecomesAResultReadFromTheSender() {
        TraceRequest r = new TraceRequest(
                FRONTEND,
                new Endpoint(Kind.POD, "default", "backend2", null),
                new TracePacket(6, null, 80, null),
                false,
                false,
                Duration.ofSeconds(20),
                true);
        Traceflow tf = TraceflowMapping.traceflow(r, IpFamily.V4, "tf-1");
        Results receiver = TraceflowMockCluster.node(
                "node-02",
                TraceflowMockCluster.observation("Forwarding", null, "Received"),
                TraceflowMockCluster.observation("Forwarding", "Output", "Delivered"));
        receiver.setTimestamp(5L);
        Results sender = TraceflowMockCluster.node(
                "node-01", TraceflowMockCluster.spoofGuard("10.211.1.14"), TraceflowMockCluster.tunnel("127.0.1.2"));
        sender.setTimestamp(9L);
        tf.setStatus(TraceflowMockCluster.succeeded(List.of(receiver, sender)));
        TraceAddresses addresses = new TraceAddresses(IpAddress.parse("10.211.1.14"), IpAddress.parse("10.211.2.30"));
        TraceResult result = TraceflowMapping.result(r, tf, addresses, TraceResult.End.FINISHED);
        assertEquals(
                List.of("node-01", "node-02"),
                result.results().stream().map(TraceResult.NodeResult::node).toList(),
                "the sender first, although it reported last");
        assertEquals("10.211.1.14", result.sourceIp());
        assertEquals("10.211.2.30", result.destinationIp());
        assertEquals("tf-1", result.traceflow());
        assertTrue(result.kept());
        assertEquals("Succeeded", result.phase());
        assertEquals(
                TraceResult.Observation.of("SpoofGuard", null, "Forwarded").component(),
                result.results().get(0).observations().get(0).component());
        assertEquals(
                "10.211.1.14", result.results().get(0).observations().get(0).srcPodIP());
        assertEquals("127.0.1.2", result.results().get(0).observations().get(1).tunnelDstIP());
        assertNull(result.capturedPacket());
        assertEquals("Succeeded, results from node-02, node-01", TraceflowMapping.state(tf));
        assertTrue(TraceflowMapping.finished(tf));
    }

    @Test
    void aTraceflowAntreaNeverStartedHasNoPhase() {
        TraceRequest r = new TraceRequest(
                FRONTEND,
                new Endpoint(Kind.IP, null, null, "10.211.2.30"),
                new TracePacket(1, null, null, null),
                false,
                false,
                Duration.ofSeconds(1),
                false);
        Traceflow tf = TraceflowMapping.traceflow(r, IpFamily.V4, "tf-2");
        TraceAddresses addresses = new TraceAddresses(IpAddress.parse("10.211.1.14"), IpAddress.parse("10.211.2.30"));
        TraceResult result = TraceflowMapping.result(r, tf, addresses, TraceResult.End.TIMED_OUT);
        assertNull(result.phase());
        assertEquals(List.of(), result.results());
        assertEquals("waiting for antrea-controller to start it", TraceflowMapping.state(tf));
        assertTrue(!TraceflowMapping.finished(tf));
        assertEquals(
                "Timed out after 1s waiting for Antrea (the Traceflow was never started: is antrea-controller running?)",
                result.verdict().text());
    }
}
