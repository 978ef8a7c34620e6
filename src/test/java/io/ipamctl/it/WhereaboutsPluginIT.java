package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * pool usage, check and release against allocations the REAL Whereabouts v0.9.2 plugin made (the test cluster's
 * stand-in runs it as a CNI runtime would, ADD on Pod creation and DEL on deletion; cli/cluster/standin/cni.go):
 * range_start/range_end, exclude, network_name (pool and reservation names) and overlapping ranges (an address
 * one range holds is skipped by the other). Everything is made in namespace default and removed at the end, pools
 * and reservations too (Whereabouts keeps empty pools), so the seed holds for the other ITs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhereaboutsPluginIT {

    /** .3 to .9 without .4/.5: five addresses; network_name blue prefixes the pool's and reservations' names. */
    private static final String NAD_BLUE =
            "{\"cniVersion\":\"0.3.1\",\"name\":\"wbp-blue\",\"type\":\"macvlan\",\"master\":\"eth0\","
                    + "\"ipam\":{\"type\":\"whereabouts\",\"range\":\"192.168.30.0/28\",\"range_start\":\"192.168.30.3\","
                    + "\"range_end\":\"192.168.30.9\",\"exclude\":[\"192.168.30.4/31\"],\"network_name\":\"blue\"}}";
    /** Two ranges over the same addresses (a /29 inside a /28, the second as a conflist). */
    private static final String NAD_SMALL =
            "{\"cniVersion\":\"0.3.1\",\"name\":\"wbp-small\",\"type\":\"macvlan\",\"master\":\"eth0\","
                    + "\"ipam\":{\"type\":\"whereabouts\",\"range\":\"192.168.31.0/29\"}}";

    private static final String NAD_WIDE =
            "{\"cniVersion\":\"0.3.1\",\"name\":\"wbp-wide\",\"plugins\":[{\"type\":\"macvlan\","
                    + "\"master\":\"eth0\",\"ipam\":{\"type\":\"whereabouts\",\"range\":\"192.168.31.0/28\"}}]}";
    private static final String POOLS = "blue-192.168.30.0-28 192.168.31.0-29 192.168.31.0-28";

    @TempDir
    Path state;

    @BeforeAll
    static void networksAndPods(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("nads.yaml");
        Files.writeString(
                f,
                nad("wbp-blue", NAD_BLUE) + "---\n" + nad("wbp-small", NAD_SMALL) + "---\n"
                        + nad("wbp-wide", NAD_WIDE));
        RealCluster.kubectl("create", "-f", f.toString());
        // one at a time: the lowest free address wins, so the order decides who gets which
        pod("wbp-b1", "wbp-blue");
        pod("wbp-b2", "wbp-blue");
        pod("wbp-s1", "wbp-small");
        pod("wbp-w1", "wbp-wide");
    }

    @AfterAll
    static void removeAll() {
        RealCluster.kubectlResult("delete", "pod", "-n", "default", "-l", "test.ipamctl.io/it=wbp", "--wait=true");
        RealCluster.kubectlResult(
                "delete",
                "network-attachment-definitions.k8s.cni.cncf.io",
                "-n",
                "default",
                "wbp-blue",
                "wbp-small",
                "wbp-wide");
        for (String p : POOLS.split(" ")) {
            RealCluster.kubectlResult(
                    "delete", "ippools.whereabouts.cni.cncf.io", "-n", "kube-system", p, "--ignore-not-found");
        }
        for (String r : RealCluster.whereaboutsReservations().split(" ")) {
            if (r.startsWith("blue-") || r.startsWith("192.168.31.")) {
                RealCluster.kubectlResult(
                        "delete", "overlappingrangeipreservations.whereabouts.cni.cncf.io", "-n", "kube-system", r);
            }
        }
    }

    @Test
    @Order(1)
    void usageCountsWhatWhereaboutsHandedOut() {
        // Whereabouts' own records: offsets from the range's network address, names after network_name and range
        assertEquals(
                "192.168.31.0-28 2=default/wbp-w1\n192.168.31.0-29 1=default/wbp-s1\n"
                        + "blue-192.168.30.0-28 3=default/wbp-b1 6=default/wbp-b2\n",
                allocations());
        // the /28 skipped .1: the /29's reservation holds it (overlapping ranges)
        assertEquals("192.168.31.1 192.168.31.2 blue-192.168.30.3 blue-192.168.30.6", reservations());
        // the seed's ranges without node slices (its node slices have a test of their own: NodeSlicesIT)
        var r = RealCluster.ipamctl(
                state,
                "pool",
                "usage",
                "192.168.20.0-24",
                "192.168.31.0-28",
                "192.168.31.0-29",
                "blue-192.168.30.0-28",
                "-o",
                "wide");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                NAME                               RANGES                                   GATEWAY          VLAN   TOTAL   USED   FREE    USE%   PREFIX   SOURCE        NETWORKS
                kube-system/192.168.20.0-24        192.168.20.10-192.168.20.100             192.168.20.1   <none>      91      3     88    3.2%   /24      whereabouts   default/macvlan-conf
                kube-system/192.168.31.0-28        192.168.31.1-192.168.31.14               <none>         <none>      14      1     13    7.1%   /28      whereabouts   default/wbp-wide
                kube-system/192.168.31.0-29        192.168.31.1-192.168.31.6                <none>         <none>       6      1      5   16.6%   /29      whereabouts   default/wbp-small
                kube-system/blue-192.168.30.0-28   192.168.30.3,192.168.30.6-192.168.30.9   <none>         <none>       5      2      3   40.0%   /28      whereabouts   default/wbp-blue
                """, AgeColumn.without(r.out()));
        // FREE of the overlapping ranges counts the address the other one holds: the warning says by how much
        assertEquals("""
                warning: whereabouts pool kube-system/192.168.31.0-28: 1 address of its usable range is held by overlapping \
                whereabouts pool kube-system/192.168.31.0-29; Whereabouts will not hand it out here, so FREE is 1 too high
                warning: whereabouts pool kube-system/192.168.31.0-29: 1 address of its usable range is held by overlapping \
                whereabouts pool kube-system/192.168.31.0-28; Whereabouts will not hand it out here, so FREE is 1 too high
                """, r.err());
        // and the real plugin agrees: the /29's next Pod skips .2, which the /28 holds
        pod("wbp-s2", "wbp-small");
        assertEquals("192.168.31.3", net1("wbp-s2"));
    }

    @Test
    @Order(2)
    void aMissedDelIsALeakThatReleaseFreesForWhereabouts() {
        // the node "dies" before the CNI DEL: Whereabouts keeps b1's allocation and reservation
        RealCluster.kubectl("annotate", "pod", "-n", "default", "wbp-b1", "test.ipamctl.io/skip-cni-del=true");
        RealCluster.kubectl("delete", "pod", "-n", "default", "wbp-b1", "--wait=true");
        var check = RealCluster.ipamctl(state, "pool", "check", "--source", "whereabouts");
        assertEquals(3, check.code(), check.err());
        assertEquals("""
                KIND     SOURCE        POOL                               IP              OWNER              DETAIL
                leaked   whereabouts   kube-system/192.168.20.0-24        192.168.20.13   default/pod-gone   pod not found; release with: ipamctl pool release 192.168.20.13 --pool kube-system/192.168.20.0-24
                leaked   whereabouts   kube-system/blue-192.168.30.0-28   192.168.30.3    default/wbp-b1     pod not found; release with: ipamctl pool release 192.168.30.3 --pool kube-system/blue-192.168.30.0-28

                2 problems found (leaked: 2) in whereabouts
                """, check.out());
        var release = RealCluster.ipamctl(
                state, "pool", "release", "192.168.30.3", "--pool", "kube-system/blue-192.168.30.0-28", "--yes");
        assertEquals(0, release.code(), release.err());
        assertEquals(
                "released 192.168.30.3 from whereabouts pool kube-system/blue-192.168.30.0-28 (owner default/wbp-b1 (pod not found))\n",
                release.out());
        // the reservation named after network_name went too, so Whereabouts hands the address out again
        assertEquals("192.168.31.1 192.168.31.2 192.168.31.3 blue-192.168.30.6", reservations());
        pod("wbp-b3", "wbp-blue");
        assertEquals("192.168.30.3", net1(("wbp-b3")));
    }

    @Test
    @Order(3)
    void theLastUsableAddressIsTheLastWhereaboutsHandsOut() throws Exception {
        pod("wbp-b4", "wbp-blue");
        pod("wbp-b5", "wbp-blue");
        pod("wbp-b6", "wbp-blue");
        assertEquals("192.168.30.9", net1("wbp-b6"));
        var full = RealCluster.ipamctl(state, "pool", "usage", "kube-system/blue-192.168.30.0-28", "--no-headers");
        assertEquals(0, full.code(), full.err());
        assertEquals(
                "kube-system/blue-192.168.30.0-28   192.168.30.3,192.168.30.6-192.168.30.9   <none>   <none>   5   5   0   100.0%\n",
                full.out());
        // a sixth Pod: Whereabouts' own error, the Pod stays Pending
        create("wbp-b7", "wbp-blue");
        String uid = RealCluster.kubectl("get", "pod", "-n", "default", "wbp-b7", "-o", "jsonpath={.metadata.uid}");
        String event = awaitEvent(uid);
        String id = sandboxId(uid);
        assertEquals(
                "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \""
                        + id
                        + "\": plugin type=\"multus\" name=\"multus-cni-network\" failed (add): [default/wbp-b7/" + id
                        + "]: error adding container to network \"wbp-blue\": error at storage engine: Could not allocate IP in range: ip: 192.168.30.3 / "
                        + "- 192.168.30.9 / range: 192.168.30.0/28 / excludeRanges: [192.168.30.4/31]",
                event);
    }

    /** The sandbox container ID the stand-in gives a Pod that never got one: sha256 of "sandbox/UID". */
    private static String sandboxId(String uid) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(("sandbox/" + uid).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String nad(String name, String config) {
        return "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: " + name
                + "\n  namespace: default\nspec:\n  config: '" + config + "'\n";
    }

    private static void create(String name, String network) {
        RealCluster.kubectl(
                "run",
                "-n",
                "default",
                name,
                "--image=registry.k8s.io/pause:3.10",
                "--restart=Never",
                "-l",
                "test.ipamctl.io/it=wbp",
                "--overrides={\"metadata\":{\"annotations\":{\"k8s.v1.cni.cncf.io/networks\":\"" + network
                        + "\"}},\"spec\":{\"nodeName\":\"node-01\"}}");
    }

    private static void pod(String name, String network) {
        create(name, network);
        RealCluster.kubectl("wait", "-n", "default", "--for", "condition=Ready", "pod/" + name, "--timeout", "60s");
    }

    private static String net1(String pod) {
        return RealCluster.kubectl(
                        "get",
                        "pod",
                        "-n",
                        "default",
                        pod,
                        "-o",
                        "jsonpath={.metadata.annotations.k8s\\.v1\\.cni\\.cncf\\.io/network-status}")
                .replaceAll(".*\"net1\",\"ips\":\\[\"([^\"]+)\".*", "$1");
    }

    private static String allocations() {
        return RealCluster.kubectl(
                "get",
                "ippools.whereabouts.cni.cncf.io",
                "-n",
                "kube-system",
                "-o",
                "go-template={{range .items}}"
                        + "{{if and (ne .metadata.name \"192.168.20.0-24\") (not (.metadata.name | printf \"%.9s\" | eq \"slicenet-\"))}}{{.metadata.name}}{{range $k, $v := .spec.allocations}} {{$k}}={{$v.podref}}"
                        + "{{end}}\n{{end}}{{end}}");
    }

    private static String reservations() {
        return RealCluster.whereaboutsReservations()
                .replaceAll("192\\.168\\.20\\.1[123] ?", "")
                .replaceAll("slicenet-\\S+ ?", "") // the seed's node slices (NodeSlicesIT)
                .trim();
    }

    /**
     * The sandbox failure event of a Pod, by UID: the Events of a Pod of the same name from an earlier run on the
     * same cluster are still there (bounded generously: it only fails a test that hangs).
     */
    private static String awaitEvent(String podUid) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            String msg = RealCluster.kubectl(
                    "get",
                    "events",
                    "-n",
                    "default",
                    "--field-selector",
                    "involvedObject.uid=" + podUid + ",reason=FailedCreatePodSandBox",
                    "-o",
                    "jsonpath={.items[*].message}"); // empty, not an error, while no Event is there yet
            if (!msg.isEmpty() || System.nanoTime() > deadline) {
                return msg;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return msg;
            }
        }
    }
}
