package io.ipamctl.commands.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.kube.AgentPod;
import io.ipamctl.kube.AntreaAgents;
import io.ipamctl.kube.FlowQuery;
import io.ipamctl.kube.NodeFanOut;
import io.ipamctl.kube.OvsReader;
import io.ipamctl.output.FlowView;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.TableRenderer;
import io.ipamctl.ovs.FlowFilter;
import io.ipamctl.ovs.FlowParser;
import io.ipamctl.ovs.OvsFlow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "flows",
        header = "Show the OpenFlow flows of br-int as a table, filtered by table, Pod or IP.",
        description = {
            "Runs `ovs-ofctl dump-flows br-int -O OpenFlow15 --names` (as Antrea does) in the antrea-ovs",
            "container and parses it line by line: TABLE (Antrea's table name), PRIORITY, PACKETS, BYTES,",
            "MATCH, ACTIONS. Lines that are not flows are reported on stderr, never dropped silently.",
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

    @Option(names = "--ip", paramLabel = "IP", description = "Only flows that mention this address.")
    String ip;

    @Option(names = "--summary", description = "Count flows, packets and bytes per table instead of listing flows.")
    boolean summary;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    /** Rows that set the column widths of a streamed flow table (more rows are printed with those widths). */
    static final int WIDTH_PROBE_ROWS = 1000;

    @Override
    public Integer call() {
        OutputFormat format = output.format(OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.YAML,
                OutputFormat.NAME);
        nodeOptions.validate();
        FlowFilter filter = FlowFilter.ALL.withTable(table);
        if (ip != null) {
            IpAddress parsed = IpAddress.tryParse(ip).orElseThrow(() -> IpamctlException.invalid("--ip \""
                    + SafeText.printable(ip) + "\" is not a valid IP address"));
            filter = filter.mentioning(List.of(parsed.toString()));
        }
        Session session = IpamctlCommand.session(spec);
        FlowQuery query = new FlowQuery(new OvsReader(session.nodeExec(), session.requestTimeout()), filter,
                nodeOptions.pod(session));
        List<AntreaAgents.Lookup> targets = nodeOptions.targets(session);
        if (summary) {
            return summary(session, query, targets, format);
        }
        return format == OutputFormat.TABLE ? streamedTable(session, query, targets, format)
                : document(session, query, targets, format);
    }

    /** --summary: per-table counts only, nothing to stream. */
    private int summary(Session session, FlowQuery query, List<AntreaAgents.Lookup> targets, OutputFormat format) {
        List<NodeFanOut.Outcome<FlowQuery.Counts>> outcomes = NodeFanOutProgress.run(session, "ovs flows", targets,
                query::count);
        OvsExit.failIfTheOnlyNodeFailed(outcomes);
        List<FlowView.TableSummary> tables = new ArrayList<>();
        for (NodeFanOut.Outcome<FlowQuery.Counts> o : outcomes) {
            if (o.ok()) {
                o.value().tables().forEach((t, c) -> tables.add(new FlowView.TableSummary(o.node(), t, c.flows(), c.packets(),
                        c.bytes())));
                warnMalformed(session, o.node(), o.value().malformed());
            }
        }
        session.printer().print(FlowView.summary(tables), format, output.headers());
        return OvsExit.report(session, outcomes);
    }

    /**
     * The table, printed while the flows are read and never held (100k flows: flat memory). Not closed
     * when the only node failed, so a short table is not printed at all (only the error).
     */
    private int streamedTable(Session session, FlowQuery query, List<AntreaAgents.Lookup> targets, OutputFormat format) {
        TableRenderer.Rows rows = session.printer().tableRows(FlowView.FLOW_COLUMNS, format, output.headers(),
                WIDTH_PROBE_ROWS);
        // no progress line: the rows themselves are on the terminal as they come
        List<NodeFanOut.Outcome<List<FlowParser.Malformed>>> outcomes = NodeFanOut.<List<FlowParser.Malformed>, FlowView.Flow>stream(targets,
                (agent, emit) -> query.flows(agent, f -> emit.accept(flow(agent, f))),
                f -> rows.add(FlowView.cells(f)), done -> { });
        OvsExit.failIfTheOnlyNodeFailed(outcomes);
        rows.close();
        return finish(session, outcomes);
    }

    /** json, yaml, name: the whole list; stream() still hands the flows over on this thread, in node order. */
    private int document(Session session, FlowQuery query, List<AntreaAgents.Lookup> targets, OutputFormat format) {
        List<FlowView.Flow> flows = new ArrayList<>();
        List<NodeFanOut.Outcome<List<FlowParser.Malformed>>> outcomes = NodeFanOut.<List<FlowParser.Malformed>, FlowView.Flow>stream(targets,
                (agent, emit) -> query.flows(agent, f -> emit.accept(flow(agent, f))), flows::add, done -> { });
        OvsExit.failIfTheOnlyNodeFailed(outcomes);
        session.printer().print(FlowView.of(flows), format, output.headers());
        return finish(session, outcomes);
    }

    private static FlowView.Flow flow(AgentPod agent, OvsFlow f) {
        return new FlowView.Flow(agent.node(), f.table(), f.priority(), f.match(), f.actions(), f.packets(), f.bytes());
    }

    private static int finish(Session session, List<NodeFanOut.Outcome<List<FlowParser.Malformed>>> outcomes) {
        outcomes.stream().filter(NodeFanOut.Outcome::ok).forEach(o -> warnMalformed(session, o.node(), o.value()));
        return OvsExit.report(session, outcomes);
    }

    private static void warnMalformed(Session session, String node, List<FlowParser.Malformed> malformed) {
        for (FlowParser.Malformed m : malformed) {
            session.warn("node " + node + ": line " + m.line() + " is not a flow (" + m.reason() + "): " + m.text());
        }
    }
}
