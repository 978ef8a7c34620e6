package io.ipamctl.ovs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Real traces of cli/ovs-node's pipeline (see fixtures/ovs/README.md): recirculation, resubmits, group buckets. */
class ProtoTraceParserTest {

    /** One line per step: indentation per depth, table, priority, match, actions, notes. */
    private static String outline(ProtoTrace t) {
        return t.steps().stream()
                .map(s -> "  ".repeat(s.depth()) + s.table() + " " + s.priority() + " "
                        + (s.match() == null ? "NO-MATCH" : "[" + s.match() + "]") + " " + s.actions()
                        + (s.notes().isEmpty() ? "" : " " + s.notes()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static final String CONNTRACK_AND_PRE_ROUTING = """
            0 200 [ip] [goto_table:3]
            3 190 [in_port=6] [set_field:0x3/0xf->reg0, set_field:0x10000000/0x10000000->reg4, goto_table:4]
            4 200 [ip,in_port=6,dl_src=02:d5:22:51:27:4f,nw_src=10.211.1.14] [goto_table:7]
            7 0 [] [goto_table:8]
            8 200 [ip] [ct(table=9,zone=65520,nat), nat] [-> A clone of the packet is forked to recirculate. \
            The forked pipeline will be resumed at table 9., -> Sets the packet to an untracked state, and clears all the conntrack fields.]
            9 0 [] [goto_table:10]
            10 200 [ip] [resubmit(,11), resubmit(,12), resubmit(,13)]
              11 null NO-MATCH [drop]
              12 0 [] [set_field:0x10000/0x70000->reg4]
            """;

    /** From ServiceLB to IngressSecurityClassifier, for a packet to backend1 on the same node. */
    private static final String TO_BACKEND1 = """
            13 0 [] [goto_table:15]
            15 0 [] [goto_table:17]
            17 0 [] [goto_table:18]
            18 0 [] [goto_table:19]
            19 0 [] [goto_table:20]
            20 0 [] [goto_table:21]
            21 0 [] [goto_table:22]
            22 190 [ip,nw_dst=10.211.1.15] [set_field:ba:5e:d1:55:aa:01->eth_src, set_field:02:ae:e9:86:a8:7e->eth_dst, goto_table:25]
            25 200 [ip] [dec_ttl, goto_table:28]
            28 200 [dl_dst=02:ae:e9:86:a8:7e] [set_field:0x7->reg1, set_field:0x200000/0x600000->reg0, goto_table:30]
            30 0 [] [goto_table:31]
            31 0 [] [goto_table:32]
            """;

    @Test
    void deliveredTraceRecirculatesOnceAndNestsPreRoutingResubmits() {
        ProtoTrace t = ProtoTraceParser.parse(Fixtures.ovs("node-01-trace-delivered.txt"));
        assertEquals(CONNTRACK_AND_PRE_ROUTING + TO_BACKEND1 + """
                32 200 [tcp,reg1=0x7,nw_src=10.211.1.14,tp_dst=80] [goto_table:34]
                34 0 [] [goto_table:35]
                35 0 [] [goto_table:37]
                37 200 [reg0=0x200000/0x600000] [output:NXM_NX_REG1[]] [-> output port is 7]
                """, outline(t));
        assertEquals(
                "tcp,in_port=6,vlan_tci=0x0000,dl_src=02:d5:22:51:27:4f,dl_dst=02:ae:e9:86:a8:7e,nw_src=10.211.1.14,"
                        + "nw_dst=10.211.1.15,nw_tos=0,nw_ecn=0,nw_ttl=64,nw_frag=no,tp_src=0,tp_dst=80,tcp_flags=0",
                t.flow(),
                "the traced packet, not the recirculated one");
        assertEquals("set(eth(src=ba:5e:d1:55:aa:01)),set(ipv4(ttl=63)),7", t.datapathActions(), "the last pass's");
        assertEquals(7, t.outputPort());
        assertEquals(false, t.dropped());
    }

    @Test
    void droppedTraceEndsInIngressDefaultRule() {
        ProtoTrace t = ProtoTraceParser.parse(Fixtures.ovs("node-01-trace-dropped.txt"));
        assertEquals(
                CONNTRACK_AND_PRE_ROUTING
                                .replace("in_port=6", "in_port=8")
                                .replace("02:d5:22:51:27:4f", "02:65:72:fe:a3:90")
                                .replace("10.211.1.14", "10.211.1.4")
                        + TO_BACKEND1 + """
                32 0 [] [goto_table:33]
                33 200 [ip,reg1=0x7] [drop]
                """,
                outline(t));
        assertEquals("drop", t.datapathActions());
        assertEquals(true, t.dropped());
        assertEquals(null, t.outputPort());
    }

    @Test
    void nestedResubmitsAndAGroupBucketBelongToTheStepThatRanThem() {
        ProtoTrace t = ProtoTraceParser.parse(Fixtures.ovs("node-01-trace-nested.txt"));
        assertEquals(CONNTRACK_AND_PRE_ROUTING + """
                13 200 [tcp,nw_dst=10.96.0.10,tp_dst=80] [set_field:0x200/0x200->reg0, group:9, bucket 0, set_field:0xa->reg3, resubmit(,15)]
                  15 200 [tcp,reg3=0xa] [resubmit(,16), set_field:0x1/0x1->reg5, goto_table:17]
                    16 0 [] [resubmit(,14), set_field:0x2/0x2->reg5]
                      14 0 [] [resubmit(,11), set_field:0x4/0x4->reg5]
                        11 null NO-MATCH [drop]
                  17 0 [] [goto_table:18]
                  18 0 [] [goto_table:19]
                  19 0 [] [goto_table:20]
                  20 0 [] [goto_table:21]
                  21 0 [] [goto_table:22]
                  22 0 [] [goto_table:25]
                  25 200 [ip] [dec_ttl, goto_table:28]
                  28 200 [dl_dst=ba:5e:d1:55:aa:01] [set_field:0x2->reg1, set_field:0x200000/0x600000->reg0, goto_table:30]
                  30 0 [] [goto_table:31]
                  31 0 [] [goto_table:32]
                  32 0 [] [goto_table:33]
                  33 0 [] [goto_table:34]
                  34 0 [] [goto_table:35]
                  35 0 [] [goto_table:37]
                  37 200 [reg0=0x200000/0x600000] [output:NXM_NX_REG1[]] [-> output port is 2]
                """, outline(t));
        assertEquals(2, t.outputPort());
    }

    @Test
    void tunnelTraceLeavesThroughPortOne() {
        ProtoTrace t = ProtoTraceParser.parse(Fixtures.ovs("node-01-trace-tunnel.txt"));
        assertEquals(1, t.outputPort());
        assertEquals(false, t.dropped());
    }

    @Test
    void outputThatIsNotATraceIsAnError() {
        var e = assertThrows(
                OvsParseException.class, () -> ProtoTraceParser.parse("ovs-appctl: cannot connect to br-int"));
        assertEquals(
                "ofproto/trace line 1 is not part of a trace: ovs-appctl: cannot connect to br-int", e.getMessage());
        var none = assertThrows(OvsParseException.class, () -> ProtoTraceParser.parse(""));
        assertEquals("ofproto/trace output lacks the Flow: line", none.getMessage());
    }

    @Test
    void linesThatFitNoStepAreErrorsNamingTheLine() {
        String real = Fixtures.ovs("node-01-trace-delivered.txt");
        List<String> lines = real.lines().toList();
        int at = lines.indexOf("    goto_table:4");
        for (String bad : List.of(
                "  goto_table:4",
                "      goto_table:4",
                "goto_table:4",
                "        12. priority 0",
                "3. nothing like a flow")) {
            String text = String.join("\n", lines.subList(0, at)) + "\n" + bad + "\n"
                    + String.join("\n", lines.subList(at, lines.size()));
            var e = assertThrows(OvsParseException.class, () -> ProtoTraceParser.parse(text), bad);
            assertEquals("ofproto/trace line " + (at + 1) + " is not part of a trace: " + bad.strip(), e.getMessage());
        }
    }
}
