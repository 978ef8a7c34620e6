package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.ipamctl.commands.Golden;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ovs show / flows and trace through the real API server: exec goes to kwok, which runs the real
 * OVS tools against the node's userspace Open vSwitch; Traceflow status comes from a test stand-in
 * for the Antrea controller.
 */
class OvsAndTraceIT {

    @TempDir
    Path state;

    @Test
    void ovsShowOfOneNodeIsTheSeedTopology() {
        var r = RealCluster.ipamctl(state, "ovs", "show", "--node", "node-01");
        assertEquals(0, r.code(), r.err());
        // the same seed on the same OVS as the sandbox, so the sandbox's golden file holds
        Golden.assertMatches("ovs/sandbox-show-node-01.txt", r.out());
        String raw = RealCluster.kubectl(
                "exec", "-n", "kube-system", "antrea-agent-bj42h", "-c", "antrea-ovs", "--", "ovs-vsctl", "show");
        var ours = RealCluster.ipamctl(state, "ovs", "show", "--node", "node-01", "-o", "raw");
        assertEquals("=== node node-01 (antrea-agent-bj42h) ===\n" + raw, ours.out());
    }

    /** -o raw with --pod printed the whole node's ovs-vsctl show; now only that Pod's lines of it, in its order. */
    @Test
    void rawOfOnePodIsItsPartOfOvsVsctlShow() {
        String whole = RealCluster.kubectl(
                "exec", "-n", "kube-system", "antrea-agent-bj42h", "-c", "antrea-ovs", "--", "ovs-vsctl", "show");
        var r = RealCluster.ipamctl(state, "ovs", "show", "--pod", "default/frontend", "-o", "raw");
        assertEquals(0, r.code(), r.err());
        List<String> ours = r.out().lines().toList();
        assertEquals("=== node node-01 (antrea-agent-bj42h) ===", ours.get(0));
        int matched = 1;
        for (String line : whole.lines().toList()) {
            if (matched < ours.size() && line.equals(ours.get(matched))) {
                matched++;
            }
        }
        assertEquals(ours.size(), matched, "a subsequence of ovs-vsctl show, nothing rewritten: " + r.out());
        assertEquals(1, ours.stream().filter(l -> l.startsWith("        Port ")).count(), r.out());
        assertTrue(ours.contains("        Port frontend-995823"), r.out());
    }

    @Test
    void allNodesInParallelAndAPodsFlows() {
        var r = RealCluster.ipamctl(state, "ovs", "show", "--no-headers");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("node-02   db-02-")), r.out());
        var flows = RealCluster.ipamctl(state, "ovs", "flows", "--pod", "ns-db/db-01", "--no-headers");
        assertEquals(0, flows.code(), flows.err());
        Golden.assertMatches("ovs/sandbox-flows-db-01.txt", flows.out());
    }

    /** --table 3 printed nothing (ovs-ofctl prints table 3 as Classifier); an unknown table was an empty table, exit 0. */
    @Test
    void aTableByIdOrNameAndAnUnknownOne() {
        var byId = RealCluster.ipamctl(state, "ovs", "flows", "--node", "node-01", "--table", "3", "--no-headers");
        assertEquals(0, byId.code(), byId.err());
        String ofctl = RealCluster.kubectl(
                "exec",
                "-n",
                "kube-system",
                "antrea-agent-bj42h",
                "-c",
                "antrea-ovs",
                "--",
                "ovs-ofctl",
                "dump-flows",
                "br-int",
                "table=3",
                "-O",
                "OpenFlow15",
                "--names");
        long expected =
                ofctl.lines().filter(l -> l.contains(" table=Classifier,")).count();
        assertTrue(expected > 0, ofctl);
        assertEquals(
                expected,
                byId.out()
                        .lines()
                        .filter(l -> l.startsWith("node-01   Classifier "))
                        .count(),
                byId.out());
        assertEquals(expected, byId.out().lines().count(), byId.out());
        var byName = RealCluster.ipamctl(
                state, "ovs", "flows", "--node", "node-01", "--table", "classifier", "--no-headers");
        assertEquals(byId.out(), byName.out());
        var unknown = RealCluster.ipamctl(state, "ovs", "flows", "--table", "Nope");
        assertEquals(2, unknown.code());
        assertEquals("", unknown.out());
        assertTrue(
                unknown.err()
                        .startsWith("error: unknown table \"Nope\" on node node-01; its tables are "
                                + "PipelineRootClassifier (0), ARPSpoofGuard (1), "),
                unknown.err());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
    }

    /** Runs ovs-ofctl in node-02's antrea-ovs container, as an admin would by kubectl exec. */
    private static void ofctlOnNode02(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(
                "exec",
                "-n",
                "kube-system",
                "antrea-agent-j28lw",
                "-c",
                "antrea-ovs",
                "--",
                "ovs-ofctl",
                "-O",
                "OpenFlow15"));
        argv.addAll(List.of(args));
        RealCluster.kubectl(argv.toArray(String[]::new));
    }

    /**
     * ovs flows --diff on the real cluster: a dump saved with -o json is the same as now until flows are
     * added, removed and changed on the node's real OVS (exit 3, the same rows as the sandbox's golden).
     */
    @Test
    void flowsDiffAgainstASavedDumpAndBetweenNodes() throws Exception {
        var saved = RealCluster.ipamctl(state, "ovs", "flows", "--node", "node-02", "-o", "json");
        assertEquals(0, saved.code(), saved.err());
        Path before = state.resolve("before.json");
        java.nio.file.Files.writeString(before, saved.out());
        var same = RealCluster.ipamctl(state, "ovs", "flows", "--diff", before.toString());
        assertEquals(0, same.code(), same.err());
        assertEquals("before.json and now of node-02: the same flows\n", same.out());
        try {
            ofctlOnNode02("add-flow", "br-int", "table=32,priority=210,tcp,reg1=0x5,tp_dst=8080,actions=goto_table:34");
            ofctlOnNode02("--strict", "del-flows", "br-int", "table=33,priority=200,ip,reg1=0x5");
            ofctlOnNode02(
                    "--strict",
                    "mod-flows",
                    "br-int",
                    "table=3,priority=200,in_port=2,actions=set_field:0x2/0xf->reg0," + "goto_table:7");
            var diff = RealCluster.ipamctl(state, "ovs", "flows", "--diff", before.toString());
            assertEquals(3, diff.code(), diff.err());
            Golden.assertMatches("ovs/flows-diff-saved.txt", diff.out());
        } finally {
            ofctlOnNode02("--strict", "del-flows", "br-int", "table=32,priority=210,tcp,reg1=0x5,tp_dst=8080");
            ofctlOnNode02("add-flow", "br-int", "table=33,priority=200,ip,reg1=0x5,actions=drop");
            ofctlOnNode02(
                    "--strict",
                    "mod-flows",
                    "br-int",
                    "table=3,priority=200,in_port=2,actions=set_field:0x2/0xf->reg0," + "goto_table:4");
        }
        assertEquals(
                0,
                RealCluster.ipamctl(state, "ovs", "flows", "--diff", before.toString())
                        .code(),
                "restored");
        var nodes = RealCluster.ipamctl(state, "ovs", "flows", "--diff", "node-01", "node-02", "--table", "Output");
        assertEquals(0, nodes.code(), nodes.err());
        assertEquals("node-01 and node-02: the same flows\n", nodes.out());
        var differ = RealCluster.ipamctl(
                state, "ovs", "flows", "--diff", "node-01", "node-02", "--table", "IngressDefaultRule", "--no-headers");
        assertEquals(3, differ.code(), differ.err());
        assertEquals(
                "node-01 and node-02: 1 only in node-01, 1 only in node-02, 0 with other actions",
                differ.out().lines().reduce((a, b) -> b).orElse(""));
    }

    @Test
    void localTraceDeliveredAndDropped() {
        var ok = RealCluster.ipamctl(
                state,
                "trace",
                "default/frontend",
                "default/backend1",
                "--local",
                "--protocol",
                "tcp",
                "--dst-port",
                "80");
        assertEquals(0, ok.code(), ok.err());
        Golden.assertMatches("ovs/trace-local-delivered.txt", ok.out());
        var drop = RealCluster.ipamctl(
                state,
                "trace",
                "kube-system/coredns-558bd4d5db-gtvr4",
                "default/backend1",
                "--local",
                "--protocol",
                "tcp",
                "--dst-port",
                "80");
        assertEquals(3, drop.code(), drop.err());
        assertTrue(drop.out().endsWith("Verdict: Dropped in IngressDefaultRule\n"), drop.out());
        // backend2 has no port on node-01: the packet goes to the gateway's MAC and leaves through the tunnel
        var tunnel = RealCluster.ipamctl(
                state,
                "trace",
                "default/frontend",
                "default/backend2",
                "--local",
                "--protocol",
                "tcp",
                "--dst-port",
                "80");
        assertEquals(0, tunnel.code(), tunnel.err());
        assertTrue(
                tunnel.out()
                        .endsWith(
                                "\nNode: node-01 (antrea-agent-bj42h), flow: in_port=frontend-995823,tcp,dl_src=02:d5:22:51:27:4f,"
                                        + "dl_dst=ba:5e:d1:55:aa:01,nw_src=10.211.1.14,nw_dst=10.211.2.30,nw_ttl=64,tcp_dst=80\n"
                                        + "Verdict: Forwarded to another node through antrea-tun0\n"),
                tunnel.out());
    }

    /** Every protocol trace accepts, through kwok's exec into the node's real OVS (udp used to fail: tp_dst). */
    @Test
    void localTraceOfEveryProtocol() {
        String[][] cases = {
            {"--protocol tcp --dst-port 80", "tcp,", "tcp_dst=80", "0"},
            {"--protocol udp --dst-port 53", "udp,", "udp_dst=53", "3"},
            {"--protocol 17 --src-port 5353 --dst-port 53", "udp,", "udp_src=5353,udp_dst=53", "3"},
            {"--protocol sctp --dst-port 38412", "sctp,", "sctp_dst=38412", "3"},
            {"--protocol icmp", "icmp,", "icmp_type=8,icmp_code=0", "3"},
            {"--protocol 47", "ip,nw_proto=47,", "", "3"}
        };
        for (String[] c : cases) {
            List<String> args =
                    new java.util.ArrayList<>(List.of("trace", "default/frontend", "default/backend1", "--local"));
            args.addAll(List.of(c[0].split(" ")));
            var r = RealCluster.ipamctl(state, args.toArray(String[]::new));
            assertEquals("", r.err(), c[0]);
            assertEquals(Integer.parseInt(c[3]), r.code(), c[0]);
            assertTrue(
                    r.out()
                            .endsWith("\nNode: node-01 (antrea-agent-bj42h), flow: in_port=frontend-995823," + c[1]
                                    + "dl_src=02:d5:22:51:27:4f,dl_dst=02:ae:e9:86:a8:7e,nw_src=10.211.1.14,nw_dst=10.211.1.15,nw_ttl=64"
                                    + (c[2].isEmpty() ? "" : "," + c[2]) + "\nVerdict: "
                                    + (c[3].equals("0")
                                            ? "Delivered to default/backend1 on port backend1-0991c6"
                                            : "Dropped in IngressDefaultRule")
                                    + "\n"),
                    r.out());
        }
    }

    @Test
    void traceflowWithAControllerStandInIsRenderedAndDeleted() throws Exception {
        Config config = Config.fromKubeconfig(null, RealCluster.kubeconfig().toFile());
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build()) {
            var traceflows = client.genericKubernetesResources("crd.antrea.io/v1beta1", "Traceflow");
            var informer = traceflows.inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(GenericKubernetesResource tf) {
                    tf.setAdditionalProperty(
                            "status",
                            Map.of(
                                    "phase",
                                    "Succeeded",
                                    "results",
                                    List.of(Map.of(
                                            "node",
                                            "node-01",
                                            "observations",
                                            List.of(
                                                    Map.of("component", "SpoofGuard", "action", "Forwarded"),
                                                    Map.of(
                                                            "component",
                                                            "Forwarding",
                                                            "componentInfo",
                                                            "Output",
                                                            "action",
                                                            "Delivered"))))));
                    traceflows.resource(tf).updateStatus();
                }

                @Override
                public void onUpdate(GenericKubernetesResource a, GenericKubernetesResource b) {}

                @Override
                public void onDelete(GenericKubernetesResource tf, boolean unknown) {}
            });
            try {
                var r = RealCluster.ipamctl(
                        state,
                        "trace",
                        "default/frontend",
                        "default/backend1",
                        "--protocol",
                        "tcp",
                        "--dst-port",
                        "80",
                        "--timeout",
                        "30s");
                assertEquals(0, r.code(), r.err());
                assertEquals("""
                        NODE      COMPONENT    COMPONENT-INFO   ACTION      DETAIL
                        node-01   SpoofGuard   <none>           Forwarded   <none>
                        node-01   Forwarding   Output           Delivered   <none>

                        Verdict: Delivered to default/backend1
                        """, r.out());
                assertEquals("", RealCluster.kubectl("get", "traceflows", "-o", "name"), "deleted after the trace");
            } finally {
                informer.stop();
            }
        }
    }
}
