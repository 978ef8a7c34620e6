package io.ipamctl.kube;

import io.ipamctl.IpamctlException;
import io.ipamctl.ovs.FlowFilter;
import io.ipamctl.ovs.FlowParser;
import io.ipamctl.ovs.FlowTables;
import io.ipamctl.ovs.FlowTotals;
import io.ipamctl.ovs.OvsFlow;
import io.ipamctl.ovs.OvsPortRow;
import io.ipamctl.ovs.OvsSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The flows of br-int on one node that a filter keeps (by IP), of one table, and for a Pod those
 * that name its port, IPs or MAC: handed over one by one while OVS prints them, or counted per table.
 * A table and a Pod are looked up in the node's own OVS first ({@link #prepare}), since table names
 * and port names are the node's.
 */
public final class FlowQuery {

    /** A node's per-table totals, in the order the tables first appear, and the lines that were not flows. */
    public record Counts(Map<String, FlowTotals> tables, List<FlowParser.Malformed> malformed) {}

    /**
     * What the node's OVS made of the query: the filter for its flows, or (filter null) that it has
     * no table of that name or ID, with the tables it has.
     */
    public record NodeFilter(FlowFilter filter, FlowTables tables) {
        public boolean tableUnknown() {
            return filter == null;
        }
    }

    private final OvsReader reader;
    private final FlowFilter filter;
    private final String table;
    private final PodRef pod;

    /**
     * @param table a table name or ID as the user gave it, or null for every table
     * @param pod   with its namespace, or null for flows of any Pod
     */
    public FlowQuery(OvsReader reader, FlowFilter filter, String table, PodRef pod) {
        this.reader = reader;
        this.filter = filter;
        this.table = table;
        this.pod = pod;
    }

    /** The table as the user gave it, or null. */
    public String table() {
        return table;
    }

    /**
     * The filter for flows saved earlier when no node is asked now: a table by its name as the dump
     * prints it (an ID only matches a dump of a node that names no tables).
     */
    public FlowFilter savedFilter() {
        if (table == null) {
            return filter;
        }
        Integer id = FlowTables.id(table);
        return filter.withTable(new FlowTables.Table(id == null ? -1 : id, id == null ? table : null));
    }

    /** Whether {@link #prepare} needs the node's OVS state (one more call per node). */
    public boolean needsNodeState() {
        return table != null || pod != null;
    }

    /**
     * A node's flows held for a document or a comparison, with the names of its OpenFlow ports; flows
     * null when the node has no table of that name or ID (tables then lists those it has).
     */
    public record Dump(
            List<OvsFlow> flows,
            Map<Long, String> ports,
            FlowTables tables,
            FlowFilter filter,
            List<FlowParser.Malformed> malformed) {
        public boolean tableUnknown() {
            return flows == null;
        }
    }

    /** The filter for one node: its table of that name or ID, and the Pod's port, IPs and MAC there. */
    public NodeFilter prepare(AgentPod agent) {
        return needsNodeState() ? filterFor(agent, reader.snapshot(agent)) : new NodeFilter(filter, null);
    }

    /** The node's flows that the query keeps, in memory, and its port names (one more call to the node). */
    public Dump dump(AgentPod agent) {
        OvsSnapshot snapshot = reader.snapshot(agent);
        Map<Long, String> ports = new TreeMap<>();
        snapshot.ports().stream()
                .filter(p -> p.ofport() != null && p.ofport() >= 0)
                .forEach(p -> ports.put(p.ofport(), p.port()));
        NodeFilter nodeFilter = filterFor(agent, snapshot);
        if (nodeFilter.tableUnknown()) {
            return new Dump(null, ports, nodeFilter.tables(), null, List.of());
        }
        List<OvsFlow> flows = new ArrayList<>();
        List<FlowParser.Malformed> malformed = flows(agent, nodeFilter.filter(), flows::add);
        return new Dump(flows, ports, null, nodeFilter.filter(), malformed);
    }

    private NodeFilter filterFor(AgentPod agent, OvsSnapshot snapshot) {
        FlowFilter f = filter;
        if (table != null) {
            FlowTables tables = new FlowTables(snapshot.tableNames());
            Optional<FlowTables.Table> found = tables.find(table);
            if (found.isEmpty()) {
                return new NodeFilter(null, tables);
            }
            f = f.withTable(found.get());
        }
        return new NodeFilter(pod == null ? f : f.mentioning(podTokens(agent, snapshot)), null);
    }

    /** Streams the node's flows that the filter keeps to {@code flows}; returns the lines that were not flows. */
    public List<FlowParser.Malformed> flows(AgentPod agent, FlowFilter nodeFilter, Consumer<OvsFlow> flows) {
        List<FlowParser.Malformed> malformed = new ArrayList<>();
        Integer tableId = nodeFilter.table() == null ? null : nodeFilter.table().id();
        reader.flows(
                agent,
                tableId,
                flow -> {
                    if (nodeFilter.test(flow)) {
                        flows.accept(flow);
                    }
                },
                malformed::add);
        return malformed;
    }

    /** Counts the node's flows that the filter keeps, per table; no flow is held. */
    public Counts count(AgentPod agent, FlowFilter nodeFilter) {
        Map<String, FlowTotals> tables = new LinkedHashMap<>();
        List<FlowParser.Malformed> malformed =
                flows(agent, nodeFilter, f -> tables.merge(f.table(), FlowTotals.NONE.plus(f), (a, b) -> a.plus(f)));
        return new Counts(tables, malformed);
    }

    /** The Pod's port name (quoted, as ovs-ofctl prints names), IPs and MAC. */
    private List<String> podTokens(AgentPod agent, OvsSnapshot snapshot) {
        List<String> tokens = new ArrayList<>();
        for (OvsPortRow p : snapshot.portsOf(pod.namespace(), pod.name())) {
            tokens.add("\"" + p.port() + "\"");
            tokens.add(p.port());
            tokens.addAll(p.ips());
            if (p.mac() != null) {
                tokens.add(p.mac());
            }
        }
        if (tokens.isEmpty()) {
            throw IpamctlException.failed(OvsReader.noPort(pod, agent));
        }
        return tokens;
    }
}
