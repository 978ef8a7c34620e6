package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.Golden;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pool commands on the real API server, checked against kubectl. */
class PoolIT {

    @TempDir
    Path state;

    @Test
    void usageOfTheSeedMatchesTheSandboxGolden() {
        var r = RealCluster.ipamctl(state, "pool", "usage", "pool-ap", "pool-db", "pool-v6");
        assertEquals(0, r.code(), r.err());
        // the sandbox and the test cluster load the same seed, so the same golden file holds
        Golden.assertMatches("pool-usage.txt", r.out());
        assertEquals("", r.err());
        var alloc = RealCluster.ipamctl(state, "pool", "usage", "pool-ap", "pool-db", "--allocations");
        Golden.assertMatches("pool-usage-allocations.txt", alloc.out());
    }

    @Test
    void totalsAgreeWithTheCrdPrinterColumnsKubectlShows() {
        String kubectl = RealCluster.kubectl(
                "get",
                "ippools",
                "-o",
                "custom-columns=NAME:.metadata.name,TOTAL:.status.usage.total," + "USED:.status.usage.used",
                "--no-headers");
        String ours = RealCluster.ipamctl(
                        state, "pool", "usage", "pool-ap", "pool-db", "pool-v6", "-o", "wide", "--no-headers")
                .out();
        for (String line : kubectl.strip().split("\n")) {
            String[] k = line.trim().split("\\s+");
            assertTrue(
                    ours.lines().anyMatch(l -> {
                        String[] o = l.trim().split("\\s+");
                        return o[0].equals(k[0]) && o[4].equals(k[1]) && o[5].equals(k[2]);
                    }),
                    "kubectl says " + line + ", ipamctl says\n" + ours);
        }
    }

    @Test
    void createIsWhatKubectlThenShowsAndDeleteRemovesIt() {
        var c = RealCluster.ipamctl(
                state,
                "pool",
                "create",
                "pool-it-create",
                "--range",
                "172.16.31.11-172.16.31.50",
                "--gateway",
                "172.16.31.254",
                "--prefix-length",
                "24",
                "--vlan",
                "31");
        assertEquals(0, c.code(), c.err());
        assertEquals("ippool.crd.antrea.io/pool-it-create created\n", c.out());
        assertEquals(
                "172.16.31.11 172.16.31.50 172.16.31.254 24 31",
                RealCluster.kubectl(
                        "get",
                        "ippool.v1beta1.crd.antrea.io",
                        "pool-it-create",
                        "-o",
                        "jsonpath={.spec.ipRanges[0].start} {.spec.ipRanges[0].end} {.spec.subnetInfo.gateway} "
                                + "{.spec.subnetInfo.prefixLength} {.spec.subnetInfo.vlan}"));
        var d = RealCluster.ipamctl(state, "pool", "delete", "pool-it-create");
        assertEquals(0, d.code(), d.err());
        var gone = RealCluster.kubectlResult("get", "ippool", "pool-it-create");
        assertEquals(1, gone.code());
    }

    @Test
    void serverDryRunValidatesWithoutStoring() {
        var r = RealCluster.ipamctl(
                state, "pool", "create", "pool-it-dry", "--cidr", "10.77.0.0/24", "--dry-run=server");
        assertEquals(0, r.code(), r.err());
        assertEquals("ippool.crd.antrea.io/pool-it-dry created (server dry run)\n", r.out());
        assertEquals(
                1, RealCluster.kubectlResult("get", "ippool", "pool-it-dry").code());
    }

    @Test
    void overlapWithAPoolCreatedByKubectlIsRefusedAndNothingIsWritten() {
        RealCluster.kubectlResult("delete", "ippool", "pool-it-kubectl", "--ignore-not-found");
        Path file = state.resolve("pool.yaml");
        try {
            java.nio.file.Files.writeString(file, """
                    apiVersion: crd.antrea.io/v1beta1
                    kind: IPPool
                    metadata:
                      name: pool-it-kubectl
                    spec:
                      ipRanges:
                      - cidr: 172.16.40.0/26
                      subnetInfo:
                        gateway: 172.16.40.1
                        prefixLength: 24
                    """);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        RealCluster.kubectl("create", "-f", file.toString());
        String before = RealCluster.kubectl("get", "ippools", "-o", "name");
        var r = RealCluster.ipamctl(
                state,
                "pool",
                "create",
                "pool-it-overlap",
                "--range",
                "172.16.40.50-172.16.40.70",
                "--gateway",
                "172.16.40.1",
                "--prefix-length",
                "24");
        assertEquals(2, r.code());
        assertEquals(
                "error: pool pool-it-overlap overlaps with pool pool-it-kubectl at 172.16.40.50-172.16.40.63: pools must not "
                        + "share addresses\n",
                r.err());
        assertEquals(before, RealCluster.kubectl("get", "ippools", "-o", "name"));
        RealCluster.kubectl("delete", "ippool", "pool-it-kubectl");
    }

    @Test
    void completionNamesArePoolNamesKubectlLists() {
        // ipamctl reads names from the server's Table (no objects sent); kubectl -o name from the full list
        String kubectl = RealCluster.kubectl("get", "ippools.crd.antrea.io", "-o", "name");
        var r = RealCluster.ipamctl(state, "__complete", "pools");
        assertEquals(0, r.code());
        // every source's names (Whereabouts ranges, Node podCIDRs too): the Antrea ones are kubectl's
        var names = r.out().lines().toList();
        var antrea = kubectl.replace("ippool.crd.antrea.io/", "").lines().toList();
        assertEquals(antrea, names.stream().filter(antrea::contains).toList(), r.out());
        assertTrue(names.contains("pool-ap"), r.out());
        var prefixed = RealCluster.ipamctl(state, "__complete", "pools", "pool-d");
        assertEquals("pool-db\n", prefixed.out());
    }

    @Test
    void v1alpha2IsReadWhereServed() {
        String alpha =
                RealCluster.kubectl("get", "ippools.v1alpha2.crd.antrea.io", "pool-db", "-o", "jsonpath={.apiVersion}");
        assertEquals("crd.antrea.io/v1alpha2", alpha);
        var r = RealCluster.ipamctl(state, "pool", "list", "-o", "wide", "--no-headers");
        assertTrue(r.out().contains("crd.antrea.io/v1beta1"), r.out());
    }

    /**
     * Issue 15 #15 on the real API server: names that can name no pool used to reach it (a NAMESPACE/NAME made
     * the client read a list as one IPPool and print Jackson's text with the server URL). Now nothing is sent
     * (-v logs every request as "debug: GET ..."), the exit code is 2 and the message says what to type.
     * pool get takes every source's names (a Whereabouts pool's NAMESPACE/NAME among them); pool delete
     * refuses one before any request, as it deletes Antrea IPPools only.
     */
    @Test
    void namesThatCanNameNoPoolNeverReachTheServer() {
        String before = RealCluster.kubectl("get", "ippools", "-o", "name");
        var delete = RealCluster.ipamctl(state, "pool", "delete", "kube-system/192.168.20.0-24");
        assertEquals(2, delete.code(), delete.err());
        assertEquals(
                "error: \"kube-system/192.168.20.0-24\" is a namespaced pool (Antrea IPPools have no namespace), not an "
                        + "Antrea IPPool: pool delete works on Antrea IPPools only\n",
                delete.err());
        assertEquals("", delete.out());
        assertNoRequest(RealCluster.ipamctl(state, "pool", "delete", "kube-system/192.168.20.0-24", "-v"));
        var kubectlStyle = RealCluster.ipamctl(state, "pool", "get", "ippool/pool-ap");
        assertEquals(
                "error: invalid pool name \"ippool/pool-ap\": write it without kubectl's \"ippool/\": pool-ap or "
                        + "antrea/pool-ap (a Whereabouts pool in namespace ippool: whereabouts/ippool/pool-ap)\n",
                kubectlStyle.err());
        for (String name : new String[] {"ippool/pool-ap", "a/b/c", "../pool-ap", ""}) {
            for (String command : new String[] {"get", "delete"}) {
                var r = RealCluster.ipamctl(state, "pool", command, name);
                assertEquals(2, r.code(), r.err());
                assertEquals(1, r.err().lines().count(), r.err());
                assertTrue(r.err().startsWith("error: invalid pool name "), r.err());
                assertTrue(!r.err().contains("Exception") && !r.err().contains("http"), r.err());
                assertNoRequest(RealCluster.ipamctl(state, "pool", command, name, "-v"));
            }
        }
        var ns = RealCluster.ipamctl(state, "pod", "pin-ip", "db-01", "172.16.20.20", "-n", "");
        assertEquals(2, ns.code(), ns.err());
        assertEquals(
                "error: invalid namespace \"\" given with -n: it is empty (omit -n for the context's namespace)\n",
                ns.err());
        assertNoRequest(RealCluster.ipamctl(state, "pod", "pin-ip", "db-01", "172.16.20.20", "-n", "", "-v"));
        // and pool get shows the Whereabouts pool by its NAMESPACE/NAME
        var get = RealCluster.ipamctl(state, "pool", "get", "kube-system/192.168.20.0-24", "--no-headers");
        assertEquals(0, get.code(), get.err());
        assertTrue(get.out().startsWith("kube-system/192.168.20.0-24 "), get.out());
        assertEquals(before, RealCluster.kubectl("get", "ippools", "-o", "name"));
    }

    /** Issue 15 #13 on the real API server: a pool a namespace is bound to is kept unless --force, which names the binding. */
    @Test
    void aPoolANamespaceIsBoundToIsNotDeletedWithoutForce() {
        RealCluster.kubectlResult("delete", "ippool", "pool-it-bound", "--ignore-not-found");
        // this cluster runs no namespace controller: a namespace of an earlier run may still be there
        RealCluster.kubectlResult("create", "namespace", "ns-it-bound");
        try {
            var c = RealCluster.ipamctl(state, "pool", "create", "pool-it-bound", "--cidr", "10.78.0.0/24");
            assertEquals(0, c.code(), c.err());
            RealCluster.kubectl(
                    "annotate", "namespace", "ns-it-bound", "ipam.antrea.io/ippools=pool-it-bound", "--overwrite");
            var refused = RealCluster.ipamctl(state, "pool", "delete", "pool-it-bound");
            assertEquals(1, refused.code());
            assertEquals(
                    "error: IPPool \"pool-it-bound\" is still named in ipam.antrea.io/ippools by namespace ns-it-bound "
                            + "(its new Pods would get no address); point them at another pool first (a namespace: ipamctl ns bind "
                            + "NAMESPACE IPPOOL --overwrite), or pass --force\n",
                    refused.err());
            assertEquals(
                    0,
                    RealCluster.kubectlResult("get", "ippool", "pool-it-bound").code());
            var forced = RealCluster.ipamctl(state, "pool", "delete", "pool-it-bound", "--force");
            assertEquals(0, forced.code(), forced.err());
            assertEquals(
                    "warning: deleting IPPool \"pool-it-bound\" although it is still named in ipam.antrea.io/ippools by "
                            + "namespace ns-it-bound (its new Pods would get no address)\n",
                    forced.err());
            assertEquals(
                    1,
                    RealCluster.kubectlResult("get", "ippool", "pool-it-bound").code());
        } finally {
            // the binding to the deleted pool would be a dangling reference for the pool check tests
            RealCluster.kubectlResult("annotate", "namespace", "ns-it-bound", "ipam.antrea.io/ippools-");
            RealCluster.kubectlResult("delete", "ippool", "pool-it-bound", "--ignore-not-found");
        }
    }

    /** With -v every request is logged as "debug: GET ..." (and the client's creation as "debug: API server ..."). */
    private static void assertNoRequest(io.ipamctl.commands.CliRun.Result verbose) {
        assertEquals(2, verbose.code(), verbose.err());
        assertTrue(verbose.err().lines().noneMatch(l -> l.startsWith("debug:")), verbose.err());
    }

    @Test
    void createIsRefusedInsideAPodCidrOrAWhereaboutsRange() {
        String before = RealCluster.kubectl("get", "ippools", "-o", "name");
        // node-01's podCIDR as kubectl shows it, holding 4 running Pods of the seed
        assertEquals("10.211.1.0/24", RealCluster.kubectl("get", "node", "node-01", "-o", "jsonpath={.spec.podCIDR}"));
        var node = RealCluster.ipamctl(state, "pool", "create", "ovl-node", "--cidr", "10.211.1.0/24");
        assertEquals(2, node.code());
        assertEquals(
                "error: pool ovl-node overlaps with node node-01 podCIDR 10.211.1.0/24 at 10.211.1.0-10.211.1.255: pools "
                        + "must not share addresses\n",
                node.err());
        assertEquals(
                "192.168.20.0/24",
                RealCluster.kubectl(
                        "get",
                        "ippools.whereabouts.cni.cncf.io",
                        "-n",
                        "kube-system",
                        "192.168.20.0-24",
                        "-o",
                        "jsonpath={.spec.range}"));
        var wb = RealCluster.ipamctl(
                state,
                "pool",
                "create",
                "ovl-wb",
                "--range",
                "192.168.20.150-192.168.20.160",
                "--gateway",
                "192.168.20.254",
                "--prefix-length",
                "24",
                "--vlan",
                "30",
                "--dry-run=server");
        assertEquals(2, wb.code());
        assertEquals(
                "error: pool ovl-wb overlaps with whereabouts pool kube-system/192.168.20.0-24 (range 192.168.20.0/24) at "
                        + "192.168.20.150-192.168.20.160: pools must not share addresses\n",
                wb.err());
        assertEquals(before, RealCluster.kubectl("get", "ippools", "-o", "name"));
    }

    @Test
    void checkReportsOverlapsAndDanglingReferencesPlantedWithKubectl() throws Exception {
        Path file = state.resolve("planted.yaml");
        java.nio.file.Files.writeString(file, """
                apiVersion: crd.antrea.io/v1beta1
                kind: IPPool
                metadata: {name: ovl-kubectl}
                spec:
                  ipRanges: [{start: 10.211.1.200, end: 10.211.1.210}]
                  subnetInfo: {gateway: 10.211.1.1, prefixLength: 24}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: wants-gone, namespace: ns-db, annotations: {ipam.antrea.io/ippools: pool-gone}}
                spec: {nodeName: node-01, containers: [{name: c, image: registry.k8s.io/pause:3.10}]}
                """);
        try {
            RealCluster.kubectl("apply", "-f", file.toString());
            // an existing namespace (this cluster has no namespace controller to finish deleting a new one)
            RealCluster.kubectl("annotate", "ns", "default", "ipam.antrea.io/ippools=big6");
            // what kubectl shows of the same objects: the binding, the Pod's request, no such pools
            assertEquals(
                    "big6",
                    RealCluster.kubectl(
                            "get",
                            "ns",
                            "default",
                            "-o",
                            "jsonpath={.metadata.annotations.ipam\\.antrea\\.io/ippools}"));
            assertEquals(1, RealCluster.kubectlResult("get", "ippool", "big6").code());
            assertEquals(
                    1, RealCluster.kubectlResult("get", "ippool", "pool-gone").code());
            var r = RealCluster.ipamctl(state, "pool", "check", "--source", "antrea,node");
            assertEquals(3, r.code(), r.err());
            assertEquals("""
                    KIND                 SOURCE   POOL          IP       OWNER              DETAIL
                    overlap              antrea   ovl-kubectl   <none>   <none>             overlaps with node node-01 podCIDR 10.211.1.0/24 at 10.211.1.200-10.211.1.210: pools must not share addresses
                    dangling-reference   antrea   big6          <none>   default            namespace default is bound to it (ipam.antrea.io/ippools) but no IPPool has that name: new Pods of default cannot get addresses
                    dangling-reference   antrea   pool-gone     <none>   ns-db/wants-gone   the pod's ipam.antrea.io/ippools names it but no IPPool has that name: the pod cannot get addresses

                    3 problems found (overlap: 1, dangling-reference: 2) in antrea, node
                    """, r.out());
            assertEquals("", r.err());
        } finally {
            RealCluster.kubectlResult("delete", "pod", "-n", "ns-db", "wants-gone", "--grace-period=0", "--force");
            RealCluster.kubectlResult("delete", "ippool", "ovl-kubectl", "--ignore-not-found");
            RealCluster.kubectlResult("annotate", "ns", "default", "ipam.antrea.io/ippools-");
        }
        var clean = RealCluster.ipamctl(state, "pool", "check", "--source", "antrea,node");
        assertEquals("no problems found in antrea, node\n", clean.out());
    }

    @Test
    void everySourcesNamesInGetAndListAndBack() {
        var names = RealCluster.ipamctl(state, "pool", "list", "-o", "name");
        assertEquals(0, names.code(), names.err());
        assertEquals("""
                antrea/pool-ap
                antrea/pool-db
                antrea/pool-v6
                whereabouts/kube-system/192.168.20.0-24
                whereabouts/kube-system/slicenet
                whereabouts/kube-system/slicenet-node-01-192.168.32.0-26
                whereabouts/kube-system/slicenet-node-02-192.168.32.64-26
                node/node-01
                node/node-02
                externalippool/egress-pool
                servicecidr/extra-v6
                servicecidr/kubernetes
                """, names.out());
        var get = RealCluster.ipamctl(
                state, "pool", "get", "node/node-02", "whereabouts/kube-system/192.168.20.0-24", "-o", "wide");
        assertEquals(0, get.code(), get.err());
        assertEquals("""
                NAME                          RANGES                         SUBNET               GATEWAY              VLAN                  TOTAL   USED   API-VERSION                        SOURCE
                kube-system/192.168.20.0-24   192.168.20.10-192.168.20.100   192.168.20.0/24      192.168.20.1       <none>                     91      3   whereabouts.cni.cncf.io/v1alpha1   whereabouts
                node-02                       10.211.2.0/24                  10.211.2.0/24        10.211.2.1         <none>                    253      3   v1                                 node
                node-02                       fd00:10:211:2::/64             fd00:10:211:2::/64   fd00:10:211:2::1   <none>   18446744073709551614      1   v1                                 node
                """, AgeColumn.without(get.out()));
        var delete = RealCluster.ipamctl(state, "pool", "delete", "node-02");
        assertEquals(2, delete.code());
        assertEquals(
                "error: \"node-02\" is node node-02 podCIDR 10.211.2.0/24, not an Antrea IPPool: pool delete works on "
                        + "Antrea IPPools only\n",
                delete.err());
    }
}
