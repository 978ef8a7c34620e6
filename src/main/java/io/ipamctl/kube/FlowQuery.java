package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.ipamctl.IpamctlException;
import io.ipamctl.ovs.FlowFilter;
import io.ipamctl.ovs.FlowParser;
import io.ipamctl.ovs.FlowTotals;
import io.ipamctl.ovs.OvsFlow;
import io.ipamctl.ovs.OvsPortRow;

/**
 * The flows of br-int on one node that a filter keeps (by table and IP) and, for a Pod, that name
 * its port, IPs or MAC: handed over one by one while OVS prints them, or counted per table.
 */
public final class FlowQuery {

    /** A node's per-table totals, in the order the tables first appear, and the lines that were not flows. */
    public record Counts(Map<String, FlowTotals> tables, List<FlowParser.Malformed> malformed) {
    }

    private final OvsReader reader;
    private final FlowFilter filter;
    private final PodRef pod;

    /** @param pod with its namespace, or null for flows of any Pod */
    public FlowQuery(OvsReader reader, FlowFilter filter, PodRef pod) {
        this.reader = reader;
        this.filter = filter;
        this.pod = pod;
    }

    /** Streams the node's matching flows to {@code flows}; returns the lines that were not flows. */
    public List<FlowParser.Malformed> flows(AgentPod agent, Consumer<OvsFlow> flows) {
        FlowFilter f = filterFor(agent);
        List<FlowParser.Malformed> malformed = new ArrayList<>();
        reader.flows(agent, flow -> {
            if (f.test(flow)) {
                flows.accept(flow);
            }
        }, malformed::add);
        return malformed;
    }

    /** Counts the node's matching flows per table; no flow is held. */
    public Counts count(AgentPod agent) {
        Map<String, FlowTotals> tables = new LinkedHashMap<>();
        List<FlowParser.Malformed> malformed = flows(agent, f -> tables.merge(f.table(), FlowTotals.NONE.plus(f),
                (a, b) -> a.plus(f)));
        return new Counts(tables, malformed);
    }

    private FlowFilter filterFor(AgentPod agent) {
        return pod == null ? filter : filter.mentioning(podTokens(agent));
    }

    /** The Pod's port name (quoted, as --names prints it), IPs and MAC, from the node's OVS. */
    private List<String> podTokens(AgentPod agent) {
        List<String> tokens = new ArrayList<>();
        for (OvsPortRow p : reader.snapshot(agent).ports()) {
            if (p.belongsTo(pod.namespace(), pod.name())) {
                tokens.add("\"" + p.port() + "\"");
                tokens.add(p.port());
                tokens.addAll(p.ips());
                if (p.mac() != null) {
                    tokens.add(p.mac());
                }
            }
        }
        if (tokens.isEmpty()) {
            throw IpamctlException.failed("pod " + pod.text() + " has no OVS port on node " + agent.node());
        }
        return tokens;
    }
}
