package io.ipamctl.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The list of sources every pool command reads through: which sources, in which order, and the checks across them. */
class IpamInventoryTest {

    @Test
    void everySourceTheClusterHasInListingOrder() {
        try (SourceCluster cluster = new SourceCluster(true).antreaSeed().whereaboutsSeed()) {
            cluster.node("node-01", "10.211.1.0/24");
            var inv = IpamInventory.load(cluster.client(), Set.of(), IpamInventory.Purpose.USAGE, w -> {});
            assertEquals(
                    List.of(IpamSource.ANTREA, IpamSource.WHEREABOUTS, IpamSource.NODE, IpamSource.EXTERNAL_IP),
                    inv.sources(),
                    "Antrea's ExternalIPPool CRD is served (with no pool); ServiceCIDRs are not (a server before 1.33)");
            assertEquals(
                    List.of("antrea/pool-db", "whereabouts/kube-system/192.168.20.0-24", "node/node-01"),
                    inv.usages().stream().map(u -> u.fullName()).toList());
            assertEquals(List.of("pool-db", "kube-system/192.168.20.0-24", "node-01"), inv.poolNames());
            var two = IpamInventory.load(
                    cluster.client(), Set.of(IpamSource.NODE, IpamSource.ANTREA), IpamInventory.Purpose.USAGE, w -> {});
            assertEquals(List.of(IpamSource.ANTREA, IpamSource.NODE), two.sources());
        }
    }

    @Test
    void sourcesNotInstalledAreSkippedUnlessAskedFor() {
        try (SourceCluster cluster = new SourceCluster(false).antreaSeed()) {
            cluster.node("node-01", null);
            var auto = IpamInventory.load(cluster.client(), Set.of(), IpamInventory.Purpose.USAGE, w -> {});
            assertEquals(
                    List.of(IpamSource.ANTREA, IpamSource.EXTERNAL_IP),
                    auto.sources(),
                    "no Whereabouts CRD, no podCIDR");
            var asked = assertThrows(
                    IpamctlException.class,
                    () -> IpamInventory.load(
                            cluster.client(), Set.of(IpamSource.WHEREABOUTS), IpamInventory.Purpose.USAGE, w -> {}));
            assertEquals(
                    "Whereabouts not available: the server serves no ippools.whereabouts.cni.cncf.io",
                    asked.getMessage());
            var nodes =
                    IpamInventory.load(cluster.client(), Set.of(IpamSource.NODE), IpamInventory.Purpose.USAGE, w -> {});
            assertEquals(List.of(IpamSource.NODE), nodes.sources(), "asked for: kept even without podCIDRs");
        }
    }

    @Test
    void checkAcrossSourcesFindsAnAntreaPoolInsideAPodCidrAndADanglingBinding() {
        try (SourceCluster cluster = new SourceCluster(true).antreaSeed().whereaboutsSeed()) {
            cluster.node("node-01", "10.211.1.0/24");
            cluster.namespace("ns-big", "big6");
            cluster.create("""
                    apiVersion: crd.antrea.io/v1beta1
                    kind: IPPool
                    metadata: {name: ovl-node}
                    spec:
                      ipRanges: [{cidr: 10.211.1.0/24}]
                      subnetInfo: {gateway: 10.211.1.1, prefixLength: 24}
                    """);
            List<String> warnings = new ArrayList<>();
            var problems = IpamInventory.load(cluster.client(), Set.of(), IpamInventory.Purpose.CHECK, warnings::add)
                    .problems();
            assertEquals(
                    List.of(
                            new Problem(
                                    Problem.Kind.LEAKED,
                                    IpamSource.WHEREABOUTS,
                                    "kube-system/192.168.20.0-24",
                                    "192.168.20.13",
                                    "default/pod-gone",
                                    "pod not found; release with: ipamctl pool release 192.168.20.13 --pool "
                                            + "kube-system/192.168.20.0-24"),
                            // what the overlap does: pod0's address from node-01's podCIDR lies in the Antrea pool too
                            new Problem(
                                    Problem.Kind.UNRECORDED,
                                    IpamSource.ANTREA,
                                    "ovl-node",
                                    "10.211.1.80",
                                    "default/pod0",
                                    "the pool's status.ipAddresses has no entry for it"),
                            new Problem(
                                    Problem.Kind.OVERLAP,
                                    IpamSource.ANTREA,
                                    "ovl-node",
                                    null,
                                    null,
                                    "overlaps with node node-01 podCIDR "
                                            + "10.211.1.0/24 at 10.211.1.0-10.211.1.255: pools must not share addresses"),
                            new Problem(
                                    Problem.Kind.DANGLING_REFERENCE,
                                    IpamSource.ANTREA,
                                    "big6",
                                    null,
                                    "ns-big",
                                    "namespace ns-big is bound to it (ipam.antrea.io/ippools) but no IPPool has that name: "
                                            + "new Pods of ns-big cannot get addresses")),
                    problems);
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void aWatchCoversEverySourceRead() throws Exception {
        try (SourceCluster cluster = new SourceCluster(true).antreaSeed().whereaboutsSeed()) {
            cluster.node("node-01", "10.211.1.0/24");
            java.util.concurrent.Semaphore changed = new java.util.concurrent.Semaphore(0);
            try (SourceWatch w = IpamInventory.watch(cluster.client(), Set.of(), changed::release, r -> {})) {
                changed.drainPermits();
                cluster.create("""
                        apiVersion: whereabouts.cni.cncf.io/v1alpha1
                        kind: IPPool
                        metadata: {name: 10.9.0.0-24, namespace: kube-system}
                        spec: {range: 10.9.0.0/24, allocations: {}}
                        """);
                assertEquals(
                        true,
                        changed.tryAcquire(60, java.util.concurrent.TimeUnit.SECONDS),
                        "Whereabouts changes redraw too");
            }
        }
    }
}
