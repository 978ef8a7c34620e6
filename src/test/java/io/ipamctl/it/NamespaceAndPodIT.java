package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.PodManifest;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ns bind/unbind and pod pin-ip on the real API server (the test cluster's IPAM stand-in gives addresses). */
class NamespaceAndPodIT {

    @TempDir
    Path state;

    @Test
    void bindKeepsConcurrentAnnotationEdits() throws Exception {
        RealCluster.kubectlResult("create", "namespace", "ns-it-bind");
        RealCluster.kubectl("annotate", "namespace", "ns-it-bind", "team=db", "--overwrite");
        // another client edits other annotations while ipamctl binds: every edit must survive
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5; i++) {
                RealCluster.kubectl("annotate", "namespace", "ns-it-bind", "edit-" + i + "=x", "--overwrite");
            }
        });
        var r = RealCluster.ipamctl(state, "ns", "bind", "ns-it-bind", "pool-db");
        other.get();
        assertEquals(0, r.code(), r.err());
        assertEquals("namespace/ns-it-bind bound to pool-db\n", r.out());
        String annotations =
                RealCluster.kubectl("get", "namespace", "ns-it-bind", "-o", "jsonpath={.metadata.annotations}");
        for (String key : new String[] {
            "\"team\":\"db\"", "\"ipam.antrea.io/ippools\":\"pool-db\"", "\"edit-0\":\"x\"", "\"edit-4\":\"x\""
        }) {
            assertTrue(annotations.contains(key), key + " missing in " + annotations);
        }
        var u = RealCluster.ipamctl(state, "ns", "unbind", "ns-it-bind");
        assertEquals("namespace/ns-it-bind unbound (was pool-db)\n", u.out());
        assertEquals(
                "",
                RealCluster.kubectl(
                        "get",
                        "namespace",
                        "ns-it-bind",
                        "-o",
                        "jsonpath={.metadata.annotations.ipam\\.antrea\\.io/ippools}"));
        RealCluster.kubectl("delete", "namespace", "ns-it-bind", "--wait=false");
    }

    @Test
    void pinIpCreatesAPodWithTheAddressAndItIsAllocated() throws Exception {
        Path file = PodManifest.write(state, "db-it-pinned");
        var r = RealCluster.ipamctl(state, "pod", "pin-ip", "-f", file.toString(), "172.16.20.33", "--pool", "pool-db");
        assertEquals(0, r.code(), r.err());
        assertEquals("pod/db-it-pinned created with 172.16.20.33 pinned from pool pool-db\n", r.out());
        String ip = "";
        for (int i = 0; i < 100 && ip.isEmpty(); i++) {
            ip = RealCluster.kubectl("get", "pod", "-n", "ns-db", "db-it-pinned", "-o", "jsonpath={.status.podIP}");
            Thread.sleep(100);
        }
        assertEquals("172.16.20.33", ip);
        var usage = RealCluster.ipamctl(state, "pool", "usage", "pool-db", "--allocations");
        assertTrue(
                usage.out().contains("pool-db   172.16.20.33   Allocated   ns-db/db-it-pinned   node-01\n"),
                usage.out());
        var again = RealCluster.ipamctl(state, "pod", "pin-ip", "db-02", "172.16.20.33", "-n", "ns-db", "--recreate");
        assertEquals(1, again.code());
        assertEquals(
                "error: IP 172.16.20.33 is already allocated in IP pool pool-db to ns-db/db-it-pinned\n", again.err());
        RealCluster.kubectl("delete", "pod", "-n", "ns-db", "db-it-pinned", "--grace-period=0", "--force");
    }

    @Test
    void recreateGivesAStandalonePodItsNewAddress() {
        var r = RealCluster.ipamctl(
                state, "pod", "pin-ip", "db-02", "172.16.20.44", "-n", "ns-db", "--recreate", "--timeout", "60s");
        assertEquals(0, r.code(), r.err());
        assertEquals("pod/db-02 re-created with 172.16.20.44 pinned from pool pool-db on node-02\n", r.out());
        assertEquals(
                "172.16.20.44",
                RealCluster.kubectl("get", "pod", "-n", "ns-db", "db-02", "-o", "jsonpath={.status.podIP}"));
        var back = RealCluster.ipamctl(
                state, "pod", "pin-ip", "db-02", "172.16.20.50", "-n", "ns-db", "--recreate", "--timeout", "60s");
        assertEquals(0, back.code(), back.err());
    }

    /** Issue 15 #4 on the real API server: a dry run of pin-ip without --recreate is refused exactly as the real run. */
    @Test
    void dryRunsOfPinIpGiveTheRealVerdict() {
        var real = RealCluster.ipamctl(state, "pod", "pin-ip", "db-01", "172.16.20.20", "-n", "ns-db");
        assertEquals(2, real.code(), real.err());
        for (String mode : new String[] {"--dry-run=client", "--dry-run=server"}) {
            var dry = RealCluster.ipamctl(state, "pod", "pin-ip", "db-01", "172.16.20.20", "-n", "ns-db", mode);
            assertEquals(real.code(), dry.code(), mode + ": " + dry.err());
            assertEquals(real.err(), dry.err(), mode);
            assertEquals("", dry.out(), mode);
        }
        var server = RealCluster.ipamctl(
                state,
                "pod",
                "pin-ip",
                "db-01",
                "172.16.20.20",
                "-n",
                "ns-db",
                "--recreate",
                "--dry-run=server",
                "-o",
                "name");
        assertEquals(0, server.code(), server.err());
        assertEquals("pod/db-01\n", server.out());
        assertEquals(
                "172.16.20.48",
                RealCluster.kubectl("get", "pod", "-n", "ns-db", "db-01", "-o", "jsonpath={.status.podIP}"));
    }
}
