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
    void completionNamesArePoolNamesKubectlLists() {
        // ipamctl reads names from the server's Table (no objects sent); kubectl -o name from the full list
        String kubectl = RealCluster.kubectl("get", "ippools.crd.antrea.io", "-o", "name");
        var r = RealCluster.ipamctl(state, "__complete", "pools");
        assertEquals(0, r.code());
        assertEquals(kubectl.replace("ippool.crd.antrea.io/", ""), r.out());
        assertTrue(r.out().contains("pool-ap\n"), r.out());
        var prefixed = RealCluster.ipamctl(state, "__complete", "pools", "pool-d");
        assertEquals("pool-db\n", prefixed.out());
    }

    @Test
    void v1alpha2IsReadWhereServed() {
        String alpha = RealCluster.kubectl("get", "ippools.v1alpha2.crd.antrea.io", "pool-db", "-o", "jsonpath={.apiVersion}");
        assertEquals("crd.antrea.io/v1alpha2", alpha);
        var r = RealCluster.ipamctl(state, "pool", "list", "-o", "wide", "--no-headers");
        assertTrue(r.out().contains("crd.antrea.io/v1beta1"), r.out());
    }
}
