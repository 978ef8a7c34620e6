package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipamctl.commands.Golden;

/** pool commands on the real API server, checked against kubectl. */
class PoolIT {

    @TempDir
    Path state;

    @Test
    void usageOfTheSeedMatchesTheSandboxGolden() {
        var r = RealCluster.ipamctl(state, "pool", "usage", "pool-ap", "pool-db");
        assertEquals(0, r.code(), r.err());
        // the sandbox and the test cluster load the same seed, so the same golden file holds
        Golden.assertMatches("pool-usage.txt", r.out());
        assertEquals("", r.err());
        var alloc = RealCluster.ipamctl(state, "pool", "usage", "pool-ap", "pool-db", "--allocations");
        Golden.assertMatches("pool-usage-allocations.txt", alloc.out());
    }

    @Test
    void totalsAgreeWithTheCrdPrinterColumnsKubectlShows() {
        String kubectl = RealCluster.kubectl("get", "ippools", "-o", "custom-columns=NAME:.metadata.name,TOTAL:.status.usage.total,"
                + "USED:.status.usage.used", "--no-headers");
        String ours = RealCluster.ipamctl(state, "pool", "usage", "pool-ap", "pool-db", "-o", "wide", "--no-headers").out();
        for (String line : kubectl.strip().split("\n")) {
            String[] k = line.trim().split("\\s+");
            assertTrue(ours.lines().anyMatch(l -> {
                String[] o = l.trim().split("\\s+");
                return o[0].equals(k[0]) && o[4].equals(k[1]) && o[5].equals(k[2]);
            }), "kubectl says " + line + ", ipamctl says\n" + ours);
        }
    }

    @Test
    void createIsWhatKubectlThenShowsAndDeleteRemovesIt() {
        var c = RealCluster.ipamctl(state, "pool", "create", "pool-it-create", "--range", "172.16.31.11-172.16.31.50",
                "--gateway", "172.16.31.254", "--prefix-length", "24", "--vlan", "31");
        assertEquals(0, c.code(), c.err());
        assertEquals("ippool.crd.antrea.io/pool-it-create created\n", c.out());
        assertEquals("172.16.31.11 172.16.31.50 172.16.31.254 24 31", RealCluster.kubectl("get", "ippool.v1beta1.crd.antrea.io",
                "pool-it-create", "-o", "jsonpath={.spec.ipRanges[0].start} {.spec.ipRanges[0].end} {.spec.subnetInfo.gateway} "
                + "{.spec.subnetInfo.prefixLength} {.spec.subnetInfo.vlan}"));
        var d = RealCluster.ipamctl(state, "pool", "delete", "pool-it-create");
        assertEquals(0, d.code(), d.err());
        var gone = RealCluster.kubectlResult("get", "ippool", "pool-it-create");
        assertEquals(1, gone.code());
    }

    @Test
    void serverDryRunValidatesWithoutStoring() {
        var r = RealCluster.ipamctl(state, "pool", "create", "pool-it-dry", "--cidr", "10.77.0.0/24", "--dry-run=server");
        assertEquals(0, r.code(), r.err());
        assertEquals("ippool.crd.antrea.io/pool-it-dry created (server dry run)\n", r.out());
        assertEquals(1, RealCluster.kubectlResult("get", "ippool", "pool-it-dry").code());
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
        var r = RealCluster.ipamctl(state, "pool", "create", "pool-it-overlap", "--range", "172.16.40.50-172.16.40.70",
                "--gateway", "172.16.40.1", "--prefix-length", "24");
        assertEquals(2, r.code());
        assertEquals("error: pool pool-it-overlap overlaps with pool pool-it-kubectl at 172.16.40.50-172.16.40.63: pools must not "
                + "share addresses\n", r.err());
        assertEquals(before, RealCluster.kubectl("get", "ippools", "-o", "name"));
        RealCluster.kubectl("delete", "ippool", "pool-it-kubectl");
    }

    @Test
    void v1alpha2IsReadWhereServed() {
        String alpha = RealCluster.kubectl("get", "ippools.v1alpha2.crd.antrea.io", "pool-db", "-o", "jsonpath={.apiVersion}");
        assertEquals("crd.antrea.io/v1alpha2", alpha);
        var r = RealCluster.ipamctl(state, "pool", "list", "-o", "wide", "--no-headers");
        assertTrue(r.out().contains("crd.antrea.io/v1beta1"), r.out());
    }

    /**
     * Issue 15 #15 on the real API server: names that are no Antrea pool name used to reach it (a NAMESPACE/NAME
     * made the client read a list as one IPPool and print Jackson's text with the server URL). Now nothing is
     * sent (-v logs every request as "debug: GET ..."), the exit code is 2 and the message says what to type.
     */
    @Test
    void namesThatAreNoAntreaPoolNameNeverReachTheServer() {
        String before = RealCluster.kubectl("get", "ippools", "-o", "name");
        for (String command : new String[] {"get", "delete"}) {
            var r = RealCluster.ipamctl(state, "pool", command, "kube-system/192.168.20.0-24");
            assertEquals(2, r.code(), r.err());
            assertEquals("error: invalid pool name \"kube-system/192.168.20.0-24\": pool " + command + " takes Antrea IPPool "
                    + "names, which have no namespace; for the Whereabouts pool kube-system/192.168.20.0-24 use: ipamctl pool "
                    + "usage kube-system/192.168.20.0-24\n", r.err());
            assertEquals("", r.out());
            assertNoRequest(RealCluster.ipamctl(state, "pool", command, "kube-system/192.168.20.0-24", "-v"));
        }
        for (String name : new String[] {"ippool/pool-ap", "a/b/c", "../pool-ap", ""}) {
            var r = RealCluster.ipamctl(state, "pool", "get", name);
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: invalid pool name ") || r.err().equals("error: a pool name is required\n"),
                    r.err());
            assertTrue(!r.err().contains("Exception") && !r.err().contains("http"), r.err());
            assertNoRequest(RealCluster.ipamctl(state, "pool", "get", name, "-v"));
        }
        var ns = RealCluster.ipamctl(state, "pod", "pin-ip", "db-01", "172.16.20.20", "-n", "");
        assertEquals(2, ns.code(), ns.err());
        assertEquals("error: invalid namespace \"\" given with -n: it is empty (omit -n for the context's namespace)\n", ns.err());
        assertNoRequest(RealCluster.ipamctl(state, "pod", "pin-ip", "db-01", "172.16.20.20", "-n", "", "-v"));
        // and the Whereabouts pool is where the message points
        var usage = RealCluster.ipamctl(state, "pool", "usage", "kube-system/192.168.20.0-24", "--no-headers");
        assertEquals(0, usage.code(), usage.err());
        assertTrue(usage.out().startsWith("kube-system/192.168.20.0-24 "), usage.out());
        assertEquals(before, RealCluster.kubectl("get", "ippools", "-o", "name"));
    }

    /** Issue 15 #13 on the real API server: a pool a namespace is bound to is kept unless --force, which names the binding. */
    @Test
    void aPoolANamespaceIsBoundToIsNotDeletedWithoutForce() {
        RealCluster.kubectlResult("delete", "ippool", "pool-it-bound", "--ignore-not-found");
        RealCluster.kubectlResult("create", "namespace", "ns-it-bound");
        var c = RealCluster.ipamctl(state, "pool", "create", "pool-it-bound", "--cidr", "10.78.0.0/24");
        assertEquals(0, c.code(), c.err());
        RealCluster.kubectl("annotate", "namespace", "ns-it-bound", "ipam.antrea.io/ippools=pool-it-bound", "--overwrite");
        var refused = RealCluster.ipamctl(state, "pool", "delete", "pool-it-bound");
        assertEquals(1, refused.code());
        assertEquals("error: IPPool \"pool-it-bound\" is still named in ipam.antrea.io/ippools by namespace ns-it-bound "
                + "(its new Pods would get no address); point them at another pool first (a namespace: ipamctl ns bind "
                + "NAMESPACE POOL --overwrite), or pass --force\n", refused.err());
        assertEquals(0, RealCluster.kubectlResult("get", "ippool", "pool-it-bound").code());
        var forced = RealCluster.ipamctl(state, "pool", "delete", "pool-it-bound", "--force");
        assertEquals(0, forced.code(), forced.err());
        assertEquals("warning: deleting IPPool \"pool-it-bound\" although it is still named in ipam.antrea.io/ippools by "
                + "namespace ns-it-bound (its new Pods would get no address)\n", forced.err());
        assertEquals(1, RealCluster.kubectlResult("get", "ippool", "pool-it-bound").code());
        RealCluster.kubectl("delete", "namespace", "ns-it-bound", "--wait=false");
    }

    /** With -v every request is logged as "debug: GET ..." (and the client's creation as "debug: API server ..."). */
    private static void assertNoRequest(io.ipamctl.commands.CliRun.Result verbose) {
        assertEquals(2, verbose.code(), verbose.err());
        assertTrue(verbose.err().lines().noneMatch(l -> l.startsWith("debug:")), verbose.err());
    }
}
