package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ovs show / flows and trace --local through the sandbox, which runs the OVS tools against the real
 * userspace Open vSwitch nodes its process started with cli/ovs-node (cli/run-tests installs the package).
 */
class OvsCommandsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    static CliRun cli;

    @BeforeAll
    static void nodes() throws Exception {
        boolean ovs = Files.isExecutable(Path.of("/usr/bin/ovs-vsctl"));
        if (!ovs) {
            System.err.println("#### OvsCommandsTest SKIPPED: Open vSwitch is not installed (cli/ovs-node install) ####");
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
        assertEquals("node-02   db-02-a2e130   4   internal   ns-db/db-02   172.16.20.50   02:88:e3:9e:93:a2   up\n", pod.out());
    }

    @Test
    void portStateIsColouredOnlyOnATerminal() {
        String row = "node-02   db-02-a2e130   4   internal   ns-db/db-02   172.16.20.50   02:88:e3:9e:93:a2   ";
        var coloured = cli.terminal(true).sandbox("ovs", "show", "--pod", "ns-db/db-02", "--no-headers");
        assertEquals(row + "\u001b[32mup\u001b[0m\n", coloured.out());
        assertEquals(row + "up\n", cli.terminal(true).sandbox("ovs", "show", "--pod", "ns-db/db-02", "--no-headers",
                "--no-color").out());
        assertEquals(row + "up\n", cli.terminal(true).env("NO_COLOR", "1").sandbox("ovs", "show", "--pod", "ns-db/db-02",
                "--no-headers").out());
        assertEquals(row + "up\n", cli.terminal(false).sandbox("ovs", "show", "--pod", "ns-db/db-02", "--no-headers").out());
    }

    @Test
    void progressWhileSeveralNodesAnswerOnlyOnATerminal() {
        var onTerminal = cli.terminal(true).sandbox("ovs", "show", "--no-headers", "--no-color");
        assertEquals(0, onTerminal.code(), onTerminal.err());
        String line = "\r\u001b[K";
        assertTrue(onTerminal.err().endsWith(line + "ovs show: 0 of 2 nodes answered"
                + line + "ovs show: 1 of 2 nodes answered" + line + "ovs show: 2 of 2 nodes answered" + line),
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
        assertTrue(r.out().contains("        Port antrea-tun0\n            Interface antrea-tun0\n                type: geneve\n"
                + "                options: {csum=\"true\", key=flow, remote_ip=flow}\n"), r.out());
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

    @Test
    void localTraceDeliveredAndDropped() {
        var ok = cli.sandbox("trace", "default/frontend", "default/backend1", "--local", "--protocol", "tcp", "--dst-port", "80");
        assertEquals(0, ok.code(), ok.err());
        Golden.assertMatches("ovs/trace-local-delivered.txt", ok.out());
        var drop = cli.sandbox("trace", "kube-system/coredns-558bd4d5db-gtvr4", "default/backend1", "--local", "--protocol", "tcp",
                "--dst-port", "80");
        assertEquals(3, drop.code(), drop.err());
        assertTrue(drop.out().endsWith("Verdict: Dropped in IngressDefaultRule\n"), drop.out());
        var tunnel = cli.sandbox("trace", "default/frontend", "default/backend2", "--local", "--protocol", "tcp", "--dst-port", "80");
        assertTrue(tunnel.out().endsWith("Verdict: Forwarded to another node through antrea-tun0\n"), tunnel.out());
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
        var r = cli.sandbox("trace", "default/frontend", destination, "--local", "--protocol", "tcp", "--dst-port", "80");
        assertTrue(r.out().contains("\nNode: node-01 (antrea-agent-bj42h), flow: in_port=frontend-995823,tcp,dl_src=02:d5:22:51:27:4f,"
                + "dl_dst=" + dlDst + ",nw_src=10.211.1.14,nw_dst=" + nwDst + ",nw_ttl=64,tp_dst=80\n"), destination + ": " + r.out());
    }

    @Test
    void unknownNodeAndPodWithoutPort() {
        var r = cli.sandbox("ovs", "show", "--node", "node-09");
        assertEquals(1, r.code());
        assertEquals("error: node node-09 not found\n", r.errWithoutSandboxLine());
        var mixed = cli.sandbox("ovs", "show", "--node", "node-01", "--node", "node-09", "--no-headers");
        assertEquals(4, mixed.code());
        assertTrue(mixed.out().endsWith("node-09   <none>   <none>   <none>   <none>   <none>   <none>   ERROR\n")
                || mixed.out().contains("ERROR"), mixed.out());
        assertTrue(mixed.errWithoutSandboxLine().endsWith("error: node node-09: node node-09 not found\n"), mixed.err());
    }
}
