package io.ipamctl.commands.ovs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.commands.ValueForms;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.kube.AgentPod;
import io.ipamctl.kube.AntreaAgents;
import io.ipamctl.kube.NodeFanOut;
import io.ipamctl.kube.OvsReader;
import io.ipamctl.output.FlowView;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.TableRenderer;
import io.ipamctl.ovs.FlowFilter;
import io.ipamctl.ovs.FlowParser;
import io.ipamctl.ovs.OvsPortRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "flows",
        header = "Show the OpenFlow flows of br-int as a table, filtered by table, Pod or IP.",
        description = {
            "Runs `ovs-ofctl dump-flows br-int -O OpenFlow15 --names` (as Antrea does) in the antrea-ovs "
                    + "container and parses it line by line: TABLE (Antrea's table name), PRIORITY, PACKETS, BYTES, "
                    + "MATCH, ACTIONS. Lines that are not flows are reported on stderr, never dropped silently.",
            "Output: table (default), json, yaml (ipamctl/v1 OvsFlowList / OvsFlowTableSummary), name."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl ovs flows --node node-01 --table Classifier",
            "  ipamctl ovs flows --pod ns-db/db-01        # flows that name the Pod's port, IP or MAC",
            "  ipamctl ovs flows --node node-01 --ip 172.16.20.48",
            "  ipamctl ovs flows --summary                # flows and packets per table, every node"})
public final class OvsFlowsCommand implements Callable<Integer> {

    @Mixin
    NodeOptions nodeOptions;

    @Option(names = "--table", paramLabel = "NAME|ID", description = "Only flows of this table (name as Antrea names it, or number).")
    String table;

    @Option(names = "--ip", paramLabel = "IP", converter = ValueForms.Ip.class, description = "Only flows that mention this address.")
    String ip;

    @Option(names = "--summary", description = "Count flows, packets and bytes per table instead of listing flows.")
    boolean summary;

    @Mixin
    OutputOptions output = new OutputOptions(
            OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.YAML, OutputFormat.NAME);

    @Spec
    CommandSpec spec;

    /** Rows that set the column widths of a streamed flow table (more rows are printed with those widths). */
    static final int WIDTH_PROBE_ROWS = 1000;

    @Override
    public Integer call() {
        OutputFormat format = output.format();
        nodeOptions.validate();
        FlowFilter base = FlowFilter.ALL.withTable(table);
        if (ip != null) {
            IpAddress parsed = IpAddress.tryParse(ip).orElseThrow(() -> IpamctlException.invalid("--ip \""
                    + SafeText.printable(ip) + "\" is not a valid IP address"));
            base = base.mentioning(List.of(parsed.toString()));
        }
        Session session = IpamctlCommand.session(spec);
        String[] pod = nodeOptions.podRef(session);
        OvsReader reader = new OvsReader(session.nodeExec(), session.requestTimeout());
        FlowFilter filter = base;
        Function<AgentPod, FlowFilter> filterOf =
                agent -> pod == null ? filter : filter.mentioning(podTokens(reader, agent, pod));
        boolean streamed = !summary && (format == OutputFormat.TABLE || format == OutputFormat.WIDE);
        List<NodeFanOut.Outcome<NodeFlows>> outcomes;
        List<FlowView.Flow> flows = new ArrayList<>();
        List<AntreaAgents.Lookup> targets = nodeOptions.targets(session);
        if (summary) {
            // only per-table counts come back: nothing to stream
            outcomes = NodeFanOutProgress.run(session, "ovs flows", targets,
                    agent -> collect(reader, agent, filterOf.apply(agent), f -> { }));
            OvsExit.failIfTheOnlyNodeFailed(outcomes);
        } else if (streamed) {
            // 100k flows are printed while they are read, never held: flat memory. Not closed when the
            // only node failed, so a short table is not printed at all (only the error).
            TableRenderer.Rows rows = session.printer().tableRows(FlowView.FLOW_COLUMNS, format, output.headers(),
                    WIDTH_PROBE_ROWS);
            outcomes = NodeFanOut.<NodeFlows, FlowView.Flow>stream(targets,
                    (agent, emit) -> collect(reader, agent, filterOf.apply(agent), emit), f -> rows.add(FlowView.cells(f)),
                    done -> { }); // no progress line: the rows themselves are on the terminal as they come
            OvsExit.failIfTheOnlyNodeFailed(outcomes);
            rows.close();
        } else {
            // json/yaml hold the whole list; stream() still hands the flows over on this thread, in node order
            outcomes = NodeFanOut.<NodeFlows, FlowView.Flow>stream(targets,
                    (agent, emit) -> collect(reader, agent, filterOf.apply(agent), emit), flows::add, done -> { });
            OvsExit.failIfTheOnlyNodeFailed(outcomes);
        }
        List<FlowView.TableSummary> tables = new ArrayList<>();
        for (NodeFanOut.Outcome<NodeFlows> o : outcomes) {
            if (!o.ok()) {
                continue;
            }
            tables.addAll(o.value().tables());
            for (FlowParser.Malformed m : o.value().malformed()) {
                session.warn("node " + o.node() + ": line " + m.line() + " is not a flow (" + m.reason() + "): " + m.text());
            }
        }
        if (!streamed) {
            session.printer().print(summary ? FlowView.summary(tables) : FlowView.of(flows), format, output.headers());
        }
        return OvsExit.report(session, outcomes);
    }

    /** A node's per-table counts (with --summary) and the lines that were not flows; its flows go to emit. */
    record NodeFlows(List<FlowView.TableSummary> tables, List<FlowParser.Malformed> malformed) {
    }

    private NodeFlows collect(OvsReader reader, AgentPod agent, FlowFilter filter,
                              Consumer<FlowView.Flow> emit) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        List<FlowParser.Malformed> malformed = new ArrayList<>();
        reader.flows(agent, f -> {
            if (!filter.test(f)) {
                return;
            }
            if (summary) {
                long[] c = counts.computeIfAbsent(f.table(), k -> new long[3]);
                c[0]++;
                c[1] += f.packets() == null ? 0 : f.packets();
                c[2] += f.bytes() == null ? 0 : f.bytes();
            } else {
                emit.accept(new FlowView.Flow(agent.node(), f.table(), f.priority(), f.match(), f.actions(), f.packets(),
                        f.bytes()));
            }
        }, malformed::add);
        List<FlowView.TableSummary> tables = new ArrayList<>();
        counts.forEach((t, c) -> tables.add(new FlowView.TableSummary(agent.node(), t, c[0], c[1], c[2])));
        return new NodeFlows(tables, malformed);
    }

    /** The Pod's port name (quoted, as --names prints it), IPs and MAC, from the node's OVS. */
    private static List<String> podTokens(OvsReader reader, AgentPod agent, String[] pod) {
        List<String> tokens = new ArrayList<>();
        for (OvsPortRow p : reader.snapshot(agent).ports()) {
            if (pod[0].equals(p.podNamespace()) && pod[1].equals(p.podName())) {
                tokens.add("\"" + p.port() + "\"");
                tokens.add(p.port());
                tokens.addAll(p.ips());
                if (p.mac() != null) {
                    tokens.add(p.mac());
                }
            }
        }
        if (tokens.isEmpty()) {
            throw IpamctlException.failed("pod " + pod[0] + "/" + pod[1] + " has no OVS port on node " + agent.node());
        }
        return tokens;
    }
}
