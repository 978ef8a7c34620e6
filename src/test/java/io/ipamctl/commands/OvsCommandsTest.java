package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ovs show / flows and trace --local through the sandbox, which runs the OVS tools against the real
 * userspace Open vSwitch nodes its process started with cli/ovs-node (cli/run-tests installs the package).
 */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class OvsCommandsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    static CliRun cli;

    @BeforeAll
    static void nodes() throws Exception {
        boolean ovs = Files.isExecutable(Path.of("/usr/bin/ovs-vsctl"));
        if (!ovs) {
            System.err.println(
                    "#### OvsCommandsTest SKIPPED: Open vSwitch is not installed (cli/ovs-node install) ####");
        }
        Assumptions.assumeTrue(ovs, "Open vSwitch is not installed: run cli/ovs-node install (cli/run-tests does)");
        cli = sandbox.cli();
    }

    @Test
    void showTheSeedTopologyOfOneNode() {
        var r = cli.sandbox("ovs", "show", "--node", "node-01");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches("ovs/sandbox-show-node-01.txt", r.out());
        var pod = cli.sandbox("ovs", "show", "--pod", "ns-db/db-02", "--no-headers");
        assertEquals(
                "node-02   db-02-a2e130   4   internal   ns-db/db-02   172.16.20.50   02:88:e3:9e:93:a2   up\n",
                pod.out());
    }

    @Test
    void portStateIsColouredOnlyOnATerminal() {
        String row = "node-02   db-02-a2e130   4   internal   ns-db/db-02   172.16.20.50   02:88:e3:9e:93:a2   ";
        var coloured = cli.terminal(true).sandbox("ovs", "show", "--pod", "ns-db/db-02", "--no-headers");
        assertEquals(row + "\u001b[32mup\u001b[0m\n", coloured.out());
        assertEquals(
                row + "up\n",
                cli.terminal(true)
                        .sandbox("ovs", "show", "--pod", "ns-db/db-02", "--no-headers", "--no-color")
                        .out());
        assertEquals(
                row + "up\n",
                cli.terminal(true)
                        .env("NO_COLOR", "1")
                        .sandbox("ovs", "show", "--pod", "ns-db/db-02", "--no-headers")
                        .out());
        assertEquals(
                row + "up\n",
                cli.terminal(false)
                        .sandbox("ovs", "show", "--pod", "ns-db/db-02", "--no-headers")
                        .out());
    }

    @Test
    void progressWhileSeveralNodesAnswerOnlyOnATerminal() {
        var onTerminal = cli.terminal(true).sandbox("ovs", "show", "--no-headers", "--no-color");
        assertEquals(0, onTerminal.code(), onTerminal.err());
        String line = "\r\u001b[K";
        assertTrue(
                onTerminal
                        .err()
                        .endsWith(line + "ovs show: 0 of 2 nodes answered" + line + "ovs show: 1 of 2 nodes answered"
                                + line + "ovs show: 2 of 2 nodes answered" + line),
                onTerminal.err());
        var piped = cli.terminal(false).sandbox("ovs", "show", "--no-headers");
        assertEquals(onTerminal.out(), piped.out());
        assertEquals("", piped.errWithoutSandboxLine());
    }

    @Test
    void rawIsOvsVsctlShowUntouched() {
        var r = cli.sandbox("ovs", "show", "--node", "node-02", "-o", "raw");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("=== node node-02 (antrea-agent-j28lw) ===\n"), r.out());
        assertTrue(
                r.out()
                        .contains(
                                "        Port antrea-tun0\n            Interface antrea-tun0\n                type: geneve\n"
                                        + "                options: {csum=\"true\", key=flow, remote_ip=flow}\n"),
                r.out());
    }

    /** -o raw with --pod: that Pod's port as ovs-vsctl show prints it, not the whole node. */
    @Test
    void rawOfOnePodIsItsPortBlock() {
        var r = cli.sandbox("ovs", "show", "--pod", "ns-db/db-02", "-o", "raw");
        assertEquals(0, r.code(), r.err());
        java.util.List<String> lines = r.out().lines().toList();
        assertEquals("=== node node-02 (antrea-agent-j28lw) ===", lines.get(0));
        assertTrue(lines.get(1).matches("[0-9a-f-]{36}"), lines.get(1));
        assertEquals(
                java.util.List.of(
                        "    Bridge br-int",
                        "        fail_mode: secure",
                        "        datapath_type: netdev",
                        "        Port db-02-a2e130",
                        "            Interface db-02-a2e130",
                        "                type: internal",
                        "    ovs_version: \"3.1.0\""),
                lines.subList(2, lines.size()));
        for (String format : new String[] {"raw", "table", "json"}) {
            var hostNetwork = cli.sandbox("ovs", "show", "--pod", "kube-system/antrea-agent-bj42h", "-o", format);
            assertEquals(1, hostNetwork.code(), format);
            assertEquals(
                    "error: pod kube-system/antrea-agent-bj42h has no OVS port on node node-01\n",
                    hostNetwork.errWithoutSandboxLine(),
                    format);
            assertEquals("", hostNetwork.out(), format);
        }
    }

    @Test
    void flowsOfOnePodAndSummary() {
        var r = cli.sandbox("ovs", "flows", "--pod", "ns-db/db-01", "--no-headers");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches("ovs/sandbox-flows-db-01.txt", r.out());
        var table = cli.sandbox("ovs", "flows", "--node", "node-01", "--table", "IngressDefaultRule", "-o", "json");
        assertTrue(table.out().contains("\"match\": \"ip,reg1=0x7\""), table.out());
        var summary = cli.sandbox("ovs", "flows", "--summary", "--node", "node-02", "--no-headers");
        assertTrue(summary.out().contains("node-02   L2ForwardingCalc"), summary.out());
    }

    /** --table takes the ID or the name (any case) of the same table: ovs-ofctl prints Classifier for table 3. */
    @Test
    void aTableByIdIsTheTableByName() {
        var byId = cli.sandbox("ovs", "flows", "--node", "node-01", "--table", "3", "--no-headers");
        assertEquals(0, byId.code(), byId.err());
        assertEquals(10, byId.out().lines().count(), byId.out());
        assertTrue(byId.out().lines().allMatch(l -> l.startsWith("node-01   Classifier ")), byId.out());
        assertEquals(
                byId.out(),
                cli.sandbox("ovs", "flows", "--node", "node-01", "--table", "Classifier", "--no-headers")
                        .out());
        assertEquals(
                byId.out(),
                cli.sandbox("ovs", "flows", "--node", "node-01", "--table", "classifier", "--no-headers")
                        .out());
        var summary = cli.sandbox("ovs", "flows", "--table", "3", "--summary", "--no-headers");
        assertEquals("node-01   Classifier   10   0   0\nnode-02   Classifier    8   0   0\n", summary.out());
    }

    /** Runs an OVS tool against the sandbox's node (as cli/ovs-node env NODE would). */
    private static void ovsOn(String node, String... argv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        Path d = sandbox.state().resolve("sandbox/ovs").resolve(node);
        pb.environment().put("OVS_RUNDIR", d.resolve("run").toString());
        pb.environment().put("OVS_DBDIR", d.resolve("db").toString());
        pb.environment().put("OVS_LOGDIR", d.resolve("log").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + out);
    }

    /**
     * A dump saved with -o json, compared later with the node: a flow added, one removed and one whose
     * actions changed on real OVS are the differences (exit 3), counters and cookies are not.
     */
    @Test
    void flowsDiffAgainstASavedDumpAndBetweenNodes() throws Exception {
        cli.sandbox("ovs", "show"); // the sandbox's OVS nodes run
        var saved = cli.sandbox("ovs", "flows", "--node", "node-02", "-o", "json");
        assertEquals(0, saved.code(), saved.err());
        assertTrue(
                saved.out()
                        .contains(
                                "\"nodes\": [\n        {\n            \"node\": \"node-02\",\n            \"ports\": {\n"
                                        + "                \"1\": \"antrea-tun0\",\n                \"2\": \"antrea-gw0\","),
                saved.out());
        Path before = sandbox.state().resolve("before.json");
        Files.writeString(before, saved.out());
        var same = cli.sandbox("ovs", "flows", "--diff", before.toString());
        assertEquals(0, same.code(), same.err());
        assertEquals("before.json and now of node-02: the same flows\n", same.out());
        String of = "OpenFlow15";
        try {
            ovsOn(
                    "node-02",
                    "ovs-ofctl",
                    "-O",
                    of,
                    "add-flow",
                    "br-int",
                    "table=32,priority=210,tcp,reg1=0x5,tp_dst=8080,actions=goto_table:34");
            ovsOn(
                    "node-02",
                    "ovs-ofctl",
                    "-O",
                    of,
                    "--strict",
                    "del-flows",
                    "br-int",
                    "table=33,priority=200,ip,reg1=0x5");
            ovsOn(
                    "node-02",
                    "ovs-ofctl",
                    "-O",
                    of,
                    "--strict",
                    "mod-flows",
                    "br-int",
                    "table=3,priority=200,in_port=2,actions=set_field:0x2/0xf->reg0,goto_table:7");
            var diff = cli.sandbox("ovs", "flows", "--diff", before.toString());
            assertEquals(3, diff.code(), diff.err());
            Golden.assertMatches("ovs/flows-diff-saved.txt", diff.out());
            var json = cli.sandbox("ovs", "flows", "--diff", before.toString(), "--table", "IngressRule", "-o", "json");
            assertEquals(3, json.code(), json.err());
            assertTrue(
                    json.out().contains("\"onlyLeft\": 0,\n            \"onlyRight\": 1,\n            \"changed\": 0,"),
                    json.out());
        } finally {
            ovsOn(
                    "node-02",
                    "ovs-ofctl",
                    "-O",
                    of,
                    "--strict",
                    "del-flows",
                    "br-int",
                    "table=32,priority=210,tcp,reg1=0x5,tp_dst=8080");
            ovsOn(
                    "node-02",
                    "ovs-ofctl",
                    "-O",
                    of,
                    "add-flow",
                    "br-int",
                    "table=33,priority=200,ip,reg1=0x5,actions=drop");
            ovsOn(
                    "node-02",
                    "ovs-ofctl",
                    "-O",
                    of,
                    "--strict",
                    "mod-flows",
                    "br-int",
                    "table=3,priority=200,in_port=2,actions=set_field:0x2/0xf->reg0,goto_table:4");
        }
        assertEquals(0, cli.sandbox("ovs", "flows", "--diff", before.toString()).code(), "restored");
        var nodes = cli.sandbox("ovs", "flows", "--diff", "node-01", "node-02", "--table", "Output");
        assertEquals(0, nodes.code(), nodes.err());
        assertEquals("node-01 and node-02: the same flows\n", nodes.out());
        var differ = cli.sandbox(
                "ovs", "flows", "--diff", "node-01", "node-02", "--table", "IngressDefaultRule", "--no-headers");
        assertEquals(3, differ.code(), differ.err());
        assertEquals(
                "node-01 and node-02: 1 only in node-01, 1 only in node-02, 0 with other actions",
                differ.out().lines().reduce((a, b) -> b).orElse(""));
    }

    @Test
    void localTraceDeliveredAndDropped() {
        var ok = cli.sandbox(
                "trace", "default/frontend", "default/backend1", "--local", "--protocol", "tcp", "--dst-port", "80");
        assertEquals(0, ok.code(), ok.err());
        Golden.assertMatches("ovs/trace-local-delivered.txt", ok.out());
        var drop = cli.sandbox(
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
        var tunnel = cli.sandbox(
                "trace", "default/frontend", "default/backend2", "--local", "--protocol", "tcp", "--dst-port", "80");
        assertTrue(tunnel.out().endsWith("Verdict: Forwarded to another node through antrea-tun0\n"), tunnel.out());
    }

    /**
     * Every protocol trace accepts, with and without ports, as real OVS takes it: backend1 accepts only
     * TCP 80 from frontend (the seed's NetworkPolicy), so the rest is dropped in IngressDefaultRule.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--protocol tcp --dst-port 80                   | tcp,    | tcp_dst=80                  | 0",
                "--protocol 6 --src-port 40000 --dst-port 80    | tcp,    | tcp_src=40000,tcp_dst=80    | 0",
                "--protocol tcp --dst-port 80 --tcp-flags SYN   | tcp,    | tcp_dst=80,tcp_flags=0x2    | 0",
                "--protocol tcp --dst-port 8080                 | tcp,    | tcp_dst=8080                | 3",
                "--protocol udp --dst-port 53                   | udp,    | udp_dst=53                  | 3",
                "--protocol 17 --src-port 5353 --dst-port 53    | udp,    | udp_src=5353,udp_dst=53     | 3",
                "--protocol udp                                 | udp,    | ''                          | 3",
                "--protocol sctp --dst-port 38412               | sctp,   | sctp_dst=38412              | 3",
                "--protocol 132                                 | sctp,   | ''                          | 3",
                "--protocol icmp                                | icmp,   | icmp_type=8,icmp_code=0     | 3",
                "''                                             | icmp,   | icmp_type=8,icmp_code=0     | 3",
                "--protocol 47                                  | ip,nw_proto=47, | ''                  | 3",
                "--protocol 0                                   | ip,nw_proto=0,  | ''                  | 3"
            })
    void localTraceOfEveryProtocolOnRealOvs(String options, String protocol, String fields, int code) {
        java.util.List<String> args = new java.util.ArrayList<>(
                java.util.List.of("trace", "default/frontend", "default/backend1", "--local"));
        if (!options.isEmpty()) {
            args.addAll(java.util.List.of(options.split(" ")));
        }
        var r = cli.sandbox(args.toArray(String[]::new));
        assertEquals("", r.errWithoutSandboxLine(), options);
        assertEquals(code, r.code(), options);
        assertTrue(
                r.out()
                        .endsWith("\nNode: node-01 (antrea-agent-bj42h), flow: in_port=frontend-995823," + protocol
                                + "dl_src=02:d5:22:51:27:4f,dl_dst=02:ae:e9:86:a8:7e,nw_src=10.211.1.14,nw_dst=10.211.1.15,nw_ttl=64"
                                + (fields.isEmpty() ? "" : "," + fields) + "\nVerdict: "
                                + (code == 0
                                        ? "Delivered to default/backend1 on port backend1-0991c6"
                                        : "Dropped in IngressDefaultRule")
                                + "\n"),
                r.out());
    }

    /** As antctl trace-packet: a destination Pod with a port on the source's node gets its own MAC, else the gateway's. */
    @Test
    void localTraceSendsToThePodsMacOnTheSameNodeAndToTheGatewayOtherwise() {
        assertFrontendTraceFlow("default/backend1", "02:ae:e9:86:a8:7e", "10.211.1.15");
        assertFrontendTraceFlow("10.211.1.15", "02:ae:e9:86:a8:7e", "10.211.1.15");
        assertFrontendTraceFlow("default/backend2", "ba:5e:d1:55:aa:01", "10.211.2.30");
        assertFrontendTraceFlow("10.211.2.30", "ba:5e:d1:55:aa:01", "10.211.2.30");
    }

    private static void assertFrontendTraceFlow(String destination, String dlDst, String nwDst) {
        var r = cli.sandbox(
                "trace", "default/frontend", destination, "--local", "--protocol", "tcp", "--dst-port", "80");
        assertTrue(
                r.out()
                        .contains(
                                "\nNode: node-01 (antrea-agent-bj42h), flow: in_port=frontend-995823,tcp,dl_src=02:d5:22:51:27:4f,"
                                        + "dl_dst=" + dlDst + ",nw_src=10.211.1.14,nw_dst=" + nwDst
                                        + ",nw_ttl=64,tcp_dst=80\n"),
                destination + ": " + r.out());
    }

    @Test
    void unknownNodeAndPodWithoutPort() {
        var r = cli.sandbox("ovs", "show", "--node", "node-09");
        assertEquals(1, r.code());
        assertEquals("error: node node-09 not found\n", r.errWithoutSandboxLine());
        var mixed = cli.sandbox("ovs", "show", "--node", "node-01", "--node", "node-09", "--no-headers");
        assertEquals(4, mixed.code());
        assertTrue(
                mixed.out().endsWith("node-09   <none>   <none>   <none>   <none>   <none>   <none>   ERROR\n")
                        || mixed.out().contains("ERROR"),
                mixed.out());
        assertTrue(
                mixed.errWithoutSandboxLine().endsWith("error: node node-09: node node-09 not found\n"), mixed.err());
    }

    @Test
    void noAgentInTheNamespaceAskedNamesTheOptionThatPicksIt() {
        var r = cli.sandbox("ovs", "show", "--antrea-namespace", "antrea");
        assertEquals(1, r.code());
        assertEquals(
                "error: no Antrea agent Pods (labels app=antrea,component=antrea-agent) in namespace antrea; is Antrea "
                        + "installed there? (pass --antrea-namespace NS if it runs in another namespace)\n",
                r.errWithoutSandboxLine());
        assertEquals("", r.out());
    }
}
