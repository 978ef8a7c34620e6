package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.CliRun;
import io.ipamctl.server.InJvmServerExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm server finds a node's agent in its watch of the Antrea namespace's Pods (no list per
 * `ovs show`): on the real test cluster, node-02's agent is replaced by a Pod of another name between
 * two warm commands (as a DaemonSet restarts it), and the next `ovs show --node node-02` execs into the
 * new one, from the cache. The seed's agent is put back afterwards. Waits are on the server's own
 * report of its watch, never a clock.
 */
@Timeout(300)
class AgentRestartIT {

    private static final String NODE = "node-02";
    private static final String SEED_AGENT = "antrea-agent-j28lw";
    private static final String NEW_AGENT = "antrea-agent-it" + Long.toHexString(System.nanoTime() & 0xffff);
    private static final String LABEL = "pods in kube-system";

    @TempDir
    static Path dir;

    @RegisterExtension
    static final InJvmServerExtension server = new InJvmServerExtension("ipamctl-agent-it-");

    @BeforeAll
    static void start() {
        RealCluster.kubeconfig();
    }

    @AfterAll
    static void stop() throws Exception {
        if (RealCluster.kubectlResult("get", "pod", "-n", "kube-system", SEED_AGENT)
                        .code()
                != 0) {
            agent(SEED_AGENT);
        }
        RealCluster.kubectlResult(
                "delete", "pod", "-n", "kube-system", NEW_AGENT, "--ignore-not-found", "--grace-period=0", "--force");
    }

    /** An agent Pod on NODE as the seed makes one: no status (the stand-in and kwok make it Running). */
    private static void agent(String name) throws InterruptedException {
        RealCluster.create(dir, """
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "%s", "namespace": "kube-system",
                              "labels": {"app": "antrea", "component": "antrea-agent"}},
                 "spec": {"nodeName": "%s", "hostNetwork": true,
                          "containers": [{"name": "antrea-agent", "image": "antrea/antrea-agent-ubuntu:v2.4.0"},
                                         {"name": "antrea-ovs", "image": "antrea/antrea-agent-ubuntu:v2.4.0"}]}}""".formatted(name, NODE));
        while (!RealCluster.kubectl("get", "pod", "-n", "kube-system", name, "-o", "jsonpath={.status.phase}")
                .equals("Running")) {
            Thread.sleep(20);
        }
    }

    private static CliRun.Result ovsShow() {
        CliRun.Result r = server.run(dir, RealCluster.kubeconfig(), "-v", "ovs", "show", "--node", NODE);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    /** The server's watch of kube-system's Pods: {held, revision, lists}. */
    private static long[] pods() {
        InJvmServerExtension.Kept kept = server.kept(LABEL);
        return new long[] {kept.held(), kept.revision(), kept.lists()};
    }

    @Test
    void anAgentReplacedBetweenTwoWarmCommandsIsTheOneTheNextExecReaches() throws Exception {
        String seed =
                RealCluster.kubectl("get", "pod", "-n", "kube-system", SEED_AGENT, "-o", "jsonpath={.spec.nodeName}");
        assertEquals(NODE, seed, "the seed's agent of " + NODE);
        CliRun.Result first = ovsShow();
        assertTrue(first.err().contains("/pods/" + SEED_AGENT + "/exec?"), first.err());
        long[] before = pods();

        agent(NEW_AGENT);
        long created = Long.parseLong(RealCluster.kubectl(
                "get", "pod", "-n", "kube-system", NEW_AGENT, "-o", "jsonpath={.metadata.resourceVersion}"));
        RealCluster.kubectl("delete", "pod", "-n", "kube-system", SEED_AGENT, "--grace-period=0", "--force");
        // the watch has both: the new Pod as Running (revision) and the old one gone (as many Pods as before)
        while (pods()[1] < created || pods()[0] != before[0]) {
            Thread.sleep(20);
        }

        CliRun.Result second = ovsShow();
        assertTrue(second.err().contains("/pods/" + NEW_AGENT + "/exec?"), second.err());
        assertFalse(second.err().contains("/pods/" + SEED_AGENT + "/"), second.err());
        assertTrue(second.err().contains("cache: " + LABEL + " from the server's cache"), second.err());
        assertEquals(first.out(), second.out(), "the same node's OVS, through the new agent");
        assertEquals(before[2], pods()[2], "no list: the watch brought the restart");
    }
}
