package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.ovs.FlowFilter;
import io.ipamctl.ovs.FlowTables;
import io.ipamctl.ovs.FlowTotals;
import io.ipamctl.ovs.OvsFlow;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Counting and filtering one node's flows as they stream in. */
class FlowQueryTest {

    private static final AgentPod AGENT = new AgentPod("node-01", "kube-system", "antrea-agent-bj42h");

    /** The commands the fake node was asked to run. */
    private final List<List<String>> asked = new ArrayList<>();

    /** A node whose dump-flows prints these lines. */
    private OvsReader node(String dump) {
        return new OvsReader(
                new NodeExec() {
                    @Override
                    public ExecResult run(AgentPod agent, List<String> argv, Duration timeout) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public ExecResult stream(
                            AgentPod agent, List<String> argv, Duration timeout, Consumer<InputStream> reader) {
                        asked.add(argv);
                        reader.accept(new ByteArrayInputStream(dump.getBytes(StandardCharsets.UTF_8)));
                        return new ExecResult(0, "", "");
                    }
                },
                Duration.ofSeconds(5));
    }

    private static final String DUMP = String.join(
            "\n",
            " cookie=0x0, duration=1s, table=Classifier, n_packets=3, n_bytes=180, priority=200,in_port=1 actions=goto_table:UnSNAT",
            " cookie=0x0, duration=1s, table=SpoofGuard, n_packets=7, n_bytes=700, priority=200,ip,nw_src=10.211.1.14 actions=goto_table:UnSNAT",
            " cookie=0x0, duration=1s, table=Classifier, n_packets=2, n_bytes=120, priority=0 actions=drop",
            "not a flow",
            " table=Output, priority=0 actions=drop",
            "");

    @Test
    void countsPerTableInTheOrderTablesAppearWithTheLinesThatAreNoFlows() {
        FlowQuery.Counts counts = new FlowQuery(node(DUMP), FlowFilter.ALL, null, null).count(AGENT, FlowFilter.ALL);
        assertEquals(
                Map.of(
                        "Classifier",
                        new FlowTotals(2, 5, 300),
                        "SpoofGuard",
                        new FlowTotals(1, 7, 700),
                        "Output",
                        new FlowTotals(1, 0, 0)),
                counts.tables());
        assertEquals(
                List.of("Classifier", "SpoofGuard", "Output"),
                List.copyOf(counts.tables().keySet()));
        assertEquals(1, counts.malformed().size());
        assertEquals(4, counts.malformed().get(0).line());
    }

    @Test
    void onlyTheFlowsTheFilterKeeps() {
        List<OvsFlow> kept = new ArrayList<>();
        FlowFilter byIp = FlowFilter.ALL.mentioning(List.of("10.211.1.14"));
        new FlowQuery(node(DUMP), byIp, null, null).flows(AGENT, byIp, kept::add);
        assertEquals(List.of("SpoofGuard"), kept.stream().map(OvsFlow::table).toList());
        assertEquals(List.of(OvsReader.DUMP_FLOWS), asked);
    }

    @Test
    void oneTableIsSelectedByOvsByItsIdAndKeptByNameOrId() {
        FlowFilter classifier = FlowFilter.ALL.withTable(new FlowTables.Table(3, "Classifier"));
        List<OvsFlow> kept = new ArrayList<>();
        new FlowQuery(node(DUMP), FlowFilter.ALL, "3", null).flows(AGENT, classifier, kept::add);
        assertEquals(
                List.of("Classifier", "Classifier"),
                kept.stream().map(OvsFlow::table).toList());
        assertEquals(
                List.of(List.of("ovs-ofctl", "dump-flows", "br-int", "table=3", "-O", "OpenFlow15", "--names")), asked);
    }
}
