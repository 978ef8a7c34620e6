package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.commands.Golden;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Antrea pools, Whereabouts (seed 001, CRDs of cli/cluster/crds/whereabouts and the NAD CRD of
 * cli/cluster/crds) and Node IPAM (seed 002) side by side on the real API server. Every change a test
 * plants is undone before it ends, so the seed holds for the other ITs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhereaboutsIT {

    private static final String DB_ENTRY_48 =
            "{\"ipAddress\":\"172.16.20.48\",\"phase\":\"Allocated\",\"owner\":{\"pod\":{"
                    + "\"name\":\"db-01\",\"namespace\":\"ns-db\",\"containerID\":\"65a08177bc1aae57aa746a283446f0c6445cd10e4f8baf2f9845fc6f87ed3115\"}}}";
    private static final String DB_ENTRY_50 =
            "{\"ipAddress\":\"172.16.20.50\",\"phase\":\"Allocated\",\"owner\":{\"pod\":{"
                    + "\"name\":\"db-02\",\"namespace\":\"ns-db\",\"containerID\":\"cbc4708019f45ce85f704356bbf992446aa6ea5d40cc0dc750a59d651aba3f72\"}}}";
    private static final String POD1_STATUS = "[{\"name\":\"\",\"interface\":\"eth0\",\"ips\":[\"10.211.2.81\"],"
            + "\"mac\":\"6a:1f:0c:22:7d:41\",\"default\":true,\"dns\":{}},{\"name\":\"default/macvlan-conf\",\"interface\":\"net1\","
            + "\"ips\":[\"192.168.20.12\"],\"mac\":\"02:77:cb:a0:60:e4\",\"dns\":{}}]";
    private static final String LEAK_13 =
            "{\"spec\":{\"allocations\":{\"13\":{\"id\":\"0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f0e1d\","
                    + "\"podref\":\"default/pod-gone\",\"ifname\":\"net1\"}}}}";

    @TempDir
    Path state;

    @Test
    @Order(1)
    void mixedSourceUsageOfTheSeedIsExactlyTheSandboxOne() {
        var r = RealCluster.ipamctl(state, "pool", "usage");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches("pool-usage-all.txt", r.out());
        assertEquals("", r.err());
        var wide = RealCluster.ipamctl(state, "pool", "usage", "-o", "wide");
        // every column but AGE: the API server stamped the seed's objects when the test cluster loaded them
        assertEquals(AgeColumn.without(Golden.read("pool-usage-all-wide.txt")), AgeColumn.without(wide.out()));
        // kubectl's view of the same objects: the range and the allocations Whereabouts keeps in spec
        assertEquals(
                "192.168.20.0/24 11 12 13",
                RealCluster.kubectl(
                        "get",
                        "ippools.whereabouts.cni.cncf.io",
                        "-n",
                        "kube-system",
                        "192.168.20.0-24",
                        "-o",
                        "go-template={{.spec.range}}{{range $k, $v := .spec.allocations}} {{$k}}{{end}}"));
    }

    @Test
    @Order(2)
    void everyPlantedInconsistencyIsFound() {
        try {
            // Antrea: db-02's entry replaced by a second entry for .48 (duplicate, and .50 unrecorded), a leaked .49
            patchPoolDbStatus(
                    "[" + DB_ENTRY_48 + ",{\"ipAddress\":\"172.16.20.48\",\"phase\":\"Allocated\",\"owner\":{\"pod\":"
                            + "{\"name\":\"db-02\",\"namespace\":\"ns-db\",\"containerID\":\"x\"}}},{\"ipAddress\":\"172.16.20.49\","
                            + "\"phase\":\"Allocated\",\"owner\":{\"pod\":{\"name\":\"db-gone\",\"namespace\":\"ns-db\",\"containerID\":\"y\"}}}]");
            RealCluster.kubectl(
                    "annotate", "pod", "-n", "ns-db", "db-01", "--overwrite", "ipam.antrea.io/pod-ips=172.16.20.47");
            RealCluster.kubectl(
                    "annotate",
                    "pod",
                    "-n",
                    "default",
                    "pod1",
                    "--overwrite",
                    "k8s.v1.cni.cncf.io/network-status=" + POD1_STATUS.replace("192.168.20.12", "192.168.20.14"));
            var r = RealCluster.ipamctl(state, "pool", "check");
            assertEquals(3, r.code(), r.err());
            Golden.assertMatches("it-pool-check-planted.txt", r.out());
            var json = RealCluster.ipamctl(state, "pool", "check", "--source", "whereabouts", "-o", "json");
            assertEquals(3, json.code(), json.err());
            Golden.assertMatches("it-pool-check-whereabouts.json", json.out());
        } finally {
            patchPoolDbStatus("[" + DB_ENTRY_48 + "," + DB_ENTRY_50 + "]");
            RealCluster.kubectl(
                    "annotate", "pod", "-n", "ns-db", "db-01", "--overwrite", "ipam.antrea.io/pod-ips=172.16.20.48");
            RealCluster.kubectl(
                    "annotate",
                    "pod",
                    "-n",
                    "default",
                    "pod1",
                    "--overwrite",
                    "k8s.v1.cni.cncf.io/network-status=" + POD1_STATUS);
        }
        var clean = RealCluster.ipamctl(state, "pool", "check", "--source", "antrea");
        assertEquals("no problems found in antrea\n", clean.out());
        assertEquals(0, clean.code());
    }

    @Test
    @Order(3)
    void releaseIsRefusedForALiveOwnerAndFreesALeak() {
        String before = poolJson();
        var refused =
                RealCluster.ipamctl(state, "pool", "release", "192.168.20.11", "--pool", "192.168.20.0-24", "--yes");
        assertEquals(1, refused.code());
        assertEquals(
                "error: refusing to release 192.168.20.11 from whereabouts pool kube-system/192.168.20.0-24: its owner pod "
                        + "default/pod0 exists (only addresses of pods that are gone can be released)\n",
                refused.err());
        var antrea = RealCluster.ipamctl(state, "pool", "release", "172.16.20.50", "--pool", "pool-db", "--yes");
        assertEquals(1, antrea.code());
        assertEquals(
                "error: refusing to release 172.16.20.50 from pool pool-db: its owner pod ns-db/db-02 exists "
                        + "(only addresses of pods that are gone can be released)\n",
                antrea.err());
        assertEquals(before, poolJson());
        try {
            var dry = RealCluster.ipamctl(state, "pool", "release", "192.168.20.13", "--pool", "192.168.20.0-24");
            assertEquals(
                    "would release 192.168.20.13 from whereabouts pool kube-system/192.168.20.0-24: owner default/pod-gone "
                            + "(pod not found); run again with --yes to release it\n",
                    dry.out());
            assertEquals(before, poolJson());
            var r = RealCluster.ipamctl(
                    state, "pool", "release", "192.168.20.13", "--pool", "kube-system/192.168.20.0-24", "--yes");
            assertEquals(0, r.code(), r.err());
            assertEquals(
                    "released 192.168.20.13 from whereabouts pool kube-system/192.168.20.0-24 (owner default/pod-gone "
                            + "(pod not found))\n",
                    r.out());
            assertEquals(
                    " 11 12",
                    RealCluster.kubectl(
                            "get",
                            "ippools.whereabouts.cni.cncf.io",
                            "-n",
                            "kube-system",
                            "192.168.20.0-24",
                            "-o",
                            "go-template={{range $k, $v := .spec.allocations}} {{$k}}{{end}}"));
            var check = RealCluster.ipamctl(state, "pool", "check");
            assertEquals("no problems found in antrea, whereabouts, node, externalippool, servicecidr\n", check.out());
            assertEquals(0, check.code());
        } finally {
            RealCluster.kubectlResult(
                    "patch",
                    "ippools.whereabouts.cni.cncf.io",
                    "-n",
                    "kube-system",
                    "192.168.20.0-24",
                    "--type=merge",
                    "-p",
                    LEAK_13);
            // release also deleted the reservation Whereabouts made for the leak (test cluster); the seed's again
            restoreReservation13();
        }
    }

    /** The OverlappingRangeIPReservation of the leaked .13, as the real Whereabouts wrote it (the sandbox's seed has none). */
    private void restoreReservation13() {
        if (RealCluster.kubectlResult(
                                "get",
                                "overlappingrangeipreservations.whereabouts.cni.cncf.io",
                                "-n",
                                "kube-system",
                                "192.168.20.13")
                        .code()
                == 0) {
            return;
        }
        try {
            java.nio.file.Path f = state.resolve("orip-13.json");
            java.nio.file.Files.writeString(
                    f,
                    "{\"apiVersion\":\"whereabouts.cni.cncf.io/v1alpha1\",\"kind\":\"OverlappingRangeIPReservation\","
                            + "\"metadata\":{\"name\":\"192.168.20.13\",\"namespace\":\"kube-system\"},\"spec\":{\"podref\":\"default/pod-gone\","
                            + "\"ifname\":\"net1\"}}");
            RealCluster.kubectl("create", "-f", f.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String poolJson() {
        return RealCluster.kubectl(
                        "get",
                        "ippools.whereabouts.cni.cncf.io",
                        "-n",
                        "kube-system",
                        "192.168.20.0-24",
                        "-o",
                        "jsonpath={.metadata.resourceVersion} {.spec.allocations}")
                + RealCluster.kubectl(
                        "get",
                        "ippool.crd.antrea.io",
                        "pool-db",
                        "-o",
                        "jsonpath={.metadata.resourceVersion} {.status}");
    }

    private static void patchPoolDbStatus(String ipAddresses) {
        RealCluster.kubectl(
                "patch",
                "ippool.crd.antrea.io",
                "pool-db",
                "--subresource=status",
                "--type=merge",
                "-p",
                "{\"status\":{\"ipAddresses\":" + ipAddresses + "}}");
    }

    @Test
    @Order(4)
    void watchRedrawsWhenAWhereaboutsRangeChanges() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        String[] args = {
            "--kubeconfig",
            RealCluster.kubeconfig().toString(),
            "pool",
            "usage",
            "--source",
            "whereabouts,node",
            "-w",
            "--no-headers"
        };
        Thread watcher = new Thread(() -> io.ipamctl.commands.Ipamctl.run(
                args,
                new io.ipamctl.commands.Environment(java.util.Map.of(), false, state),
                new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(java.io.Writer.nullWriter())));
        watcher.start();
        try {
            awaitOutput(out, "3");
            RealCluster.kubectl(
                    "patch",
                    "ippools.whereabouts.cni.cncf.io",
                    "-n",
                    "kube-system",
                    "192.168.20.0-24",
                    "--type=merge",
                    "-p",
                    "{\"spec\":{\"allocations\":{\"20\":{\"id\":\"w20\",\"podref\":\"default/watched\"}}}}");
            awaitOutput(out, "4");
        } finally {
            watcher.interrupt();
            watcher.join();
            RealCluster.kubectlResult(
                    "patch",
                    "ippools.whereabouts.cni.cncf.io",
                    "-n",
                    "kube-system",
                    "192.168.20.0-24",
                    "--type=json",
                    "-p",
                    "[{\"op\":\"remove\",\"path\":\"/spec/allocations/20\"}]");
        }
    }

    /** Waits until the watch shows the range with that USED (bounded generously: it only fails a test that hangs). */
    private static void awaitOutput(java.io.StringWriter out, String used) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (out.toString()
                .lines()
                .map(l -> l.split("\\s+"))
                .noneMatch(t -> t[0].equals("kube-system/192.168.20.0-24") && t[5].equals(used))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the watch did not show USED " + used + " for the range; it printed:\n" + out);
            }
            Thread.sleep(50);
        }
    }
}
