package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.health.AgentRules;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The warm server's agent lookup (ovs show, ovs flows, trace) reads the Antrea namespace's Pods from
 * its watch: no request per command, and an agent restarted between two commands (a new Pod of a new
 * name) is the one found, without listing again.
 */
class AgentPodsCacheTest {

    private static final String PODS = "/api/v1/namespaces/kube-system/pods";

    @RegisterExtension
    final FakeApiExtension fake = new FakeApiExtension();

    FakeWatchApi api;
    ClusterCache cache;

    @BeforeEach
    void start() throws Exception {
        api = fake.api();
        cache = fake.cache("token");
    }

    /** A Pod of kube-system as the API server lists it; agent: with the agent's labels. */
    private static String pod(String name, String node, boolean agent, boolean deleting, long rv) {
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"NAME\",\"namespace\":\"kube-system\","
                        + "\"resourceVersion\":\"RV\""
                        + (deleting ? ",\"deletionTimestamp\":\"2026-12-05T10:00:00Z\"" : "")
                        + (agent ? ",\"labels\":{\"app\":\"antrea\",\"component\":\"antrea-agent\"}" : "")
                        + "},\"spec\":{\"nodeName\":\"NODE\",\"containers\":[{\"name\":\"antrea-agent\"},"
                        + "{\"name\":\"antrea-ovs\"}]},\"status\":{\"phase\":\"Running\",\"containerStatuses\":"
                        + "[{\"name\":\"antrea-ovs\",\"ready\":true}]}}")
                .replace("NAME", name)
                .replace("NODE", node)
                .replace("RV", Long.toString(rv));
    }

    private AntreaAgents.Lookup lookup(String node) {
        return new AntreaAgents(cache.client(), "kube-system", cache).forNode(node);
    }

    @Test
    void anAgentRestartedBetweenTwoCommandsIsFoundFromTheWatch() throws Exception {
        api.put(PODS, "kube-system/antrea-agent-old", rv -> pod("antrea-agent-old", "node-01", true, false, rv));
        api.put(PODS, "kube-system/coredns-1", rv -> pod("coredns-1", "node-01", false, false, rv));
        assertEquals(
                new AntreaAgents.Lookup("node-01", new AgentPod("node-01", "kube-system", "antrea-agent-old"), null),
                lookup("node-01"));
        BlockingQueue<String> watch = api.nextWatch(PODS);
        // the DaemonSet replaces the agent: the old Pod goes, a new one of another name comes
        watch.add(FakeWatchApi.event("DELETED", pod("antrea-agent-old", "node-01", true, true, 120)));
        watch.add(FakeWatchApi.event("ADDED", pod("antrea-agent-new", "node-01", true, false, 121)));
        cache.watched(AntreaAgents.namespacePods("kube-system")).awaitEvents(2);
        assertEquals(
                new AntreaAgents.Lookup("node-01", new AgentPod("node-01", "kube-system", "antrea-agent-new"), null),
                lookup("node-01"));
        assertEquals(1, api.count("GET " + PODS + "?limit="), "one list, then the watch: " + api.requests);
    }

    @Test
    void duringARestartTheAgentBeingDeletedIsNotTheOneAsked() throws Exception {
        api.put(PODS, "kube-system/antrea-agent-a", rv -> pod("antrea-agent-a", "node-01", true, true, rv));
        api.put(PODS, "kube-system/antrea-agent-b", rv -> pod("antrea-agent-b", "node-01", true, false, rv));
        assertEquals(
                new AntreaAgents.Lookup("node-01", new AgentPod("node-01", "kube-system", "antrea-agent-b"), null),
                lookup("node-01"));
    }

    /** An agent Pod with its phase, its antrea-ovs readiness and its Ready condition (status, reason). */
    private static String agent(String name, String node, String phase, boolean ovsReady, String ready, String reason) {
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"kube-system\",\"resourceVersion\":\"RV\","
                + "\"labels\":{\"app\":\"antrea\",\"component\":\"antrea-agent\"}},"
                + "\"spec\":{\"nodeName\":\"" + node + "\",\"containers\":[{\"name\":\"antrea-agent\"},"
                + "{\"name\":\"antrea-ovs\"}]},\"status\":{\"phase\":\"" + phase + "\",\"conditions\":"
                + "[{\"type\":\"PodScheduled\",\"status\":\"True\"},{\"type\":\"Ready\",\"status\":\"" + ready + "\""
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}],\"containerStatuses\":"
                + "[{\"name\":\"antrea-agent\",\"ready\":true},{\"name\":\"antrea-ovs\",\"ready\":" + ovsReady
                + "}]}}");
    }

    @Test
    void doctorsAgentChecksReadTheWatchedPodsAndJudgeThemAsAFreshListDoes() throws Exception {
        api.put(
                PODS,
                "kube-system/antrea-agent-a",
                rv -> agent("antrea-agent-a", "node-01", "Running", true, "True", null)
                        .replace("RV", Long.toString(rv)));
        api.put(
                PODS,
                "kube-system/antrea-agent-b",
                rv -> agent("antrea-agent-b", "node-02", "Running", false, "False", "ContainersNotReady")
                        .replace("RV", Long.toString(rv)));
        api.put(
                PODS,
                "kube-system/antrea-agent-c",
                rv -> agent("antrea-agent-c", "node-03", "Running", true, "False", "ReadinessGatesNotReady")
                        .replace("RV", Long.toString(rv)));
        api.put(
                PODS,
                "kube-system/antrea-agent-d",
                rv -> agent("antrea-agent-d", "node-04", "Pending", false, "False", null)
                        .replace("RV", Long.toString(rv)));
        List<AgentRules.AgentPod> expected = List.of(
                new AgentRules.AgentPod("node-01", "antrea-agent-a", null),
                new AgentRules.AgentPod("node-02", "antrea-agent-b", "has container antrea-ovs not ready"),
                new AgentRules.AgentPod("node-03", "antrea-agent-c", "is not Ready (ReadinessGatesNotReady)"),
                new AgentRules.AgentPod("node-04", "antrea-agent-d", "is Pending"));
        DoctorReads reads =
                new DoctorReads(cache.client(), "kube-system", new AntreaAgents(cache.client(), "kube-system", cache));
        assertEquals(expected, reads.agentPods());
        api.nextWatch(PODS);
        assertEquals(expected, reads.agentPods());
        assertEquals(1, lists(), "one list, then the watch: " + api.requests);
        // a plain process lists the agents (by their labels) each time, with the same answer
        assertEquals(expected, new AntreaAgents(cache.client(), "kube-system").pods());
        assertEquals(2, lists(), api.requests.toString());
    }

    /** The lists of kube-system's Pods asked so far (a watch is no list). */
    private long lists() {
        return api.requests.stream()
                .filter(r -> r.startsWith("GET " + PODS + "?") && !r.contains("watch=1"))
                .count();
    }
}
