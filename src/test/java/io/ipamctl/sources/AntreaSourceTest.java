package io.ipamctl.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.Problem;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AntreaSource against an API server: discovery, reading, dangling references, release and watch. */
class AntreaSourceTest {

    SourceCluster cluster;
    AntreaSource source;

    @BeforeEach
    void start() {
        cluster = new SourceCluster(false).antreaSeed();
        source = new AntreaSource(cluster.client());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void installedAndRead() {
        assertTrue(source.installed());
        assertEquals(IpamSource.ANTREA, source.id());
        var pools = source.read(cluster.reading(false));
        assertEquals(
                List.of("antrea/pool-db"),
                pools.usages().stream().map(u -> u.fullName()).toList());
        assertEquals(1, pools.usages().get(0).used());
        assertTrue(source.inUse(pools));
    }

    @Test
    void forCheckTheNamespacesBoundToMissingPoolsAreRead() {
        cluster.namespace("ns-big", "big6");
        cluster.pod("ns-big", "web-1", "node-01", "", "big6");
        var check = source.read(cluster.reading(true)).problems();
        assertEquals(
                List.of("dangling-reference big6 ns-big", "dangling-reference big6 ns-big/web-1"),
                check.stream()
                        .map(p -> p.kind() + " " + p.pool() + " " + p.owner())
                        .sorted()
                        .toList());
        assertEquals(
                List.of(),
                source.read(cluster.reading(false)).problems().stream()
                        .filter(p -> p.kind() == Problem.Kind.DANGLING_REFERENCE)
                        .toList(),
                "namespaces are read for pool check only");
    }

    @Test
    void releaseFindsPlansAndRemoves() {
        assertEquals(Optional.of("pool-db"), source.find("pool-db"));
        assertEquals(Optional.of("pool-db"), source.find("antrea/pool-db"));
        assertEquals(Optional.empty(), source.find("kube-system/pool-db"));
        assertEquals(Optional.empty(), source.find("nope"));
        IpAddress ip = IpAddress.parse("172.16.20.48");
        var refused = assertThrows(IpamctlException.class, () -> source.plan("pool-db", ip));
        assertEquals(
                "refusing to release 172.16.20.48 from pool pool-db: its owner pod ns-db/db-01 exists "
                        + "(only addresses of pods that are gone can be released)",
                refused.getMessage());
        cluster.client().pods().inNamespace("ns-db").withName("db-01").delete();
        ReleasePlan plan = source.plan("pool-db", ip);
        assertEquals(
                new ReleasePlan(
                        IpamSource.ANTREA,
                        "pool-db",
                        "pool pool-db",
                        ip,
                        "ns-db/db-01",
                        "pod not found",
                        plan.revision()),
                plan);
        source.remove(plan);
        assertEquals(0, source.read(cluster.reading(false)).usages().get(0).used());
        var again = assertThrows(IpamctlException.class, () -> source.plan("pool-db", ip));
        assertEquals("172.16.20.48 is not allocated in pool pool-db; nothing to release", again.getMessage());
    }

    @Test
    void watchSaysWhenAPoolChanges() throws Exception {
        Semaphore changed = new Semaphore(0);
        try (SourceWatch w = source.watch(changed::release, reason -> {})) {
            cluster.create("""
                    apiVersion: crd.antrea.io/v1beta1
                    kind: IPPool
                    metadata: {name: pool-new}
                    spec:
                      ipRanges: [{cidr: 10.2.0.0/24}]
                      subnetInfo: {gateway: 10.2.0.1, prefixLength: 24}
                    """);
            assertTrue(changed.tryAcquire(60, TimeUnit.SECONDS), "no event for the new pool");
        }
    }

    @Test
    void whenNotInstalledItSaysHowToEnableIt() {
        assertTrue(
                source.notInstalled()
                        .startsWith("AntreaIPAM not available: the server serves no ippools.crd.antrea.io "
                                + "(enable the AntreaIPAM feature gate"),
                source.notInstalled());
    }
}
