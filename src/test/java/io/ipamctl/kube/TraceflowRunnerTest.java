package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.ipamctl.ipam.IpFamily;
import io.ipamctl.kube.crd.v1beta1.Traceflow;
import io.ipamctl.trace.TracePacket;
import io.ipamctl.trace.TraceRequest.Endpoint;
import io.ipamctl.trace.TraceRequest.Kind;
import io.ipamctl.trace.TraceRequest;

/** The Traceflow objects and names the runner builds, without a server. */
class TraceflowRunnerTest {

    private static final Endpoint FRONTEND = new Endpoint(Kind.POD, "default", "frontend", null);

    @Test
    void namesSayWhatIsTracedAndAreValidObjectNames() {
        assertTrue(TraceflowRunner.name("frontend", "backend2", new Random(1)).matches("ipamctl-frontend-to-backend2-[a-z0-9]{5}"));
        assertTrue(TraceflowRunner.name("frontend", "fd00::1e", new Random(1)).matches("ipamctl-frontend-to-fd00-1e-[a-z0-9]{5}"));
        String longName = TraceflowRunner.name("web-6d4cf56db6-4lq2x.with.a.very.long.suffix", "10.211.2.30", new Random(1));
        assertTrue(longName.length() <= 63, longName);
        assertTrue(longName.matches("ipamctl-web-6d4cf56db6-4lq2x-w-to-10-211-2-30-[a-z0-9]{5}"), longName);
        assertTrue(!TraceflowRunner.name("a", "b", new Random(1)).equals(TraceflowRunner.name("a", "b", new Random(2))));
    }

    @Test
    void udpToAnIp() {
        TraceRequest r = new TraceRequest(FRONTEND, new Endpoint(Kind.IP, null, null, "10.211.2.30"),
                new TracePacket(17, 5353, 53, null), false, false, Duration.ofSeconds(20), false);
        Traceflow tf = TraceflowRunner.traceflow(r, IpFamily.V4, "n");
        assertEquals("10.211.2.30", tf.getSpec().getDestination().getIp());
        assertNull(tf.getSpec().getDestination().getPod());
        assertEquals(17L, tf.getSpec().getPacket().getIpHeader().getProtocol());
        assertEquals(5353L, tf.getSpec().getPacket().getTransportHeader().getUdp().getSrcPort());
        assertEquals(53L, tf.getSpec().getPacket().getTransportHeader().getUdp().getDstPort());
        assertNull(tf.getSpec().getPacket().getTransportHeader().getTcp());
    }

    @Test
    void icmpToAServiceOverIpv6() {
        TraceRequest r = new TraceRequest(FRONTEND, new Endpoint(Kind.SERVICE, "kube-system", "kube-dns", null),
                new TracePacket(1, null, null, null), false, false, Duration.ofMillis(1500), false);
        Traceflow tf = TraceflowRunner.traceflow(r, IpFamily.V6, "n");
        assertEquals("kube-system", tf.getSpec().getDestination().getNamespace());
        assertEquals("kube-dns", tf.getSpec().getDestination().getService());
        assertNull(tf.getSpec().getPacket().getIpHeader());
        assertEquals(1L, tf.getSpec().getPacket().getIpv6Header().getNextHeader());
        assertNull(tf.getSpec().getPacket().getTransportHeader());
        assertEquals(2L, tf.getSpec().getTimeout(), "whole seconds, rounded up");
    }

    @Test
    void liveTrafficForLongerThanTheCrdAllowsIsCappedAt300Seconds() {
        TraceRequest r = new TraceRequest(FRONTEND, new Endpoint(Kind.POD, "default", "backend1", null),
                new TracePacket(null, null, null, null), true, true, Duration.ofMinutes(10), false);
        Traceflow tf = TraceflowRunner.traceflow(r, IpFamily.V4, "n");
        assertEquals(Boolean.TRUE, tf.getSpec().getLiveTraffic());
        assertEquals(Boolean.TRUE, tf.getSpec().getDroppedOnly());
        assertEquals(300L, tf.getSpec().getTimeout());
        assertNull(tf.getSpec().getPacket().getIpHeader(), "any protocol");
    }
}
