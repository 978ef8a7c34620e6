package io.ipamctl.ovs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ofproto/trace flow of every protocol `trace --local` accepts, in both families, as a string and
 * as real Open vSwitch takes it (a userspace node made by cli/ovs-node; skipped without OVS).
 */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class TraceFlowTest {

    private static final String V4 = "in_port=p,%s,dl_src=02:00:00:00:00:01,dl_dst=02:00:00:00:00:02,nw_src=10.0.0.1,"
            + "nw_dst=10.0.0.2,nw_ttl=64";
    private static final String V6 = "in_port=p,%s,dl_src=02:00:00:00:00:01,dl_dst=02:00:00:00:00:02,ipv6_src=fd00::1,"
            + "ipv6_dst=fd00::2,nw_ttl=64";

    private static String flow(boolean ipv6, Integer protocol, Integer srcPort, Integer dstPort, Integer flags) {
        return TraceFlow.of(
                "p",
                "02:00:00:00:00:01",
                "02:00:00:00:00:02",
                ipv6 ? "fd00::1" : "10.0.0.1",
                ipv6 ? "fd00::2" : "10.0.0.2",
                ipv6,
                protocol,
                srcPort,
                dstPort,
                flags);
    }

    /**
     * protocol (- for none given), source and destination port, TCP flags; then for IPv4 and for IPv6
     * the protocol words after in_port and the fields after nw_ttl=64.
     */
    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            emptyValue = "",
            value = {
                "-   | -    | -     | -  | icmp           | icmp_type=8,icmp_code=0  | icmp6            | icmpv6_type=128,icmpv6_code=0",
                "1   | -    | -     | -  | icmp           | icmp_type=8,icmp_code=0  | icmp6            | icmpv6_type=128,icmpv6_code=0",
                "58  | -    | -     | -  | icmp           | icmp_type=8,icmp_code=0  | icmp6            | icmpv6_type=128,icmpv6_code=0",
                "6   | -    | -     | -  | tcp            | ''                       | tcp6             | ''",
                "6   | 1000 | 80    | 18 | tcp            | tcp_src=1000,tcp_dst=80,tcp_flags=0x12 | tcp6 | tcp_src=1000,tcp_dst=80,tcp_flags=0x12",
                "17  | -    | -     | -  | udp            | ''                       | udp6             | ''",
                "17  | 5353 | 53    | -  | udp            | udp_src=5353,udp_dst=53  | udp6             | udp_src=5353,udp_dst=53",
                "17  | -    | 53    | -  | udp            | udp_dst=53               | udp6             | udp_dst=53",
                "132 | -    | -     | -  | sctp           | ''                       | sctp6            | ''",
                "132 | 9000 | 38412 | -  | sctp           | sctp_src=9000,sctp_dst=38412 | sctp6        | sctp_src=9000,sctp_dst=38412",
                "47  | -    | -     | -  | ip,nw_proto=47 | ''                       | ipv6,nw_proto=47 | ''",
                "0   | -    | -     | -  | ip,nw_proto=0  | ''                       | ipv6,nw_proto=0  | ''"
            })
    void eachProtocolWithItsOwnFields(
            Integer protocol,
            Integer srcPort,
            Integer dstPort,
            Integer flags,
            String v4,
            String v4Tail,
            String v6,
            String v6Tail) {
        assertEquals(
                V4.formatted(v4) + (v4Tail.isEmpty() ? "" : "," + v4Tail),
                flow(false, protocol, srcPort, dstPort, flags));
        assertEquals(
                V6.formatted(v6) + (v6Tail.isEmpty() ? "" : "," + v6Tail),
                flow(true, protocol, srcPort, dstPort, flags));
    }

    // --- the same flows on real Open vSwitch ---

    private static Path base;

    @BeforeAll
    static void node() throws Exception {
        boolean ovs = Files.isExecutable(Path.of("/usr/bin/ovs-vsctl"));
        if (!ovs) {
            System.err.println(
                    "#### TraceFlowTest on real OVS SKIPPED: Open vSwitch is not installed (cli/ovs-node install) ####");
            return;
        }
        base = Files.createTempDirectory("ipamctl-traceflow");
        run(List.of("cli/ovs-node", "up", "node-01"));
        run(List.of("cli/ovs-node", "add-pod", "node-01", "default", "p", "10.0.0.1", "02:00:00:00:00:01", "cid-p"));
    }

    @AfterAll
    static void down() throws Exception {
        if (base != null) {
            run(List.of("cli/ovs-node", "down", "--all"));
        }
    }

    @Test
    void openVSwitchTakesEveryFlow() throws Exception {
        Assumptions.assumeTrue(
                base != null, "Open vSwitch is not installed: run cli/ovs-node install (cli/run-tests does)");
        String port = run(List.of("ovs-vsctl", "--bare", "--columns=name", "find", "Port", "external_ids:pod-name=p"))
                .strip();
        List<String> refused = new ArrayList<>();
        Integer[][] packets = {
            {null, null, null, null},
            {6, 1000, 80, 18},
            {6, null, null, null},
            {17, 5353, 53, null},
            {17, null, null, null},
            {132, 9000, 38412, null},
            {132, null, null, null},
            {47, null, null, null},
            {0, null, null, null},
            {58, null, null, null},
            {1, null, null, null}
        };
        for (boolean ipv6 : new boolean[] {false, true}) {
            for (Integer[] p : packets) {
                String flow = flow(ipv6, p[0], p[1], p[2], p[3]).replace("in_port=p,", "in_port=" + port + ",");
                String out = run(List.of("ovs-appctl", "ofproto/trace", "br-int", flow));
                if (!out.startsWith("Flow: ") || !out.contains("Datapath actions: ")) {
                    refused.add(flow + " -> " + out.lines().findFirst().orElse(""));
                }
            }
        }
        assertEquals(List.of(), refused);
        assertTrue(
                run(List.of("ovs-appctl", "ofproto/trace", "br-int", "in_port=" + port + ",udp,tp_dst=53"))
                        .contains("prerequisites not met for setting tp_dst"),
                "the defect this guards against is real OVS behaviour");
    }

    /** Runs a command against the node (stdout and stderr together). */
    private static String run(List<String> argv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        Path node = base.resolve("node-01");
        pb.environment()
                .putAll(Map.of(
                        "IPAMCTL_OVS_BASE",
                        base.toString(),
                        "OVS_RUNDIR",
                        node.resolve("run").toString(),
                        "OVS_DBDIR",
                        node.resolve("db").toString(),
                        "OVS_LOGDIR",
                        node.resolve("log").toString(),
                        "OVS_SYSCONFDIR",
                        node.resolve("db").toString()));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + argv);
        }
        return out;
    }
}
