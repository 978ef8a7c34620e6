package io.ipamctl.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.ipam.AddressHolder;
import io.ipamctl.ipam.Fill;
import io.ipamctl.ipam.IpamSource;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ExternalIpPoolSource against an API server: discovery, pools, Egresses and LoadBalancer Services read, watch. */
class ExternalIpPoolSourceTest {

    SourceCluster cluster;
    ExternalIpPoolSource source;

    @BeforeEach
    void start() {
        cluster = new SourceCluster(false);
        source = new ExternalIpPoolSource(cluster.client());
        cluster.create("""
                apiVersion: crd.antrea.io/v1beta1
                kind: ExternalIPPool
                metadata: {name: egress-pool}
                spec:
                  ipRanges: [{cidr: 172.16.30.0/28}, {start: 172.16.30.100, end: 172.16.30.109}]
                  subnetInfo: {gateway: 172.16.30.254, prefixLength: 24, vlan: 30}
                  nodeSelector: {}
                status: {usage: {total: 24, used: 2}}
                """);
        cluster.create("""
                apiVersion: crd.antrea.io/v1beta1
                kind: Egress
                metadata: {name: egress-web}
                spec: {appliedTo: {podSelector: {}}, externalIPPool: egress-pool, egressIP: 172.16.30.1}
                status: {egressIP: 172.16.30.1, egressNode: node-01}
                """);
        cluster.create("""
                apiVersion: crd.antrea.io/v1beta1
                kind: Egress
                metadata: {name: static}
                spec: {appliedTo: {podSelector: {}}, egressIP: 172.16.30.9}
                """);
        cluster.create("""
                apiVersion: v1
                kind: Service
                metadata: {name: web-lb, namespace: ns-ap, annotations: {service.antrea.io/external-ip-pool: egress-pool}}
                spec: {type: LoadBalancer, clusterIP: 10.96.100.10, ports: [{port: 80}]}
                status: {loadBalancer: {ingress: [{ip: 172.16.30.3}]}}
                """);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void readsPoolsWithTheirEgressesAndLoadBalancerServices() {
        assertTrue(source.installed());
        var pools = source.read(cluster.reading(false));
        var row = pools.usages().get(0);
        assertEquals(
                List.of("egress-pool", "172.16.30.254/24", "30", "24"),
                List.of(
                        row.name(),
                        row.subnet(),
                        row.vlan().toString(),
                        row.total().toString()));
        assertEquals(new Fill(BigInteger.valueOf(24), 2), row.fill());
        assertEquals(List.of(), row.warnings(), "status.usage agrees");
        assertEquals(
                List.of(
                        new AddressHolder(
                                "egress-pool",
                                "172.16.30.1",
                                "Allocated",
                                "egress/egress-web",
                                "Egress",
                                "node-01",
                                null),
                        new AddressHolder(
                                "egress-pool",
                                "172.16.30.3",
                                "Allocated",
                                "service/ns-ap/web-lb",
                                "Service",
                                null,
                                null)),
                pools.holders(row));
        assertEquals(List.of(), pools.problems());
        assertEquals(IpamSource.EXTERNAL_IP, source.id());
        assertEquals(Optional.empty(), source.releaser());
    }

    @Test
    void anEgressOfAPoolThatIsGoneIsADanglingReference() {
        cluster.client()
                .genericKubernetesResources("crd.antrea.io/v1beta1", "ExternalIPPool")
                .withName("egress-pool")
                .delete();
        var problems = source.read(cluster.reading(true)).problems();
        assertEquals(
                List.of(
                        "dangling-reference egress-pool 172.16.30.1 egress/egress-web",
                        "dangling-reference egress-pool 172.16.30.3 service/ns-ap/web-lb"),
                problems.stream()
                        .map(p -> p.kind() + " " + p.pool() + " " + p.ip() + " " + p.owner())
                        .toList());
    }

    @Test
    void watchSaysWhenAServiceGetsItsAddress() throws Exception {
        Semaphore changed = new Semaphore(0);
        try (SourceWatch w = source.watch(changed::release, reason -> {})) {
            cluster.create("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: other-lb, namespace: ns-ap, annotations: {service.antrea.io/external-ip-pool: egress-pool}}
                    spec: {type: LoadBalancer, ports: [{port: 80}]}
                    """);
            assertTrue(changed.tryAcquire(60, TimeUnit.SECONDS), "no event for the new Service");
        }
    }
}
