package io.ipamctl.commands.trace;

import static io.ipamctl.kube.TraceflowMockCluster.failed;
import static io.ipamctl.kube.TraceflowMockCluster.node;
import static io.ipamctl.kube.TraceflowMockCluster.observation;
import static io.ipamctl.kube.TraceflowMockCluster.policy;
import static io.ipamctl.kube.TraceflowMockCluster.running;
import static io.ipamctl.kube.TraceflowMockCluster.spoofGuard;
import static io.ipamctl.kube.TraceflowMockCluster.succeeded;
import static io.ipamctl.kube.TraceflowMockCluster.tunnel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.Golden;
import io.ipamctl.kube.TraceflowMockCluster;
import io.ipamctl.kube.TraceflowMockCluster.Run;
import io.ipamctl.kube.crd.v1beta1.Traceflow;
import io.ipamctl.kube.crd.v1beta1.traceflowstatus.Results;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ipamctl trace` against a mock API server whose stand-in Antrea answers as the real one does. */
class TraceCommandTest {

    @TempDir
    static Path dir;

    static TraceflowMockCluster cluster;

    @BeforeAll
    static void start() throws IOException {
        cluster = new TraceflowMockCluster(dir, true);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @BeforeEach
    void reset() {
        cluster.reset();
    }

    /** frontend (node-01) to backend2 (node-02), TCP 80, allowed by both Pods' policies. */
    static void antreaDelivers() {
        Results sender = node(
                "node-01",
                spoofGuard("10.211.1.14"),
                policy("EgressRule", "Forwarded", "K8sNetworkPolicy:default/frontendpolicy", null),
                tunnel("127.0.1.2"));
        Results receiver = node(
                "node-02",
                observation("Forwarding", null, "Received"),
                policy("IngressRule", "Forwarded", "K8sNetworkPolicy:default/backendpolicy", null),
                observation("Forwarding", "Output", "Delivered"));
        cluster.antreaAnswers(
                tf -> List.of(running(List.of()), running(List.of(sender)), succeeded(List.of(sender, receiver))));
    }

    /** frontend to backend1 (node-01), dropped by backend1's ingress policy. */
    static void antreaDropsAtBackendPolicy() {
        cluster.antreaAnswers(tf -> List.of(
                running(List.of()),
                succeeded(List.of(node(
                        "node-01",
                        spoofGuard("10.211.1.14"),
                        policy("IngressMetric", "Dropped", "K8sNetworkPolicy:default/backendpolicy", null))))));
    }

    @Test
    void deliveredAcrossNodesIsOneRowPerObservationThenTheVerdict() throws IOException {
        antreaDelivers();
        Run run = cluster.run("trace", "default/frontend", "default/backend2", "--protocol", "tcp", "--dst-port", "80");
        Golden.assertMatches("trace/delivered.txt", run.out());
        assertEquals("", run.err());
        assertEquals(0, run.code());
        assertEquals(List.of(), cluster.traceflows(), "deleted after success");
    }

    /** A role that may not create Traceflows: one error line, and no delete of a Traceflow that was never made. */
    @Test
    void aCreateTheServerRefusesLeavesNothingToDelete() throws InterruptedException {
        cluster.requests();
        cluster.refusesNextCreate();
        Run run = cluster.run("trace", "default/frontend", "default/backend2");
        assertEquals(1, run.code());
        assertEquals("", run.out());
        assertEquals(
                "error: forbidden: traceflows.crd.antrea.io is forbidden: User \"dev\" cannot create resource "
                        + "\"traceflows\" in API group \"crd.antrea.io\" at the cluster scope\n",
                run.err());
        assertEquals(
                List.of(),
                cluster.requests().stream().filter(r -> r.startsWith("DELETE")).toList());
    }

    @Test
    void theTraceflowIsBuiltAsAntreaExpectsIt() {
        antreaDelivers();
        Run run = cluster.run(
                "trace", "frontend", "backend2", "-n", "default", "--dst-port", "80", "--tcp-flags", "SYN,ACK");
        assertEquals(0, run.code(), run.err());
        Traceflow tf = cluster.seen().get(0);
        assertTrue(
                tf.getMetadata().getName().matches("ipamctl-frontend-to-backend2-[a-z0-9]{5}"),
                tf.getMetadata().getName());
        assertEquals(
                Map.of("app.kubernetes.io/managed-by", "ipamctl"),
                tf.getMetadata().getLabels());
        var spec = tf.getSpec();
        assertEquals("default", spec.getSource().getNamespace());
        assertEquals("frontend", spec.getSource().getPod());
        assertEquals("default", spec.getDestination().getNamespace());
        assertEquals("backend2", spec.getDestination().getPod());
        assertEquals(6L, spec.getPacket().getIpHeader().getProtocol());
        assertEquals(80L, spec.getPacket().getTransportHeader().getTcp().getDstPort());
        assertEquals(18L, spec.getPacket().getTransportHeader().getTcp().getFlags());
        assertEquals(null, spec.getPacket().getTransportHeader().getTcp().getSrcPort());
        assertEquals(20L, spec.getTimeout());
        assertEquals(null, spec.getLiveTraffic());
    }

    @Test
    void jsonIsTheTraceResultRecord() throws IOException {
        antreaDelivers();
        Run run = cluster.run(
                "trace", "default/frontend", "backend2", "--protocol", "tcp", "--dst-port", "80", "-o", "json");
        String name = cluster.seen().get(0).getMetadata().getName();
        Golden.assertMatches("trace/delivered.json", run.out().replace(name, "NAME"));
        assertEquals(0, run.code());
    }

    @Test
    void wideAddsTheTimeEachNodeReported() throws IOException {
        antreaDelivers();
        Run run = cluster.run("trace", "default/frontend", "default/backend2", "--dst-port", "80", "-o", "wide");
        Golden.assertMatches("trace/delivered-wide.txt", run.out());
        assertEquals(0, run.code());
    }

    @Test
    void droppedByNetworkPolicyExitsThree() throws IOException {
        antreaDropsAtBackendPolicy();
        Run run =
                cluster.run("trace", "default/frontend", "default/backend1", "--protocol", "tcp", "--dst-port", "8080");
        Golden.assertMatches("trace/dropped.txt", run.out());
        assertEquals(3, run.code());
        assertEquals(List.of(), cluster.traceflows(), "deleted after a drop");
    }

    @Test
    void failedShowsAntreasReasonAndExitsOne() throws IOException {
        cluster.antreaAnswers(tf -> List.of(
                running(List.of()),
                failed("Traceflow timeout", List.of(node("node-01", spoofGuard("10.211.1.14"), tunnel("127.0.1.2"))))));
        Run run = cluster.run("trace", "default/frontend", "10.211.2.99");
        Golden.assertMatches("trace/failed.txt", run.out());
        assertEquals("", run.err());
        assertEquals(1, run.code());
        assertEquals(List.of(), cluster.traceflows(), "deleted after a failure");
    }

    @Test
    void timeoutShowsWhatWasSeenDeletesAndExitsOne() throws IOException {
        cluster.antreaAnswers(tf -> List.of(running(List.of())));
        long start = System.nanoTime();
        Run run = cluster.run("trace", "default/frontend", "default/backend2", "--timeout", "1s");
        long millis = (System.nanoTime() - start) / 1_000_000;
        Golden.assertMatches("trace/timeout.txt", run.out());
        assertEquals(1, run.code());
        // it waited out --timeout; no upper bound: a loaded machine may take any time (no timed assertions)
        assertTrue(millis >= 1000, "waited " + millis + " ms");
        assertEquals(List.of(), cluster.traceflows(), "deleted after a timeout");
    }

    @Test
    void keepLeavesTheTraceflowAndNamesIt() {
        antreaDelivers();
        Run run = cluster.run("trace", "default/frontend", "default/backend2", "--keep");
        assertEquals(0, run.code());
        List<Traceflow> left = cluster.traceflows();
        assertEquals(1, left.size());
        String name = left.get(0).getMetadata().getName();
        assertEquals(
                "kept Traceflow " + name + " (delete it with: ipamctl --kubeconfig " + cluster.kubeconfig()
                        + " trace delete " + name + ")\n",
                run.err());
        assertEquals("Succeeded", left.get(0).getStatus().getPhase());
    }

    @Test
    void onATerminalProgressGoesToStderrAndTheVerdictIsColoured() {
        antreaDelivers();
        Run run = cluster.runOnTerminal("trace", "default/frontend", "default/backend2", "--dst-port", "80");
        String name = cluster.seen().get(0).getMetadata().getName();
        // the one progress line of every command: rewritten in place, wiped before the table
        String line = "\r\u001b[K";
        assertTrue(
                run.err()
                        .startsWith(
                                line + "trace: created Traceflow " + name + "; waiting up to 20s for Antrea" + line),
                run.err());
        assertTrue(
                run.err()
                        .endsWith(line + "trace: Traceflow " + name + ": Succeeded, results from node-01, node-02"
                                + line),
                run.err());
        assertEquals(-1, run.err().indexOf('\n'), "never more than one line");
        // the same table as delivered.txt, byte for byte, with Delivered and the verdict in green
        Golden.assertMatches("trace/delivered-terminal.txt", run.out());
        assertTrue(run.out().endsWith("\n\u001b[32mVerdict: Delivered to default/backend2\u001b[0m\n"), run.out());
        assertEquals(0, run.code());
        Run plain = cluster.runOnTerminal(
                "trace", "default/frontend", "default/backend2", "--protocol", "tcp", "--dst-port", "80", "--no-color");
        Golden.assertMatches("trace/delivered.txt", plain.out());
    }

    @Test
    void onATerminalADropIsRed() throws IOException {
        antreaDropsAtBackendPolicy();
        Run run = cluster.runOnTerminal(
                "trace", "default/frontend", "default/backend1", "--protocol", "tcp", "--dst-port", "8080");
        Golden.assertMatches("trace/dropped-terminal.txt", run.out());
        assertEquals(3, run.code());
        Run plain = cluster.runOnTerminal(
                "trace",
                "default/frontend",
                "default/backend1",
                "--protocol",
                "tcp",
                "--dst-port",
                "8080",
                "--no-color");
        Golden.assertMatches("trace/dropped.txt", plain.out());
    }

    @Test
    void sourcePodNotFound() {
        assertServerError("error: source Pod \"default/nope\" not found", "default/nope", "default/backend2");
    }

    @Test
    void sourcePodWithoutAnAddress() {
        assertServerError(
                "error: source Pod \"default/backend3\" has no IP address yet (phase Pending)",
                "default/backend3",
                "default/backend2");
    }

    @Test
    void destinationPodNotFoundInTheSourcesNamespace() {
        assertServerError("error: destination Pod \"default/nope\" not found", "default/frontend", "nope");
    }

    @Test
    void destinationPodWithoutAnAddress() {
        assertServerError(
                "error: destination Pod \"default/backend3\" has no IP address yet (phase Pending)",
                "default/frontend",
                "backend3");
    }

    @Test
    void destinationServiceNotFound() {
        assertServerError(
                "error: destination Service \"default/web\" not found", "default/frontend", "svc/default/web");
    }

    private static void assertServerError(String line, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "trace";
        System.arraycopy(args, 0, all, 1, args.length);
        Run run = cluster.run(all);
        assertEquals(line + "\n", run.err());
        assertEquals("", run.out());
        assertEquals(1, run.code());
        assertEquals(List.of(), cluster.seen(), "nothing created");
    }
}
