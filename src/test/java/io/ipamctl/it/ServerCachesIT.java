package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipamctl.commands.CliRun;
import io.ipamctl.server.InJvmServerExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm server's caches beyond Antrea's IPPools on the real test cluster (ServerCacheIT has
 * those): a Whereabouts IPPool, an Egress and a Pod that kubectl makes reach the next `pool usage`
 * (all sources, the default) by the watches, with no second list; and an address ipamctl releases
 * is free in the very next one. Waits are on the server's own report of its watches, never a clock.
 */
@Timeout(300)
class ServerCachesIT {

    private static final String TAG = Long.toHexString(System.nanoTime() & 0xffff);
    private static final String WHEREABOUTS = "it-cache-" + TAG;
    private static final String EGRESS = "it-cache-" + TAG;
    private static final String POD = "it-cache-" + TAG;

    @TempDir
    static Path dir;

    @RegisterExtension
    static final InJvmServerExtension server = new InJvmServerExtension("ipamctl-caches-it-");

    @BeforeAll
    static void start() {
        RealCluster.kubeconfig();
    }

    @AfterAll
    static void stop() throws Exception {
        RealCluster.kubectlResult(
                "delete", "ippool.whereabouts.cni.cncf.io", "-n", "kube-system", WHEREABOUTS, "--ignore-not-found");
        RealCluster.kubectlResult("delete", "egress", EGRESS, "--ignore-not-found");
        RealCluster.kubectlResult("delete", "pod", "-n", "default", POD, "--ignore-not-found", "--grace-period=0");
    }

    private static CliRun.Result through(String... args) {
        return server.run(dir, RealCluster.kubeconfig(), args);
    }

    /** `pool usage -o json` (every source) through the server: each row by SOURCE/[NAMESPACE/]NAME. */
    private static Map<String, JsonNode> usage() throws IOException {
        CliRun.Result r = through("pool", "usage", "-o", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        for (JsonNode item : new ObjectMapper().readTree(r.out()).path("items")) {
            String ns = item.path("namespace").asText("");
            rows.put(
                    item.path("source").asText() + "/" + (ns.isEmpty() ? "" : ns + "/")
                            + item.path("name").asText(),
                    item);
        }
        return rows;
    }

    /** The state of one kept collection in `server status`: {held, revision, lists, events}. */
    private static long[] collection(String label) {
        InJvmServerExtension.Kept kept = server.kept(label);
        assertEquals("watched", kept.state(), label + ": " + kept);
        return new long[] {kept.held(), kept.revision(), kept.lists(), kept.events()};
    }

    /**
     * Waits (on the server's own report, no clock) until the collection's watch has brought the object as
     * kubectl sees it now: its revision is at least the object's (etcd's revisions only grow).
     */
    private static void awaitWatched(String label, String... kubectlGet) throws InterruptedException {
        List<String> get = new ArrayList<>(List.of("get"));
        get.addAll(List.of(kubectlGet));
        get.addAll(List.of("-o", "jsonpath={.metadata.resourceVersion}"));
        long rv = Long.parseLong(RealCluster.kubectl(get.toArray(String[]::new)).strip());
        while (collection(label)[1] < rv) {
            Thread.sleep(20);
        }
    }

    @Test
    void whatKubectlMakesReachesTheNextUsageByTheWatchesAndAnIpamctlReleaseIsSeenAtOnce() throws Exception {
        Map<String, JsonNode> before = usage();
        long egressUsed = before.get("externalippool/egress-pool").path("used").asLong();
        long nodeUsed = before.get("node/node-01").path("used").asLong();
        long[] pools = collection("Whereabouts IPPools");
        long[] egresses = collection("Egresses");
        long[] pods = collection("Pods");

        RealCluster.create(dir, """
                {"apiVersion": "whereabouts.cni.cncf.io/v1alpha1", "kind": "IPPool",
                 "metadata": {"name": "%s", "namespace": "kube-system"},
                 "spec": {"range": "192.168.78.0/24",
                          "allocations": {"5": {"id": "c-gone", "podref": "kube-system/it-cache-gone", "ifname": "net1"}}}}""".formatted(WHEREABOUTS));
        RealCluster.create(dir, """
                {"apiVersion": "crd.antrea.io/v1beta1", "kind": "Egress", "metadata": {"name": "%s"},
                 "spec": {"appliedTo": {"podSelector": {"matchLabels": {"it": "%s"}}},
                          "externalIPPool": "egress-pool", "egressIP": "172.16.30.9"}}""".formatted(EGRESS, TAG));
        RealCluster.create(dir, """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "%s", "namespace": "default"},
                 "spec": {"nodeName": "node-01", "containers": [{"name": "c", "image": "pause"}]}}""".formatted(POD));
        while (RealCluster.kubectl("get", "pod", "-n", "default", POD, "-o", "jsonpath={.status.podIP}")
                .isBlank()) {
            Thread.sleep(20); // kwok gives the Pod an address of node-01's podCIDR
        }
        awaitWatched("Whereabouts IPPools", "ippool.whereabouts.cni.cncf.io", "-n", "kube-system", WHEREABOUTS);
        awaitWatched("Egresses", "egress", EGRESS);
        awaitWatched("Pods", "pod", "-n", "default", POD);

        Map<String, JsonNode> after = usage();
        JsonNode wb = after.get("whereabouts/kube-system/" + WHEREABOUTS);
        assertNotNull(wb, after.keySet().toString());
        assertEquals(1, wb.path("used").asLong(), wb.toString());
        assertEquals(
                egressUsed + 1,
                after.get("externalippool/egress-pool").path("used").asLong());
        assertEquals(nodeUsed + 1, after.get("node/node-01").path("used").asLong());
        assertEquals(pools[2], collection("Whereabouts IPPools")[2], "no list: the watch brought it");
        assertEquals(egresses[2], collection("Egresses")[2], "no list: the watch brought it");
        assertEquals(pods[2], collection("Pods")[2], "no list: the watch brought it");

        CliRun.Result released =
                through("pool", "release", "--pool", "kube-system/" + WHEREABOUTS, "192.168.78.5", "--yes");
        assertEquals(0, released.code(), released.err());
        assertEquals(
                0,
                usage().get("whereabouts/kube-system/" + WHEREABOUTS)
                        .path("used")
                        .asLong(),
                "read-your-writes: free in the very next usage, without waiting for the watch");
    }
}
