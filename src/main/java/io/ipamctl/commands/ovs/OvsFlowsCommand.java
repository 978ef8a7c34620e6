package io.ipamctl.commands.ovs;

import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.commands.ValueForms;
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
import io.ipamctl.ovs.FlowTables;
import io.ipamctl.ovs.OvsFlow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "flows",
        header = "Show the OpenFlow flows of br-int as a table, filtered by table, Pod or IP.",
        description = {
            "Runs `ovs-ofctl dump-flows br-int -O OpenFlow15 --names` (as Antrea does) in the antrea-ovs "
                    + "container and parses it line by line: TABLE (Antrea's table name), PRIORITY, PACKETS, BYTES, "
                    + "MATCH, ACTIONS. Lines that are not flows are reported on stderr, never dropped silently.",
            "--table takes a table's name (any case) or its ID: table 3 is Classifier on an Antrea node. A name or ID "
                    + "the node does not have is an error (exit 2) that lists the node's tables.",
            "--diff compares two nodes, or a dump saved with -o json with the same nodes now (or with a node, or "
                    + "another dump): per table, flows only on one side and flows whose actions changed. Cookies, "
                    + "durations and counters never count; port numbers are compared as the port names of each side. "
                    + "Exit 3 when they differ, 0 when not.",
            "Output: table (default), json, yaml (ipamctl/v1 OvsFlowList / OvsFlowTableSummary / OvsFlowDiff), name."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl ovs flows --node node-01 --table Classifier",
            "  ipamctl ovs flows --node node-01 --table 3      # the same table by its ID",
            "  ipamctl ovs flows --pod ns-db/db-01        # flows that name the Pod's port, IP or MAC",
            "  ipamctl ovs flows --node node-01 --ip 172.16.20.48",
            "  ipamctl ovs flows --summary                # flows and packets per table, every node",
            "  ipamctl ovs flows --diff node-01 node-02 --table IngressRule",
            "  ipamctl ovs flows -o json > before.json    # later:",
            "  ipamctl ovs flows --diff before.json       # what changed on each node since"
        })
public final class OvsFlowsCommand implements Callable<Integer> {

    @Mixin
    NodeOptions nodeOptions;

    @Option(
            names = "--table",
            paramLabel = "NAME|ID",
            description = "Only flows of this table: its name as the node names it (any case) or its ID 0-254.")
    String table;

    @Option(
            names = "--ip",
            paramLabel = "IP",
            converter = ValueForms.Ip.class,
            description = "Only flows that mention this address.")
    String ip;

    @Option(names = "--summary", description = "Count flows, packets and bytes per table instead of listing flows.")
    boolean summary;

    @Option(
            names = "--diff",
            arity = "1..2",
            paramLabel = "NODE|FILE",
            description = "Compare two nodes' flows, or a dump saved with -o json with now (or with a node or "
                    + "another dump); exit 3 when they differ.")
    List<String> diff;

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
        FlowFilter filter = FlowFilter.ALL;
        if (table != null && table.matches("\\d+") && FlowTables.id(table) == null) {
            throw IpamctlException.invalid(
                    "--table must be a table name or an ID from 0 to " + FlowTables.MAX_ID + ", got " + table);
        }
        if (ip != null) {
            IpAddress parsed = IpAddress.tryParse(ip)
                    .orElseThrow(() -> IpamctlException.invalid(
                            "--ip \"" + SafeText.printable(ip) + "\" is not a valid IP address"));
            filter = filter.mentioning(List.of(parsed.toString()));
        }
        if (diff != null) {
            refuseWithDiff(format);
        }
        Session session = IpamctlCommand.session(spec);
        FlowQuery query = new FlowQuery(
                new OvsReader(session.nodeExec(), session.requestTimeout()), filter, table, nodeOptions.pod(session));
        if (diff != null) {
            List<FlowDiffRun.SideArg> sides =
                    diff.stream().map(d -> FlowDiffRun.side(session, d)).toList();
            return new FlowDiffRun(session, query, nodeOptions.agents(session))
                    .run(sides, nodeOptions.nodes, format, output.headers());
        }
        List<AntreaAgents.Lookup> targets = nodeOptions.targets(session);
        if (format != OutputFormat.TABLE && !summary) {
            return document(session, query, targets, format);
        }
        FlowFilter base = filter;
        Function<AgentPod, FlowFilter> filters =
                query.needsNodeState() ? nodeFilters(session, query, targets) : agent -> base;
        return summary
                ? summary(session, query, filters, targets, format)
                : streamedTable(session, query, filters, targets, format);
    }

    /** What --diff compares is all of each side's flows, by table and address only. */
    private void refuseWithDiff(OutputFormat format) {
        if (summary || nodeOptions.pod != null || format == OutputFormat.NAME) {
            throw IpamctlException.invalid(
                    "--diff compares whole flows: it cannot be combined with --summary, --pod or -o name");
        }
        if (diff.size() == 2 && !nodeOptions.nodes.isEmpty()) {
            throw IpamctlException.invalid(
                    "--diff names the two sides itself; --node only picks the nodes of one saved dump");
        }
    }

    /**
     * Each node's filter, from its own OVS (its table names, the Pod's port): asked of every node
     * before any flow is printed, so an unknown table is one error (exit 2) and not a half table.
     */
    private Function<AgentPod, FlowFilter> nodeFilters(
            Session session, FlowQuery query, List<AntreaAgents.Lookup> targets) {
        List<NodeFanOut.Outcome<FlowQuery.NodeFilter>> outcomes =
                NodeFanOutProgress.run(session, "ovs flows", targets, query::prepare);
        OvsExit.failIfTheOnlyNodeFailed(outcomes);
        Map<String, NodeFanOut.Outcome<FlowQuery.NodeFilter>> byNode = new HashMap<>();
        for (NodeFanOut.Outcome<FlowQuery.NodeFilter> o : outcomes) {
            if (o.ok() && o.value().tableUnknown()) {
                throw unknownTable(table, o.node(), o.value().tables());
            }
            byNode.put(o.node(), o);
        }
        return agent -> {
            NodeFanOut.Outcome<FlowQuery.NodeFilter> o = byNode.get(agent.node());
            if (!o.ok()) {
                throw IpamctlException.failed(o.error()); // the node failed before: the same error again
            }
            return o.value().filter();
        };
    }

    /** Exit 2, naming the tables the node has. */
    static IpamctlException unknownTable(String table, String node, FlowTables tables) {
        List<FlowTables.Table> known = tables.all();
        return IpamctlException.invalid("unknown table \"" + SafeText.printable(table) + "\" on node " + node + "; "
                + (known.isEmpty()
                        ? "it names no tables: use an ID from 0 to " + FlowTables.MAX_ID
                        : "its tables are "
                                + known.stream().map(FlowTables.Table::label).collect(Collectors.joining(", "))));
    }

    /** --summary: per-table counts only, nothing to stream. */
    private int summary(
            Session session,
            FlowQuery query,
            Function<AgentPod, FlowFilter> filters,
            List<AntreaAgents.Lookup> targets,
            OutputFormat format) {
        List<NodeFanOut.Outcome<FlowQuery.Counts>> outcomes = NodeFanOutProgress.run(
                session, "ovs flows", targets, agent -> query.count(agent, filters.apply(agent)));
        OvsExit.failIfTheOnlyNodeFailed(outcomes);
        List<FlowView.TableSummary> tables = new ArrayList<>();
        for (NodeFanOut.Outcome<FlowQuery.Counts> o : outcomes) {
            if (o.ok()) {
                o.value()
                        .tables()
                        .forEach((t, c) ->
                                tables.add(new FlowView.TableSummary(o.node(), t, c.flows(), c.packets(), c.bytes())));
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
    private int streamedTable(
            Session session,
            FlowQuery query,
            Function<AgentPod, FlowFilter> filters,
            List<AntreaAgents.Lookup> targets,
            OutputFormat format) {
        TableRenderer.Rows rows =
                session.printer().tableRows(FlowView.FLOW_COLUMNS, format, output.headers(), WIDTH_PROBE_ROWS);
        // no progress line: the rows themselves are on the terminal as they come
        var outcomes = stream(query, filters, targets, f -> rows.add(FlowView.cells(f)));
        OvsExit.failIfTheOnlyNodeFailed(outcomes);
        rows.close();
        return finish(session, outcomes);
    }

    /** json, yaml, name: the whole list, with each node's port names so a saved dump can be compared later. */
    private int document(Session session, FlowQuery query, List<AntreaAgents.Lookup> targets, OutputFormat format) {
        List<NodeFanOut.Outcome<FlowQuery.Dump>> outcomes =
                NodeFanOutProgress.run(session, "ovs flows", targets, query::dump);
        OvsExit.failIfTheOnlyNodeFailed(outcomes);
        List<FlowView.Flow> flows = new ArrayList<>();
        List<FlowView.NodePorts> nodes = new ArrayList<>();
        for (NodeFanOut.Outcome<FlowQuery.Dump> o : outcomes) {
            if (!o.ok()) {
                continue;
            }
            if (o.value().tableUnknown()) {
                throw unknownTable(table, o.node(), o.value().tables());
            }
            o.value().flows().forEach(f -> flows.add(flow(o.agent(), f)));
            nodes.add(new FlowView.NodePorts(o.node(), o.value().ports()));
            warnMalformed(session, o.node(), o.value().malformed());
        }
        session.printer().print(FlowView.of(flows, nodes), format, output.headers());
        return OvsExit.report(session, outcomes);
    }

    /** Every node's flows, handed to {@code sink} on this thread in node order as they are read. */
    private static List<NodeFanOut.Outcome<List<FlowParser.Malformed>>> stream(
            FlowQuery query,
            Function<AgentPod, FlowFilter> filters,
            List<AntreaAgents.Lookup> targets,
            Consumer<FlowView.Flow> sink) {
        return NodeFanOut.<List<FlowParser.Malformed>, FlowView.Flow>stream(
                targets,
                (agent, emit) -> query.flows(agent, filters.apply(agent), f -> emit.accept(flow(agent, f))),
                sink,
                done -> {});
    }

    private static FlowView.Flow flow(AgentPod agent, OvsFlow f) {
        return new FlowView.Flow(agent.node(), f.table(), f.priority(), f.match(), f.actions(), f.packets(), f.bytes());
    }

    private static int finish(Session session, List<NodeFanOut.Outcome<List<FlowParser.Malformed>>> outcomes) {
        outcomes.stream().filter(NodeFanOut.Outcome::ok).forEach(o -> warnMalformed(session, o.node(), o.value()));
        return OvsExit.report(session, outcomes);
    }

    static void warnMalformed(Session session, String node, List<FlowParser.Malformed> malformed) {
        for (FlowParser.Malformed m : malformed) {
            session.warn("node " + node + ": line " + m.line() + " is not a flow (" + m.reason() + "): " + m.text());
        }
    }
}
