package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipamctl.commands.CliRun;
import io.ipamctl.server.InJvmServerExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * API discovery in the warm server on the real test cluster: a warm `pool usage` asks no discovery
 * request, and a CRD kubectl changes between two warm runs (NodeSlicePools no longer served, then
 * served again: the source's rows go and come back) is followed by the next run through the CRD
 * watch, without listing the CRDs again. Waits are on the server's own report of its watch, never
 * a clock; the CRD is served again at the end whatever happened.
 */
@Timeout(300)
class ServerDiscoveryIT {

    private static final String CRD = "nodeslicepools.whereabouts.cni.cncf.io";
    private static final String SLICE_ROW = "whereabouts/kube-system/slicenet";
    private static final String LABEL = "CustomResourceDefinitions";
    /** A request of the -v log that asks discovery: a group version's path, no resource after it. */
    private static final Pattern DISCOVERY = Pattern.compile("GET \\S+?/(api/v1|apis/[^/\\s]+/[^/\\s]+) -> ");

    @TempDir
    static Path dir;

    @RegisterExtension
    static final InJvmServerExtension server = new InJvmServerExtension("ipamctl-discovery-it-");

    @BeforeAll
    static void start() {
        RealCluster.kubeconfig();
    }

    @AfterAll
    static void stop() {
        served(true);
    }

    private static void served(boolean served) {
        RealCluster.kubectl(
                "patch",
                "crd",
                CRD,
                "--type=json",
                "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/versions/0/served\",\"value\":" + served + "}]");
    }

    private static CliRun.Result through(String... args) {
        return as(RealCluster.kubeconfig(), args);
    }

    private static CliRun.Result as(Path kubeconfig, String... args) {
        CliRun.Result r = server.run(dir, kubeconfig, args);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    /** The rows of `pool usage -o json` (every source) through the server, as SOURCE/[NAMESPACE/]NAME. */
    private static List<String> rows() throws IOException {
        List<String> rows = new ArrayList<>();
        for (JsonNode item : new ObjectMapper()
                .readTree(through("pool", "usage", "-o", "json").out())
                .path("items")) {
            String ns = item.path("namespace").asText("");
            rows.add(item.path("source").asText() + "/" + (ns.isEmpty() ? "" : ns + "/")
                    + item.path("name").asText());
        }
        return rows;
    }

    /** The CRD collection in `server status`: {revision, lists}. */
    private static long[] crds() {
        InJvmServerExtension.Kept kept = server.kept(LABEL);
        assertEquals("watched", kept.state(), LABEL + ": " + kept);
        return new long[] {kept.revision(), kept.lists()};
    }

    /** Waits until the server's CRD watch has brought the CRD as kubectl sees it now. */
    private static void awaitWatched() throws InterruptedException {
        long rv = Long.parseLong(RealCluster.kubectl("get", "crd", CRD, "-o", "jsonpath={.metadata.resourceVersion}")
                .strip());
        while (crds()[0] < rv) {
            Thread.sleep(20);
        }
    }

    @Test
    void aWarmUsageAsksNoDiscovery() {
        through("pool", "usage");
        through("pool", "usage");
        String log = through("-v", "pool", "usage").err();
        assertFalse(DISCOVERY.matcher(log).find(), log);
        assertTrue(
                log.contains(
                        "cache: API discovery of crd.antrea.io/v1beta1 from the watched CustomResourceDefinitions"),
                log);
    }

    @Test
    void aViewerWhoMayNotListCrdsGetsDiscoveryPerRequestAndTheSameAnswer() throws IOException {
        // a name of its own each run: a deleted namespace stays Terminating on a cluster without a controller manager
        String ns = "ipamctl-discovery-it-" + Long.toHexString(System.nanoTime() & 0xffff);
        RealCluster.kubectl("apply", "-f", Path.of("deploy", "rbac.yaml").toString());
        RealCluster.kubectlResult("create", "namespace", ns);
        RealCluster.kubectlResult("create", "serviceaccount", "ipamctl-viewer", "-n", ns);
        RealCluster.kubectlResult(
                "create",
                "clusterrolebinding",
                ns,
                "--clusterrole=ipamctl-viewer",
                "--serviceaccount=" + ns + ":ipamctl-viewer");
        try {
            Path viewer = RealCluster.kubeconfigWithToken(
                    dir,
                    "discovery-viewer",
                    RealCluster.kubectl("create", "token", "ipamctl-viewer", "-n", ns)
                            .strip());
            String expected = new CliRun(dir)
                    .run("--kubeconfig", viewer.toString(), "pool", "usage", "--source", "antrea")
                    .out();
            assertTrue(expected.contains("pool-ap"), expected);
            assertEquals(
                    expected, as(viewer, "pool", "usage", "--source", "antrea").out());
            CliRun.Result again = as(viewer, "-v", "pool", "usage", "--source", "antrea");
            assertEquals(expected, again.out(), "the same answer as without the server");
            assertTrue(
                    again.err()
                            .contains("cache: API discovery of crd.antrea.io/v1beta1 asked "
                                    + "(CustomResourceDefinitions cannot be listed: "),
                    again.err());
            assertTrue(DISCOVERY.matcher(again.err()).find(), "asked on the wire: " + again.err());
        } finally {
            RealCluster.kubectlResult("delete", "clusterrolebinding", ns, "--ignore-not-found");
            RealCluster.kubectlResult("delete", "namespace", ns, "--wait=false");
        }
    }

    @Test
    void aCrdChangedByKubectlBetweenTwoWarmUsagesIsFollowedByTheNext() throws Exception {
        try {
            assertTrue(rows().contains(SLICE_ROW), "the seed's node-slice network is shown");
            long lists = crds()[1];

            served(false);
            awaitWatched();
            List<String> without = rows();
            assertFalse(without.contains(SLICE_ROW), without.toString());
            assertTrue(
                    without.contains("whereabouts/kube-system/slicenet-node-01-192.168.32.0-26"),
                    "the other Whereabouts pools stay: " + without);

            served(true);
            awaitWatched();
            assertTrue(rows().contains(SLICE_ROW), "back in the next run");
            assertEquals(lists, crds()[1], "no list of the CRDs: the watch brought both changes");
        } finally {
            served(true);
        }
    }
}
