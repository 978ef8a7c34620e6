package io.ipamctl.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks `agents` (an Antrea agent Pod Ready on every Node: without it no Pod there gets an address) and
 * `agent-ovs` (its antrea-ovs container answers an exec: what `ovs` and `trace --local` depend on).
 */
public final class AgentRules {

    public static final String AGENTS = "agents";
    public static final String AGENT_OVS = "agent-ovs";

    /**
     * An agent Pod.
     *
     * @param notReady why it is not Ready ("Pending", "container antrea-agent not ready"), null when Ready
     */
    public record AgentPod(String node, String name, String notReady) {}

    /**
     * The answer of one node's antrea-ovs container.
     *
     * @param problem   what went wrong, null when it answered and br-int exists
     * @param forbidden the exec was refused by RBAC
     */
    public record OvsProbe(String node, String pod, String problem, boolean forbidden) {}

    private AgentRules() {}

    /**
     * @param nodes     every Node's name
     * @param agents    the agent Pods (labels app=antrea,component=antrea-agent) of the Antrea namespace
     */
    public static CheckResult agents(String namespace, List<String> nodes, List<AgentPod> agents) {
        if (agents.isEmpty()) {
            return CheckResult.failed(
                    AGENTS,
                    "no Antrea agent Pods (labels app=antrea,component=antrea-agent) in namespace " + namespace
                            + ": no Pod gets an address",
                    "install Antrea, or name the namespace it runs in " + "(--antrea-namespace)");
        }
        Map<String, List<AgentPod>> byNode = new TreeMap<>();
        nodes.forEach(n -> byNode.put(n, new ArrayList<>()));
        agents.forEach(a -> byNode.computeIfAbsent(a.node() == null ? "(no node)" : a.node(), k -> new ArrayList<>())
                .add(a));
        List<String> bad = new ArrayList<>();
        List<String> pods = new ArrayList<>();
        byNode.forEach((node, list) -> {
            if (list.isEmpty()) {
                bad.add(node + ": no agent Pod");
            } else if (list.stream().noneMatch(a -> a.notReady() == null)) {
                AgentPod a = list.get(0);
                bad.add(node + ": " + a.name() + " " + a.notReady());
                pods.add(a.name());
            }
        });
        if (bad.isEmpty()) {
            return CheckResult.ok(
                    AGENTS,
                    "an Antrea agent is Ready on "
                            + (nodes.size() == 1 ? "the node" : "all " + nodes.size() + " nodes"));
        }
        return CheckResult.failed(
                AGENTS,
                "not Ready on " + bad.size() + " of " + byNode.size() + " nodes (" + String.join("; ", bad)
                        + "): Pods there get no address",
                pods.isEmpty()
                        ? "check the antrea-agent DaemonSet: kubectl -n " + namespace
                                + " describe daemonset antrea-agent"
                        : "see why: kubectl -n " + namespace + " describe pod " + pods.get(0)
                                + " (and its antrea-agent and antrea-ovs logs)");
    }

    public static CheckResult agentOvs(String namespace, List<OvsProbe> probes) {
        if (probes.isEmpty()) {
            return CheckResult.failed(AGENT_OVS, "no Antrea agent to ask", "see the agents check");
        }
        List<OvsProbe> failed = probes.stream().filter(p -> p.problem() != null).toList();
        if (failed.isEmpty()) {
            return CheckResult.ok(
                    AGENT_OVS,
                    "antrea-ovs answered on " + (probes.size() == 1 ? "the node" : "all " + probes.size() + " nodes")
                            + " and has bridge br-int");
        }
        if (failed.stream().allMatch(OvsProbe::forbidden)) {
            return CheckResult.warning(
                    AGENT_OVS,
                    "not checked: you may not exec into the agent Pods (create pods/exec in " + "namespace " + namespace
                            + ")",
                    "ask for the ipamctl-admin role of deploy/rbac.yaml to use the ovs "
                            + "commands and trace --local");
        }
        List<String> nodes =
                failed.stream().map(p -> p.node() + ": " + p.problem()).toList();
        OvsProbe first = failed.get(0);
        return CheckResult.failed(
                AGENT_OVS,
                "antrea-ovs did not answer on " + failed.size() + " of " + probes.size() + " nodes ("
                        + String.join("; ", nodes) + ")",
                first.pod() == null
                        ? "see the agents check"
                        : "see its log: kubectl -n " + namespace + " logs " + first.pod() + " -c antrea-ovs");
    }
}
