package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whereabouts node slices on the real API server: the seed's NodeSlicePool kube-system/slicenet (as the v0.9.2
 * node-slice controller writes it) and the slice IPPools the real v0.9.2 plugin made for pod0 (node-01) and
 * pod1 (node-02), read by ipamctl and compared with what kubectl shows. Changes a test plants are undone.
 */
class NodeSlicesIT {

    private static final String NODE1_POOL = "slicenet-node-01-192.168.32.0-26";
    private static final String NODE2_POOL = "slicenet-node-02-192.168.32.64-26";

    @TempDir
    Path state;

    @Test
    void usageShowsTheRangeWithItsSlicesAsKubectlDoes() {
        assertEquals(
                "192.168.32.0/24 /26 node-01=192.168.32.0/26 node-02=192.168.32.64/26 =192.168.32.128/26"
                        + " =192.168.32.192/26",
                RealCluster.kubectl(
                        "get",
                        "nodeslicepools.whereabouts.cni.cncf.io",
                        "-n",
                        "kube-system",
                        "slicenet",
                        "-o",
                        "go-template={{.spec.range}} {{.spec.sliceSize}}{{range .status.allocations}}"
                                + " {{.nodeName}}={{.sliceRange}}{{end}}"));
        assertEquals("192.168.32.0/26 1=default/pod0", allocations(NODE1_POOL));
        assertEquals("192.168.32.64/26 1=default/pod1", allocations(NODE2_POOL));
        var r = RealCluster.ipamctl(
                state,
                "pool",
                "usage",
                "kube-system/slicenet",
                "kube-system/" + NODE1_POOL,
                "whereabouts/kube-system/" + NODE2_POOL,
                "-o",
                "wide");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                NAME                                            RANGES                         GATEWAY     VLAN   TOTAL   USED   FREE   USE%   PREFIX   SOURCE        NETWORKS             SLICES
                kube-system/slicenet                            192.168.32.0/24                <none>    <none>     248      2    246   0.8%   /24      whereabouts   default/slice-conf   2/4 free (/26)
                kube-system/slicenet-node-01-192.168.32.0-26    192.168.32.1-192.168.32.62     <none>    <none>      62      1     61   1.6%   /26      whereabouts   default/slice-conf   <none>
                kube-system/slicenet-node-02-192.168.32.64-26   192.168.32.65-192.168.32.126   <none>    <none>      62      1     61   1.6%   /26      whereabouts   default/slice-conf   <none>
                """, AgeColumn.without(r.out()));
        assertEquals("", r.err());
        var threshold = RealCluster.ipamctl(state, "pool", "usage", "kube-system/" + NODE1_POOL, "--threshold", "1");
        assertEquals(3, threshold.code(), threshold.err());
    }

    @Test
    void allocationsAndIpNameTheNodesSliceAndThePodKubectlShows() {
        // Multus' network-status on the Pods (written by the stand-in from the real plugin's result)
        assertEquals("192.168.32.1", net2("pod0"));
        assertEquals("192.168.32.65", net2("pod1"));
        var r = RealCluster.ipamctl(
                state, "pool", "usage", "kube-system/slicenet", NODE1_POOL, NODE2_POOL, "--allocations");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                POOL                                            IP              PHASE       OWNER          NODE
                kube-system/slicenet-node-01-192.168.32.0-26    192.168.32.1    Allocated   default/pod0   node-01
                kube-system/slicenet-node-02-192.168.32.64-26   192.168.32.65   Allocated   default/pod1   node-02
                """, r.out());
        var ip = RealCluster.ipamctl(
                state, "ip", "192.168.32.1", "192.168.32.66", "192.168.32.130", "192.168.32.192", "-o", "wide");
        assertEquals(0, ip.code(), ip.err());
        assertEquals("""
                IP               SOURCE        POOL                                            STATE       OWNER              NODE      KIND     PHASE       CONTAINER-ID   DETAIL
                192.168.32.1     whereabouts   kube-system/slicenet-node-01-192.168.32.0-26    allocated   pod/default/pod0   node-01   Pod      Allocated   4f1c2a9e0b7d   in node-01's slice 192.168.32.0/26 of kube-system/slicenet
                192.168.32.66    whereabouts   kube-system/slicenet-node-02-192.168.32.64-26   free        <none>             <none>    <none>   <none>      <none>         in node-02's slice 192.168.32.64/26 of kube-system/slicenet
                192.168.32.130   whereabouts   kube-system/slicenet                            free        <none>             <none>    <none>   <none>      <none>         in free slice 192.168.32.128/26 of kube-system/slicenet, which no node holds yet
                192.168.32.192   whereabouts   kube-system/slicenet                            network     <none>             <none>    <none>   <none>      <none>         the network address of free slice 192.168.32.192/26 of kube-system/slicenet, which no node holds yet
                """, ip.out());
    }

    @Test
    void checkFindsAStraySliceADoubleSliceAPodOffItsNodeAndAChangedSliceSize() {
        String stray = "slicenet-node-03-192.168.32.128-26";
        String nad = RealCluster.kubectl(
                "get",
                "network-attachment-definitions",
                "-n",
                "default",
                "slice-conf",
                "-o",
                "jsonpath={.spec.config}");
        try {
            // an IPPool of a slice its NodeSlicePool gives to no node (node-03 left, the controller freed its slice)
            RealCluster.create(state, """
                    {"apiVersion":"whereabouts.cni.cncf.io/v1alpha1","kind":"IPPool",
                     "metadata":{"name":"%s","namespace":"kube-system"},
                     "spec":{"range":"192.168.32.128/26","allocations":{"3":{"id":"c3","podref":"default/gone","ifname":"net2"}}}}
                    """.formatted(stray));
            // node-02 holds a second slice
            patchSlices("[{\"op\":\"replace\",\"path\":\"/status/allocations/3/nodeName\",\"value\":\"node-02\"}]");
            // pod0 (node-01) holds an address of node-02's slice
            patch(
                    "ippools.whereabouts.cni.cncf.io",
                    "kube-system",
                    NODE2_POOL,
                    "json",
                    "[{\"op\":\"add\",\"path\":\"/spec/allocations/5\",\"value\":"
                            + "{\"id\":\"c5\",\"podref\":\"default/pod0\",\"ifname\":\"net3\"}}]");
            // the NAD's slice size changed, the controller has not divided the range again
            patch(
                    "network-attachment-definitions",
                    "default",
                    "slice-conf",
                    "merge",
                    "{\"spec\":{\"config\":" + jsonString(nad.replace("\"/26\"", "\"/27\"")) + "}}");
            var r = RealCluster.ipamctl(state, "pool", "check", "--source", "whereabouts");
            assertEquals(3, r.code(), r.err());
            assertEquals("""
                    KIND             SOURCE        POOL                                             IP               OWNER                DETAIL
                    leaked           whereabouts   kube-system/192.168.20.0-24                      192.168.20.13    default/pod-gone     pod not found; release with: ipamctl pool release 192.168.20.13 --pool kube-system/192.168.20.0-24
                    leaked           whereabouts   kube-system/slicenet-node-03-192.168.32.128-26   192.168.32.131   default/gone         pod not found; release with: ipamctl pool release 192.168.32.131 --pool kube-system/slicenet-node-03-192.168.32.128-26
                    out-of-range     whereabouts   kube-system/slicenet-node-02-192.168.32.64-26    192.168.32.69    default/pod0         the Pod runs on node-01 but holds an address of node-02's slice 192.168.32.64/26 of kube-system/slicenet
                    slice-mismatch   whereabouts   kube-system/slicenet                             <none>           default/slice-conf   range 192.168.32.0/24 in slices of /26, but default/slice-conf sets 192.168.32.0/24 in /27: nodes allocate from the old slices until the node-slice controller divides the range again
                    slice-mismatch   whereabouts   kube-system/slicenet                             <none>           node-02              node node-02 holds 2 slices (192.168.32.64/26, 192.168.32.192/26); the plugin allocates from the first only
                    slice-mismatch   whereabouts   kube-system/slicenet-node-03-192.168.32.128-26   <none>           <none>               the IPPool of slice 192.168.32.128/26, which kube-system/slicenet gives to no node: the plugin no longer allocates from it (1 allocation left)

                    6 problems found (leaked: 2, out-of-range: 1, slice-mismatch: 3) in whereabouts
                    """, r.out());
        } finally {
            RealCluster.kubectlResult("delete", "ippools.whereabouts.cni.cncf.io", "-n", "kube-system", stray);
            patchSlices("[{\"op\":\"replace\",\"path\":\"/status/allocations/3/nodeName\",\"value\":\"\"}]");
            patch(
                    "ippools.whereabouts.cni.cncf.io",
                    "kube-system",
                    NODE2_POOL,
                    "json",
                    "[{\"op\":\"remove\",\"path\":\"/spec/allocations/5\"}]");
            patch(
                    "network-attachment-definitions",
                    "default",
                    "slice-conf",
                    "merge",
                    "{\"spec\":{\"config\":" + jsonString(nad) + "}}");
        }
        var clean = RealCluster.ipamctl(state, "pool", "check", "--source", "whereabouts");
        assertEquals(3, clean.code(), "the seed's leak of pod-gone stays");
        assertEquals(
                "1 problem found (leaked: 1) in whereabouts",
                clean.out().strip().lines().reduce((a, b) -> b).orElse(""));
    }

    private static void patchSlices(String jsonPatch) {
        patch("nodeslicepools.whereabouts.cni.cncf.io", "kube-system", "slicenet", "json", jsonPatch);
    }

    private static void patch(String resource, String namespace, String name, String type, String patch) {
        RealCluster.kubectl("patch", resource, "-n", namespace, name, "--type=" + type, "-p", patch);
    }

    private static String jsonString(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String allocations(String pool) {
        return RealCluster.kubectl(
                "get",
                "ippools.whereabouts.cni.cncf.io",
                "-n",
                "kube-system",
                pool,
                "-o",
                "go-template={{.spec.range}}{{range $k, $v := .spec.allocations}} {{$k}}={{$v.podref}}{{end}}");
    }

    private static String net2(String pod) {
        var status = RealCluster.kubectl(
                "get",
                "pod",
                "-n",
                "default",
                pod,
                "-o",
                "jsonpath={.metadata.annotations.k8s\\.v1\\.cni\\.cncf\\.io/network-status}");
        try {
            for (var e : new com.fasterxml.jackson.databind.ObjectMapper().readTree(status)) {
                if ("net2".equals(e.path("interface").asText())) {
                    return e.path("ips").get(0).asText();
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return null;
    }
}
