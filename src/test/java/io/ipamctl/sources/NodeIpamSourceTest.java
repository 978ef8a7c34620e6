package io.ipamctl.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.ipam.ServiceIndex;
import io.ipamctl.kube.PodDirectory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NodeIpamSource against an API server: podCIDRs counted from Pods, in use only with podCIDRs, watched with the Pods. */
class NodeIpamSourceTest {

    SourceCluster cluster;
    NodeIpamSource source;

    @BeforeEach
    void start() {
        cluster = new SourceCluster(false);
        source = new NodeIpamSource(cluster.client());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void podCidrsCountedFromTheRunningPods() {
        cluster.node("node-01", "10.211.1.0/24");
        cluster.pod("default", "a", "node-01", "10.211.1.5", "");
        cluster.pod("default", "waiting", "node-01", "", "");
        var pools = source.read(cluster.reading(false));
        assertEquals(
                List.of("node/node-01 10.211.1.0/24 1 of 253"),
                pools.usages().stream()
                        .map(u -> u.fullName() + " " + u.ranges().get(0) + " " + u.used() + " of " + u.total())
                        .toList());
        assertTrue(source.inUse(pools));
        assertEquals(Optional.empty(), source.releaser(), "Node IPAM keeps no allocations to free");
    }

    @Test
    void withoutPodCidrsNotInUseAndNoPodIsRead() {
        cluster.node("node-01", null);
        AtomicInteger podReads = new AtomicInteger();
        var pools = source.read(new Reading(
                w -> {},
                false,
                false,
                () -> {
                    podReads.incrementAndGet();
                    return PodDirectory.facts(cluster.client());
                },
                ServiceIndex::none));
        assertFalse(source.inUse(pools));
        assertEquals(0, podReads.get());
    }

    @Test
    void watchSaysWhenAPodComes() throws Exception {
        cluster.node("node-01", "10.211.1.0/24");
        Semaphore changed = new Semaphore(0);
        try (SourceWatch w = source.watch(changed::release, reason -> {})) {
            changed.drainPermits();
            cluster.pod("default", "b", "node-01", "10.211.1.6", "");
            assertTrue(changed.tryAcquire(60, TimeUnit.SECONDS), "no event for the new Pod");
        }
    }
}
