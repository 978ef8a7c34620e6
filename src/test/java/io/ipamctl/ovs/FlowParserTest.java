package io.ipamctl.ovs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlowParserTest {

    @Test
    void everyLineOfRealDumpsParses() {
        for (String f :
                List.of("node-01-dump-flows.txt", "node-01-dump-flows-no-stats.txt", "node-02-dump-flows.txt")) {
            List<FlowParser.Malformed> bad = new ArrayList<>();
            List<OvsFlow> flows = FlowParser.parseAll(Fixtures.ovs(f), bad);
            assertEquals(List.of(), bad, f);
            long lines = Fixtures.ovs(f).lines().filter(l -> !l.isBlank()).count();
            assertEquals(lines, flows.size(), f);
        }
        List<FlowParser.Malformed> bad = new ArrayList<>();
        assertEquals(
                61,
                FlowParser.parseAll(Fixtures.antrea("ovs-pipeline-doc-flows.txt"), bad)
                        .size());
        // the doc's sample cut one wrapped flow after its match: reported, not dropped
        assertEquals(1, bad.size());
        assertEquals(21, bad.get(0).line());
        assertEquals("no actions= in flow", bad.get(0).reason());
        bad.clear();
        assertEquals(
                17,
                FlowParser.parseAll(Fixtures.antrea("antctl-get-ovsflows-doc.txt"), bad)
                        .size());
        assertEquals(List.of(), bad);
    }

    @Test
    void fieldsOfARealFlowWithStats() {
        OvsFlow f = FlowParser.parse(
                " cookie=0x0, duration=2.797s, table=Classifier, n_packets=3, n_bytes=294, idle_age=2, "
                        + "priority=200,in_port=\"antrea-tun0\" actions=set_field:0x1/0xf->reg0,goto_table:UnSNAT");
        assertEquals(
                new OvsFlow(
                        "Classifier",
                        200,
                        "in_port=\"antrea-tun0\"",
                        "set_field:0x1/0xf->reg0,goto_table:UnSNAT",
                        3L,
                        294L,
                        "0x0",
                        List.of("duration=2.797s", "idle_age=2")),
                f);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "table=PipelineRootClassifier, priority=200,ip actions=goto_table:Classifier|PipelineRootClassifier|200|ip|goto_table:Classifier",
                "table=Output, priority=0 actions=drop|Output|0||drop",
                "table=SessionAffinity, hard_timeout=300, priority=200,tcp,nw_dst=10.96.0.1 actions=drop|SessionAffinity|200|tcp,nw_dst=10.96.0.1|drop",
                "table=10, n_packets=0, n_bytes=0, priority=200,arp,in_port=\"coredns--d0c58e\" actions=resubmit(,20)|10|200|arp,in_port=\"coredns--d0c58e\"|resubmit(,20)",
                " cookie=0x0, duration=1s, table=0, n_packets=0, n_bytes=0, idle_age=1, actions=NORMAL|0|32768||NORMAL",
                "actions=drop|0|32768||drop",
            })
    void shapes(String line, String table, int priority, String match, String actions) {
        OvsFlow f = FlowParser.parse(line);
        assertEquals(table, f.table());
        assertEquals(priority, f.priority());
        assertEquals(match == null ? "" : match, f.match());
        assertEquals(actions, f.actions());
    }

    @Test
    void quotedTableNamesAsOvsPrintsThem() {
        // ovs-ofctl 3.1 --names, after renaming table 37's Flow_Table row to "Out, put"
        OvsFlow f = FlowParser.parse(
                " cookie=0x0, duration=119.587s, table=\"Out, put\", n_packets=0, n_bytes=0, idle_age=119, "
                        + "priority=200,reg0=0x200000/0x600000 actions=output:NXM_NX_REG1[]");
        assertEquals(
                new OvsFlow(
                        "Out, put",
                        200,
                        "reg0=0x200000/0x600000",
                        "output:NXM_NX_REG1[]",
                        0L,
                        0L,
                        "0x0",
                        List.of("duration=119.587s", "idle_age=119")),
                f);
        var e = assertThrows(
                OvsParseException.class, () -> FlowParser.parse("table=0, priority=70000,ip actions=drop"));
        assertEquals("\"priority=70000\" is not an OpenFlow priority (0-65535)", e.getMessage());
    }

    @Test
    void malformedLinesAreReportedWithTheirNumbersNeverDropped() {
        String text = "NXST_FLOW reply (xid=0x4):\n table=0, priority=1 actions=drop\ngarbage line\n"
                + " table=0, n_packets=x, priority=1 actions=drop\n table=0, priority=1 actions=\n";
        List<OvsFlow> flows = new ArrayList<>();
        List<FlowParser.Malformed> bad = new ArrayList<>();
        FlowParser.stream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), flows::add, bad::add);
        assertEquals(1, flows.size());
        assertEquals(
                List.of(
                        new FlowParser.Malformed(3, "garbage line", "no actions= in flow"),
                        new FlowParser.Malformed(
                                4, "table=0, n_packets=x, priority=1 actions=drop", "\"n_packets=x\" is not a number"),
                        new FlowParser.Malformed(5, "table=0, priority=1 actions=", "empty actions")),
                bad);
    }

    @Test
    void filterByTableAndMentionedAddress() {
        List<OvsFlow> flows = FlowParser.parseAll(Fixtures.ovs("node-01-dump-flows.txt"), new ArrayList<>());
        FlowFilter byIp = FlowFilter.ALL.mentioning(List.of("172.16.20.48"));
        List<OvsFlow> db = flows.stream().filter(byIp).toList();
        assertEquals(4, db.size());
        assertEquals(
                List.of("ARPSpoofGuard", "SpoofGuard", "L3Forwarding", "L3Forwarding"),
                db.stream().map(OvsFlow::table).toList());
        assertEquals(
                0,
                flows.stream()
                        .filter(FlowFilter.ALL.mentioning(List.of("172.16.20.4")))
                        .count(),
                "no prefix matches");
        FlowTables.Table output = new FlowTables.Table(37, "Output");
        assertEquals(2, flows.stream().filter(FlowFilter.ALL.withTable(output)).count());
        List<OvsFlow> numbered = FlowParser.parseAll(Fixtures.antrea("antctl-get-ovsflows-doc.txt"), new ArrayList<>());
        assertEquals(
                List.of("10", "10"),
                numbered.stream()
                        .filter(FlowFilter.ALL.withTable(new FlowTables.Table(10, null)))
                        .map(OvsFlow::table)
                        .toList(),
                "a table OVS prints by its ID (no --names, or unnamed)");
        assertThrows(OvsParseException.class, () -> FlowParser.parse("table=0, priority=x actions=drop"));
    }
}
