package io.ipamctl.commands.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.ipamctl.kube.TraceflowMockCluster;
import io.ipamctl.kube.TraceflowMockCluster.Run;
import io.ipamctl.kube.crd.v1beta1.Traceflow;
import io.ipamctl.kube.crd.v1beta1.TraceflowSpec;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.Destination;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.Packet;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.Source;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.packet.IpHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `trace list` and `trace delete` against a mock API server: only the Traceflows ipamctl created
 * (its label) are shown and deleted; one of antctl's is never touched.
 */
class TraceListDeleteTest {

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

    /** Two of ipamctl's (one kept after success, one left behind without a phase) and one of antctl's. */
    @BeforeEach
    void traceflows() {
        cluster.reset();
        create(
                "ipamctl-frontend-to-backend2-x7k2p",
                true,
                "2025-12-21T06:53:20Z",
                "default",
                "backend2",
                null,
                6L,
                "Succeeded");
        create(
                "ipamctl-frontend-to-10-211-2-99-a1b2c",
                true,
                "2025-12-21T07:10:00Z",
                null,
                null,
                "10.211.2.99",
                17L,
                null);
        create("tf-antctl", false, "2025-12-21T06:00:00Z", "default", "backend1", null, 1L, "Succeeded");
    }

    private static void create(
            String name,
            boolean ours,
            String created,
            String dstNamespace,
            String dstPod,
            String dstIp,
            Long protocol,
            String phase) {
        Traceflow tf = new Traceflow();
        tf.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .withCreationTimestamp(created)
                .withLabels(ours ? Map.of("app.kubernetes.io/managed-by", "ipamctl") : Map.of())
                .build());
        TraceflowSpec spec = new TraceflowSpec();
        Source source = new Source();
        source.setNamespace("default");
        source.setPod("frontend");
        spec.setSource(source);
        Destination destination = new Destination();
        destination.setNamespace(dstNamespace);
        destination.setPod(dstPod);
        destination.setIp(dstIp);
        spec.setDestination(destination);
        Packet packet = new Packet();
        IpHeader ip = new IpHeader();
        ip.setProtocol(protocol);
        packet.setIpHeader(ip);
        spec.setPacket(packet);
        tf.setSpec(spec);
        Traceflow stored =
                cluster.client().resources(Traceflow.class).resource(tf).create();
        if (phase != null) {
            stored.setStatus(TraceflowMockCluster.succeeded(List.of()));
            cluster.client().resources(Traceflow.class).resource(stored).updateStatus();
        }
    }

    /** The lines, the header (if any) first and the rest sorted. */
    private static List<String> sorted(String out) {
        List<String> lines = out.lines().toList();
        List<String> rest =
                new java.util.ArrayList<>(lines.subList(lines.get(0).startsWith("NAME ") ? 1 : 0, lines.size()));
        java.util.Collections.sort(rest);
        List<String> all =
                new java.util.ArrayList<>(lines.get(0).startsWith("NAME ") ? List.of(lines.get(0)) : List.of());
        all.addAll(rest);
        return all;
    }

    private static List<String> names() {
        return cluster.traceflows().stream()
                .map(t -> t.getMetadata().getName())
                .sorted()
                .toList();
    }

    /**
     * The mock server stamps creationTimestamp itself, to the second, so the order of two made in
     * different seconds varies: rows are compared sorted (TraceflowListViewTest has fixed times and
     * the golden tables).
     */
    @Test
    void listShowsOnlyIpamctls() {
        Run run = cluster.run("trace", "list", "-o", "wide");
        assertEquals(0, run.code(), run.err());
        assertEquals(
                List.of(
                        "NAME                                    PHASE       SOURCE             DESTINATION        PROTOCOL   LIVE   AGE",
                        "ipamctl-frontend-to-10-211-2-99-a1b2c   <none>      default/frontend   10.211.2.99        udp        no     AGE",
                        "ipamctl-frontend-to-backend2-x7k2p      Succeeded   default/frontend   default/backend2   tcp        no     AGE"),
                sorted(run.out().replaceAll("\\d+[smhd]\\n", "AGE\n")));
        String json = cluster.run("trace", "list", "-o", "json").out();
        assertTrue(
                json.contains(
                        "\"name\": \"ipamctl-frontend-to-backend2-x7k2p\",\n            \"phase\": \"Succeeded\",\n"
                                + "            \"source\": \"default/frontend\",\n            \"destination\": \"default/backend2\",\n"
                                + "            \"protocol\": \"tcp\",\n            \"liveTraffic\": false,\n            \"created\": \""),
                json);
        assertEquals(
                List.of(
                        "traceflow/ipamctl-frontend-to-10-211-2-99-a1b2c",
                        "traceflow/ipamctl-frontend-to-backend2-x7k2p"),
                sorted(cluster.run("trace", "ls", "-o", "name").out()));
    }

    @Test
    void noneIsSaidOnStderr() {
        cluster.run("trace", "delete", "--all");
        Run run = cluster.run("trace", "list");
        assertEquals(0, run.code());
        assertEquals("", run.out());
        assertEquals("No ipamctl Traceflows found.\n", run.err());
        assertEquals(
                "{\n    \"apiVersion\": \"ipamctl/v1\",\n    \"kind\": \"TraceflowList\",\n    \"items\": [ ]\n}\n",
                cluster.run("trace", "list", "-o", "json").out());
    }

    @Test
    void deleteByNameAndAllLeaveAntctlsTraceflow() {
        Run one = cluster.run("trace", "delete", "ipamctl-frontend-to-backend2-x7k2p");
        assertEquals(0, one.code(), one.err());
        assertEquals("traceflow.crd.antrea.io/ipamctl-frontend-to-backend2-x7k2p deleted\n", one.out());
        assertEquals(List.of("ipamctl-frontend-to-10-211-2-99-a1b2c", "tf-antctl"), names());
        Run all = cluster.run("trace", "delete", "--all");
        assertEquals(0, all.code(), all.err());
        assertEquals("traceflow.crd.antrea.io/ipamctl-frontend-to-10-211-2-99-a1b2c deleted\n", all.out());
        assertEquals(List.of("tf-antctl"), names());
        Run none = cluster.run("trace", "delete", "--all");
        assertEquals(0, none.code());
        assertEquals("No ipamctl Traceflows found.\n", none.err());
    }

    @Test
    void aClientDryRunDeletesNothing() {
        Run run = cluster.run("trace", "delete", "--all", "--dry-run");
        assertEquals(0, run.code(), run.err());
        assertEquals(
                List.of(
                        "traceflow.crd.antrea.io/ipamctl-frontend-to-10-211-2-99-a1b2c deleted (dry run)",
                        "traceflow.crd.antrea.io/ipamctl-frontend-to-backend2-x7k2p deleted (dry run)"),
                sorted(run.out()));
        assertEquals(3, names().size());
    }

    @Test
    void aForeignOrMissingNameDeletesNothingAtAll() {
        Run foreign = cluster.run("trace", "delete", "ipamctl-frontend-to-backend2-x7k2p", "tf-antctl");
        assertEquals(2, foreign.code());
        assertEquals(
                "error: Traceflow \"tf-antctl\" was not created by ipamctl (it has no label "
                        + "app.kubernetes.io/managed-by=ipamctl); ipamctl deletes only its own\n",
                foreign.err());
        assertEquals("", foreign.out());
        Run missing = cluster.run("trace", "delete", "ipamctl-frontend-to-backend2-x7k2p", "ipamctl-gone");
        assertEquals(1, missing.code());
        assertEquals("error: Traceflow \"ipamctl-gone\" not found\n", missing.err());
        assertEquals(3, names().size(), "nothing deleted");
    }

    /** --keep names the ipamctl command that deletes it, for the same cluster. */
    @Test
    void keepSaysHowToDeleteItWithIpamctl() {
        cluster.reset();
        cluster.antreaAnswers(tf -> List.of(TraceflowMockCluster.succeeded(List.of(TraceflowMockCluster.node(
                "node-01",
                TraceflowMockCluster.spoofGuard("10.211.1.14"),
                TraceflowMockCluster.observation("Forwarding", "Output", "Delivered"))))));
        Run run = cluster.run("trace", "default/frontend", "default/backend1", "--keep");
        assertEquals(0, run.code(), run.err());
        String name = cluster.traceflows().get(0).getMetadata().getName();
        assertEquals(
                "kept Traceflow " + name + " (delete it with: ipamctl --kubeconfig " + cluster.kubeconfig()
                        + " trace delete " + name + ")\n",
                run.err());
        assertTrue(cluster.run("trace", "list", "-o", "name").out().contains("traceflow/" + name));
        assertEquals(0, cluster.run("trace", "delete", name).code());
        assertEquals(List.of(), names());
    }
}
