package io.ipamctl.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.Fill;
import io.ipamctl.ipam.IpamSource;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ServiceCidrSource against an API server: discovery (absent before 1.33), reading, pool check, watch. */
class ServiceCidrSourceTest {

    private static SourceCluster seeded() {
        SourceCluster cluster = new SourceCluster(false, true);
        cluster.create("""
                apiVersion: networking.k8s.io/v1
                kind: ServiceCIDR
                metadata: {name: kubernetes}
                spec: {cidrs: [10.96.0.0/16, "fd00:10:96::/112"]}
                status: {conditions: [{type: Ready, status: "True", reason: "", message: ready, lastTransitionTime: "2026-01-01T00:00:00Z"}]}
                """);
        cluster.create("""
                apiVersion: networking.k8s.io/v1
                kind: ServiceCIDR
                metadata: {name: old}
                spec: {cidrs: [10.97.0.0/24]}
                status: {conditions: [{type: Ready, status: "False", reason: Terminating, message: IPAddresses still reference it,
                  lastTransitionTime: "2026-01-01T00:00:00Z"}]}
                """);
        for (String[] a : List.of(
                new String[] {"10.96.0.1", "default", "kubernetes"}, new String[] {"10.96.0.77", "default", "gone"})) {
            cluster.create("""
                    apiVersion: networking.k8s.io/v1
                    kind: IPAddress
                    metadata: {name: %s, labels: {ipaddress.kubernetes.io/managed-by: ipallocator.k8s.io}}
                    spec: {parentRef: {group: "", resource: services, namespace: %s, name: %s}}
                    """.formatted((Object[]) a));
        }
        cluster.create("""
                apiVersion: v1
                kind: Service
                metadata: {name: kubernetes, namespace: default}
                spec: {clusterIP: 10.96.0.1, clusterIPs: [10.96.0.1], ports: [{port: 443}]}
                """);
        return cluster;
    }

    @Test
    void readsServiceCidrsAndTheAllocatorsIpAddresses() {
        try (SourceCluster cluster = seeded()) {
            ServiceCidrSource source = new ServiceCidrSource(cluster.client());
            assertTrue(source.installed());
            var rows = source.read(cluster.reading(false)).usages();
            assertEquals(
                    List.of("kubernetes", "old"),
                    rows.stream().map(r -> r.name()).toList());
            assertEquals(
                    new Fill(BigInteger.valueOf(65534 + 65535), 2), rows.get(0).fill());
            assertEquals(
                    List.of("ServiceCIDR old takes no new ClusterIPs: its Ready condition is False "
                            + "(Terminating: IPAddresses still reference it)"),
                    rows.get(1).warnings());
        }
    }

    @Test
    void checkFindsTheLeakedIpAddress() {
        try (SourceCluster cluster = seeded()) {
            var problems = new ServiceCidrSource(cluster.client())
                    .read(cluster.reading(true))
                    .problems();
            assertEquals(
                    List.of(
                            "leaked kubernetes 10.96.0.77 service/default/gone IPAddressNotAllocated: service default/gone "
                                    + "not found; the API server's repair loop deletes it"),
                    problems.stream()
                            .map(p -> p.kind() + " " + p.pool() + " " + p.ip() + " " + p.owner() + " " + p.detail())
                            .toList());
        }
    }

    @Test
    void watchSaysWhenAnIpAddressIsMade() throws Exception {
        try (SourceCluster cluster = seeded()) {
            Semaphore changed = new Semaphore(0);
            try (SourceWatch w = new ServiceCidrSource(cluster.client()).watch(changed::release, reason -> {})) {
                cluster.create("""
                        apiVersion: networking.k8s.io/v1
                        kind: IPAddress
                        metadata: {name: 10.96.0.10, labels: {ipaddress.kubernetes.io/managed-by: ipallocator.k8s.io}}
                        spec: {parentRef: {group: "", resource: services, namespace: kube-system, name: kube-dns}}
                        """);
                assertTrue(changed.tryAcquire(60, TimeUnit.SECONDS), "no event for the new IPAddress");
            }
        }
    }

    /** A server before 1.33 (or with the old bitmap allocator) serves neither kind: skipped silently, like a missing CRD. */
    @Test
    void aServerWithoutTheApiIsSkippedSilently() {
        try (SourceCluster cluster = new SourceCluster(false)) {
            ServiceCidrSource source = new ServiceCidrSource(cluster.client());
            assertFalse(source.installed());
            List<String> warnings = new ArrayList<>();
            var inventory = IpamInventory.load(cluster.client(), Set.of(), IpamInventory.Purpose.CHECK, warnings::add);
            assertFalse(inventory.sources().contains(IpamSource.SERVICE_CIDR));
            assertEquals(List.of(), warnings);
            var asked = assertThrows(
                    IpamctlException.class,
                    () -> IpamInventory.load(
                            cluster.client(),
                            Set.of(IpamSource.SERVICE_CIDR),
                            IpamInventory.Purpose.USAGE,
                            warnings::add));
            assertEquals(
                    "ServiceCIDRs not available: the server serves no servicecidrs and ipaddresses in networking.k8s.io/v1 "
                            + "(Kubernetes 1.33 or later)",
                    asked.getMessage());
        }
    }
}
