package io.ipamctl.ovs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Comparing flows: what counts (table, priority, match, actions) and what never does (cookies, counters, port numbers). */
class FlowDiffTest {

    private static final Map<Long, String> NODE_01 = ports(OvsSnapshot.parse(Fixtures.ovs("node-01-snapshot.json")));

    private static Map<Long, String> ports(OvsSnapshot s) {
        Map<Long, String> m = new java.util.TreeMap<>();
        s.ports().stream().filter(p -> p.ofport() != null && p.ofport() >= 0).forEach(p -> m.put(p.ofport(), p.port()));
        return m;
    }

    private static List<OvsFlow> flows(String text) {
        return FlowParser.parseAll(text, new ArrayList<>());
    }

    @Test
    void portNumbersAreWrittenAsTheNodesPortNames() {
        PortNumbers p = new PortNumbers(NODE_01);
        assertEquals("ip,reg1=\"backend1-0991c6\"", p.match("ip,reg1=0x7"));
        assertEquals("in_port=\"frontend-995823\",ip", p.match("in_port=6,ip"));
        assertEquals("tcp,reg1=0x7f/0xff", p.match("tcp,reg1=0x7f/0xff"), "a masked register is no port");
        assertEquals(
                "set_field:\"backend1-0991c6\"->reg1,set_field:0x200000/0x600000->reg0,output:\"antrea-tun0\"",
                p.actions("set_field:0x7->reg1,set_field:0x200000/0x600000->reg0,output:1"));
        assertEquals(
                "load:\"antrea-gw0\"->NXM_NX_REG1[],output:NXM_NX_REG1[]",
                p.actions("load:0x2->NXM_NX_REG1[],output:NXM_NX_REG1[]"));
        assertEquals("set_field:0x99->reg1", p.actions("set_field:0x99->reg1"), "no such port: left as it is");
    }

    @Test
    void aNodeComparedWithItselfIsTheSameWhateverItsCountersAndCookies() {
        List<OvsFlow> now = flows(Fixtures.ovs("node-01-dump-flows.txt"));
        List<OvsFlow> noStats = flows(Fixtures.ovs("node-01-dump-flows-no-stats.txt"));
        FlowDiff d = FlowDiff.of(
                "node-01", new FlowDiff.Side("before", noStats, NODE_01), new FlowDiff.Side("now", now, NODE_01));
        assertEquals(List.of(), d.changes());
    }

    @Test
    void addedRemovedAndChangedFlowsInPipelineOrder() {
        String before = String.join(
                "\n",
                "table=Classifier, priority=200,in_port=2 actions=goto_table:SpoofGuard",
                "table=IngressDefaultRule, priority=200,ip,reg1=0x7 actions=drop",
                "table=Output, priority=0 actions=drop");
        String now = String.join(
                "\n",
                "cookie=0x5, duration=3s, table=Classifier, n_packets=9, n_bytes=900, priority=200,in_port=2 actions=goto_table:UnSNAT",
                "table=IngressRule, priority=210,tcp,reg1=0x7,tp_dst=8080 actions=goto_table:IngressMetric",
                "table=Output, priority=0 actions=drop");
        FlowDiff d = FlowDiff.of(
                "node-01",
                new FlowDiff.Side("before.json", flows(before), NODE_01),
                new FlowDiff.Side("now", flows(now), NODE_01));
        assertEquals(
                List.of(
                        new FlowDiff.Change(
                                "Classifier",
                                200,
                                "in_port=\"antrea-gw0\"",
                                "goto_table:SpoofGuard",
                                "goto_table:UnSNAT"),
                        new FlowDiff.Change("IngressDefaultRule", 200, "ip,reg1=\"backend1-0991c6\"", "drop", null),
                        new FlowDiff.Change(
                                "IngressRule",
                                210,
                                "tcp,reg1=\"backend1-0991c6\",tp_dst=8080",
                                null,
                                "goto_table:IngressMetric")),
                d.changes());
        assertEquals(1, d.onlyLeft());
        assertEquals(1, d.onlyRight());
        assertEquals(1, d.changed());
    }

    /** backend1 re-created: a new ofport, the same port name; its flows are the same flows. */
    @Test
    void aPodWhosePortGotAnotherNumberIsNoDifference() {
        Map<Long, String> after = new java.util.TreeMap<>(NODE_01);
        after.remove(7L);
        after.put(12L, "backend1-0991c6");
        FlowDiff d = FlowDiff.of(
                "node-01",
                new FlowDiff.Side(
                        "before", flows("table=IngressDefaultRule, priority=200,ip,reg1=0x7 actions=drop"), NODE_01),
                new FlowDiff.Side(
                        "now", flows("table=IngressDefaultRule, priority=200,ip,reg1=0xc actions=drop"), after));
        assertEquals(List.of(), d.changes());
    }

    @Test
    void aSavedDumpIsReadBackWithItsPortNames() {
        SavedFlows saved = SavedFlows.parse("""
                {"apiVersion": "ipamctl/v1", "kind": "OvsFlowList",
                 "items": [{"node": "node-01", "table": "IngressDefaultRule", "priority": 200, "match": "ip,reg1=0x7",
                            "actions": "drop", "packets": 3, "bytes": 180}],
                 "nodes": [{"node": "node-01", "ports": {"7": "backend1-0991c6"}}, {"node": "node-02", "ports": {}}]}
                """);
        assertEquals(List.of("node-01", "node-02"), List.copyOf(saved.flows().keySet()));
        assertEquals(List.of(), saved.flows().get("node-02"));
        assertEquals(Map.of(7L, "backend1-0991c6"), saved.ports().get("node-01"));
        OvsFlow f = saved.flows().get("node-01").get(0);
        assertEquals(List.of("IngressDefaultRule", "ip,reg1=0x7", "drop"), List.of(f.table(), f.match(), f.actions()));
        assertEquals(
                "it is no ipamctl/v1 OvsFlowList",
                assertThrows(
                                OvsParseException.class,
                                () -> SavedFlows.parse("{\"kind\": \"PoolUsageList\", \"items\": []}"))
                        .getMessage());
        assertEquals(
                "it is not JSON",
                assertThrows(OvsParseException.class, () -> SavedFlows.parse("table=0 actions=drop"))
                        .getMessage());
        assertEquals(
                "item 1 has no actions",
                assertThrows(
                                OvsParseException.class,
                                () -> SavedFlows.parse(
                                        "{\"kind\": \"OvsFlowList\", \"items\": [{\"node\": \"n\", \"table\": \"t\", \"priority\": 1, \"match\": \"\"}]}"))
                        .getMessage());
    }
}
