package io.ipamctl.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpamSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WhereaboutsSource against an API server: discovery, reading with the NADs' configs, release and watch. */
class WhereaboutsSourceTest {

    SourceCluster cluster;
    WhereaboutsSource source;

    @BeforeEach
    void start() {
        cluster = new SourceCluster(true).whereaboutsSeed();
        source = new WhereaboutsSource(cluster.client());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void readCountsFromTheNadConfig() {
        assertTrue(source.installed());
        var row = source.read(cluster.reading(false)).usages().get(0);
        assertEquals("kube-system/192.168.20.0-24", row.qualifiedName());
        assertEquals(List.of("192.168.20.10-192.168.20.100"), row.ranges());
        assertEquals(91, row.total().intValue());
        assertEquals(List.of("default/macvlan-conf"), row.networks());
    }

    @Test
    void checkFindsTheLeak() {
        var problems = source.read(cluster.reading(true)).problems();
        assertEquals(
                List.of("leaked 192.168.20.13 default/pod-gone"),
                problems.stream()
                        .map(p -> p.kind() + " " + p.ip() + " " + p.owner())
                        .toList());
    }

    @Test
    void releaseFindsEveryFormOfTheNameAndFreesTheLeak() {
        for (String name :
                List.of("192.168.20.0-24", "kube-system/192.168.20.0-24", "whereabouts/kube-system/192.168.20.0-24")) {
            assertEquals(Optional.of("kube-system/192.168.20.0-24"), source.find(name), name);
        }
        assertEquals(Optional.empty(), source.find("default/192.168.20.0-24"));
        var refused = assertThrows(
                IpamctlException.class,
                () -> source.plan("kube-system/192.168.20.0-24", IpAddress.parse("192.168.20.11")));
        assertTrue(refused.getMessage().contains("its owner pod default/pod0 exists"), refused.getMessage());
        IpAddress leak = IpAddress.parse("192.168.20.13");
        ReleasePlan plan = source.plan("kube-system/192.168.20.0-24", leak);
        assertEquals(IpamSource.WHEREABOUTS, plan.source());
        assertEquals("default/pod-gone", plan.owner());
        source.remove(plan);
        assertEquals(1, source.read(cluster.reading(false)).usages().get(0).used());
    }

    @Test
    void watchSaysWhenANadChanges() throws Exception {
        Semaphore changed = new Semaphore(0);
        try (SourceWatch w = source.watch(changed::release, reason -> {})) {
            cluster.create("""
                    apiVersion: k8s.cni.cncf.io/v1
                    kind: NetworkAttachmentDefinition
                    metadata: {name: other, namespace: default}
                    spec: {config: '{"cniVersion":"0.3.1","type":"macvlan","ipam":{"type":"whereabouts","range":"10.9.0.0/24"}}'}
                    """);
            assertTrue(changed.tryAcquire(60, TimeUnit.SECONDS), "no event for the new NetworkAttachmentDefinition");
        }
    }

    @Test
    void nodeSlicesAreReadAsARangeRowAndOneRowPerNodesSlicePool() {
        cluster.nodeSlices();
        var rows = source.read(cluster.reading(false)).usages();
        assertEquals(
                List.of(
                        "kube-system/192.168.20.0-24 91 2 null",
                        "kube-system/slicenet 248 2 Slices[size=/26, total=4, free=2]",
                        "kube-system/slicenet-node-01-192.168.32.0-26 62 2 null"),
                rows.stream()
                        .map(r -> r.qualifiedName() + " " + r.total() + " " + r.used() + " " + r.slices())
                        .toList());
        assertTrue(source.poolNames(cluster.reading(false)).contains("kube-system/slicenet"));
    }

    /** A slice pool is an IPPool like any other: its leaked address is released the same way. */
    @Test
    void aLeakInANodesSliceIsReleased() {
        cluster.nodeSlices();
        assertEquals(
                Optional.of("kube-system/slicenet-node-01-192.168.32.0-26"),
                source.find("slicenet-node-01-192.168.32.0-26"));
        for (String name : List.of("kube-system/slicenet", "slicenet")) {
            var refused =
                    assertThrows(IpamctlException.class, () -> source.find(name), "a NodeSlicePool holds nothing");
            assertEquals(
                    "\"" + name
                            + "\" is the range of whereabouts node slices kube-system/slicenet, which holds no allocations"
                            + " itself: give the slice pool of the address's node (list them with: ipamctl pool usage"
                            + " kube-system/slicenet)",
                    refused.getMessage());
        }
        assertEquals(Optional.empty(), source.find("kube-system/nothing"));
        ReleasePlan plan = source.plan("kube-system/slicenet-node-01-192.168.32.0-26", IpAddress.parse("192.168.32.2"));
        assertEquals("default/pod-gone", plan.owner());
        source.remove(plan);
        var rows = source.read(cluster.reading(false)).usages();
        assertEquals(List.of(2L, 1L, 1L), rows.stream().map(r -> r.used()).toList());
    }

    @Test
    void watchSaysWhenANodeSlicePoolChanges() throws Exception {
        Semaphore changed = new Semaphore(0);
        try (SourceWatch w = source.watch(changed::release, reason -> {})) {
            cluster.create("""
                    apiVersion: whereabouts.cni.cncf.io/v1alpha1
                    kind: NodeSlicePool
                    metadata: {name: other, namespace: kube-system}
                    spec: {range: 10.9.0.0/24, sliceSize: /28}
                    """);
            assertTrue(changed.tryAcquire(60, TimeUnit.SECONDS), "no event for the new NodeSlicePool");
        }
    }

    @Test
    void notInstalledWithoutTheCrd() {
        try (SourceCluster bare = new SourceCluster(false)) {
            WhereaboutsSource absent = new WhereaboutsSource(bare.client());
            assertFalse(absent.installed());
            assertEquals(Optional.empty(), absent.find("192.168.20.0-24"));
            assertEquals(
                    "Whereabouts not available: the server serves no ippools.whereabouts.cni.cncf.io",
                    absent.notInstalled());
        }
    }
}
