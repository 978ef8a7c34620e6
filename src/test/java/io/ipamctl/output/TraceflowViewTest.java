package io.ipamctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.trace.TracePacket;
import io.ipamctl.trace.TraceRequest;
import io.ipamctl.trace.TraceRequest.Endpoint;
import io.ipamctl.trace.TraceRequest.Kind;
import io.ipamctl.trace.TraceResult;
import io.ipamctl.trace.TraceResult.End;
import io.ipamctl.trace.TraceResult.NodeResult;
import io.ipamctl.trace.TraceResult.Observation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verdicts and details for the cases the command tests do not reach. */
class TraceflowViewTest {

    private static final Endpoint FRONTEND = new Endpoint(Kind.POD, "default", "frontend", null);

    private static TraceResult result(Endpoint dst, String phase, String reason, End end, NodeResult... nodes) {
        TraceRequest request = new TraceRequest(
                FRONTEND, dst, new TracePacket(6, null, 80, null), false, false, Duration.ofSeconds(20), false);
        return new TraceResult(
                request, "10.211.1.14", "10.96.0.10", "tf", false, phase, reason, end, List.of(nodes), null);
    }

    private static Observation observation(String component, String info, String action, String policy, String rule) {
        return new Observation(
                component, info, action, null, null, policy, rule, null, null, null, null, null, null, null, null);
    }

    private static String table(TraceResult r, boolean colour) {
        StringWriter out = new StringWriter();
        new Printer(new PrintWriter(out), new Ansi(colour)).print(new TraceflowView(r), OutputFormat.TABLE, true);
        return out.toString();
    }

    private static String verdictLine(TraceResult r) {
        List<String> lines = table(r, false).lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void rejectedNamesPolicyRuleAndNodeInRed() {
        TraceResult r = result(
                new Endpoint(Kind.POD, "default", "backend2", null),
                "Succeeded",
                null,
                End.FINISHED,
                new NodeResult("node-01", null, 1L, List.of(Observation.of("SpoofGuard", null, "Forwarded"))),
                new NodeResult(
                        "node-02",
                        null,
                        2L,
                        List.of(
                                Observation.of("Forwarding", null, "Received"),
                                observation(
                                        "NetworkPolicy",
                                        "IngressMetric",
                                        "Rejected",
                                        "AntreaClusterNetworkPolicy:isolate-backends",
                                        "reject-80"))));
        assertEquals(
                "Verdict: Rejected by NetworkPolicy AntreaClusterNetworkPolicy:isolate-backends rule reject-80 on node-02",
                verdictLine(r));
        String coloured = table(r, true);
        assertEquals(
                true,
                coloured.endsWith("\n\u001b[31mVerdict: Rejected by NetworkPolicy "
                        + "AntreaClusterNetworkPolicy:isolate-backends rule reject-80 on node-02\u001b[0m\n"),
                coloured);
        assertEquals(true, coloured.contains("\u001b[31mRejected\u001b[0m"), coloured);
    }

    @Test
    void droppedByADefaultRuleNamesTheTable() {
        TraceResult r = result(
                new Endpoint(Kind.POD, "default", "backend1", null),
                "Succeeded",
                null,
                End.FINISHED,
                new NodeResult(
                        "node-01",
                        null,
                        1L,
                        List.of(
                                Observation.of("SpoofGuard", null, "Forwarded"),
                                Observation.of("NetworkPolicy", "IngressDefaultRule", "Dropped"))));
        assertEquals("Verdict: Dropped by NetworkPolicy (IngressDefaultRule) on node-01", verdictLine(r));
    }

    @Test
    void aServiceIsDeliveredToTheEndpointAntreaChose() {
        Observation lb = new Observation(
                "LB",
                null,
                "Forwarded",
                "kube-system/coredns-558bd4d5db-vgjs2",
                null,
                null,
                null,
                null,
                null,
                null,
                "10.211.2.21",
                null,
                null,
                null,
                null);
        TraceResult r = result(
                new Endpoint(Kind.SERVICE, "kube-system", "kube-dns", null),
                "Succeeded",
                null,
                End.FINISHED,
                new NodeResult(
                        "node-01",
                        null,
                        1L,
                        List.of(
                                Observation.of("SpoofGuard", null, "Forwarded"),
                                lb,
                                Observation.of("Forwarding", "Output", "Forwarded"))),
                new NodeResult("node-02", null, 2L, List.of(Observation.of("Forwarding", "Output", "Delivered"))));
        assertEquals("Verdict: Delivered to kube-system/coredns-558bd4d5db-vgjs2", verdictLine(r));
        assertEquals("DNAT to 10.211.2.21 (kube-system/coredns-558bd4d5db-vgjs2)", TraceflowView.detail(lb));
    }

    @Test
    void egressObservationsSpellOutTheEgress() {
        Observation egress = new Observation(
                "Egress",
                null,
                "ForwardedToEgressNode",
                null,
                null,
                null,
                null,
                "egress-web",
                null,
                null,
                null,
                null,
                "172.16.30.10",
                "node-02",
                null);
        assertEquals("Egress egress-web, egress IP 172.16.30.10, egress node node-02", TraceflowView.detail(egress));
        TraceResult r = result(
                new Endpoint(Kind.IP, null, null, "8.8.8.8"),
                "Succeeded",
                null,
                End.FINISHED,
                new NodeResult("node-01", null, 1L, List.of(Observation.of("SpoofGuard", null, "Forwarded"), egress)),
                new NodeResult(
                        "node-02", null, 2L, List.of(Observation.of("Forwarding", "Output", "ForwardedOutOfNetwork"))));
        assertEquals("Verdict: Forwarded out of the cluster on node-02", verdictLine(r));
    }

    @Test
    void noAnswerCases() {
        Endpoint backend2 = new Endpoint(Kind.POD, "default", "backend2", null);
        assertEquals(
                "Verdict: Timed out after 20s waiting for Antrea (the Traceflow was never started: "
                        + "is antrea-controller running?)",
                verdictLine(result(backend2, null, null, End.TIMED_OUT)));
        assertEquals(
                "Verdict: Failed: the Traceflow was deleted before it finished",
                verdictLine(result(backend2, "Running", null, End.DELETED)));
        assertEquals("Verdict: Failed: no reason given", verdictLine(result(backend2, "Failed", "", End.FINISHED)));
        assertEquals(
                "Verdict: Incomplete: phase Succeeded without a final observation (Delivered, Dropped, Rejected or "
                        + "ForwardedOutOfNetwork)",
                verdictLine(result(
                        backend2,
                        "Succeeded",
                        null,
                        End.FINISHED,
                        new NodeResult(
                                "node-01", null, 1L, List.of(Observation.of("SpoofGuard", null, "Forwarded"))))));
    }

    @Test
    void liveTrafficShowsTheCapturedPacket() {
        TraceRequest request = new TraceRequest(
                FRONTEND,
                new Endpoint(Kind.POD, "default", "backend1", null),
                new TracePacket(null, null, null, null),
                true,
                true,
                Duration.ofMinutes(10),
                false);
        TraceResult r = new TraceResult(
                request,
                "10.211.1.14",
                "10.211.1.15",
                "tf",
                false,
                "Succeeded",
                null,
                End.FINISHED,
                List.of(new NodeResult(
                        "node-01",
                        null,
                        1L,
                        List.of(Observation.of("NetworkPolicy", "IngressDefaultRule", "Dropped")))),
                new TraceResult.CapturedPacket("10.211.1.14", "10.211.1.15", 60L, 6L, 43012L, 8080L, 2L));
        List<String> lines = table(r, false).lines().toList();
        assertEquals(
                List.of(
                        "Verdict: Dropped by NetworkPolicy (IngressDefaultRule) on node-01",
                        "Captured packet: tcp 10.211.1.14:43012 -> 10.211.1.15:8080 flags SYN"),
                lines.subList(lines.size() - 2, lines.size()));
    }
}
