package io.ipamctl.kube;

import io.ipamctl.IpamctlException;
import io.ipamctl.ovs.FlowParser;
import io.ipamctl.ovs.OvsFlow;
import io.ipamctl.ovs.OvsParseException;
import io.ipamctl.ovs.OvsPortRow;
import io.ipamctl.ovs.OvsSnapshot;
import io.ipamctl.ovs.VsctlShow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Runs the OVS tools in a node's antrea-ovs container and hands their output to the parsers. */
public final class OvsReader {

    /** Antrea's bridge and the OpenFlow version its agent programs it with. */
    public static final String BRIDGE = "br-int";

    public static final List<String> DUMP_FLOWS =
            List.of("ovs-ofctl", "dump-flows", BRIDGE, "-O", "OpenFlow15", "--names");

    private final NodeExec exec;
    private final Duration timeout;

    public OvsReader(NodeExec exec, Duration timeout) {
        this.exec = exec;
        this.timeout = timeout;
    }

    public OvsSnapshot snapshot(AgentPod agent) {
        ExecResult r = checked(agent, OvsSnapshot.COMMAND, exec.run(agent, OvsSnapshot.COMMAND, timeout));
        try {
            return OvsSnapshot.parse(r.stdout());
        } catch (OvsParseException e) {
            throw IpamctlException.failed("node " + agent.node() + ": " + e.getMessage());
        }
    }

    /** The node's OVS state; with a Pod (null for none), which must have a port there, as every ovs --pod says. */
    public OvsSnapshot snapshot(AgentPod agent, PodRef pod) {
        OvsSnapshot s = snapshot(agent);
        if (pod != null && s.portsOf(pod.namespace(), pod.name()).isEmpty()) {
            throw IpamctlException.failed(noPort(pod, agent));
        }
        return s;
    }

    /** `ovs-vsctl show` as OVS prints it (for -o raw). */
    public String showText(AgentPod agent) {
        List<String> argv = List.of("ovs-vsctl", "show");
        return checked(agent, argv, exec.run(agent, argv, timeout)).stdout();
    }

    /** `ovs-vsctl show` cut to the Pod's port (and its bridge's and the switch's own lines). */
    public String showText(AgentPod agent, PodRef pod) {
        Set<String> ports = snapshot(agent, pod).portsOf(pod.namespace(), pod.name()).stream()
                .map(OvsPortRow::port)
                .collect(Collectors.toSet());
        String text = VsctlShow.onlyPorts(showText(agent), ports);
        if (text.isEmpty()) {
            throw IpamctlException.failed("ovs-vsctl show on node " + agent.node() + " lacks port "
                    + String.join(", ", ports) + " of pod " + pod.text());
        }
        return text;
    }

    /** "pod NS/NAME has no OVS port on node N". */
    static String noPort(PodRef pod, AgentPod agent) {
        return "pod " + pod.text() + " has no OVS port on node " + agent.node();
    }

    /** Streams the flows of br-int without holding the text. */
    public void flows(AgentPod agent, Consumer<OvsFlow> flows, Consumer<FlowParser.Malformed> malformed) {
        flows(agent, null, flows, malformed);
    }

    /** Streams the flows of one table of br-int (OVS selects them: less to send), or of all when tableId is null. */
    public void flows(
            AgentPod agent, Integer tableId, Consumer<OvsFlow> flows, Consumer<FlowParser.Malformed> malformed) {
        List<String> argv = DUMP_FLOWS;
        if (tableId != null) {
            argv = new ArrayList<>(DUMP_FLOWS);
            argv.add(3, "table=" + tableId);
        }
        List<String> command = argv;
        ExecResult r = exec.stream(agent, command, timeout, in -> FlowParser.stream(in, flows, malformed));
        checked(agent, command, r);
    }

    /** `ovs-appctl ofproto/trace br-int FLOW` output. */
    public String trace(AgentPod agent, String flow) {
        List<String> argv = List.of("ovs-appctl", "ofproto/trace", BRIDGE, flow);
        return checked(agent, argv, exec.run(agent, argv, timeout)).stdout();
    }

    private static ExecResult checked(AgentPod agent, List<String> argv, ExecResult r) {
        if (r.ok()) {
            return r;
        }
        String err = r.stderr().strip();
        int nl = err.indexOf('\n');
        String first = nl < 0 ? err : err.substring(0, nl);
        if (r.exitCode() == 126 || r.exitCode() == PodExec.NOT_FOUND || first.contains("executable file not found")) {
            throw IpamctlException.failed(argv.get(0) + " is missing in container " + AntreaAgents.OVS_CONTAINER
                    + " of " + agent.name() + " (node " + agent.node() + ")");
        }
        throw IpamctlException.failed(argv.get(0) + " failed on node " + agent.node() + " (exit " + r.exitCode() + ")"
                + (first.isEmpty() ? "" : ": " + first));
    }
}
