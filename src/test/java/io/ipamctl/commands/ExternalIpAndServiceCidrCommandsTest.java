package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.ExitCode;
import io.ipamctl.sources.SourceCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The pool commands on Antrea ExternalIPPools and Kubernetes ServiceCIDRs (issue 16): on the sandbox's
 * seed (egress-pool with two Egresses and a LoadBalancer Service; ServiceCIDRs kubernetes and extra-v6),
 * and on a mock API server holding what pool check must find.
 */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class ExternalIpAndServiceCidrCommandsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @TempDir
    Path state;

    /** A runner on this class's sandbox (made per test, after the extension's beforeAll). */
    final CliRun cli = sandbox.cli().seedClock();

    @Test
    void usageOfTheNewSources() {
        var r = cli.sandbox("pool", "usage", "--source", "externalippool,servicecidr");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                NAME          RANGES                                       GATEWAY     VLAN     TOTAL   USED      FREE    USE%   SOURCE
                egress-pool   172.16.30.0/28,172.16.30.100-172.16.30.109   <none>    <none>        24      3        21   12.5%   externalippool
                extra-v6      fd00:10:97::/108                             <none>    <none>   1048575      0   1048575    0.0%   servicecidr
                kubernetes    10.96.0.0/16,fd00:10:96::/112                <none>    <none>    131069      7    131062    0.0%   servicecidr
                """, r.out());
        assertEquals("", r.errWithoutSandboxLine());
    }

    @Test
    void allocationsNameEgressesServicesAndTheirNodes() {
        var r = cli.sandbox("pool", "usage", "egress-pool", "servicecidr/kubernetes", "--allocations", "-o", "wide");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches("pool-usage-allocations-external.txt", r.out());
        var json = cli.sandbox("pool", "usage", "egress-pool", "--allocations", "-o", "json");
        Golden.assertMatches("pool-usage-allocations-external.json", json.out());
    }

    @Test
    void getShowsAnExternalIpPoolWithItsHolders() {
        var r = cli.sandbox("pool", "get", "externalippool/egress-pool", "kubernetes", "-o", "yaml");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches("pool-get-external.yaml", r.out());
        assertEquals(
                "externalippool/egress-pool\nservicecidr/kubernetes\n",
                cli.sandbox("pool", "get", "egress-pool", "kubernetes", "-o", "name")
                        .out());
    }

    @Test
    void thresholdNamesAnExternalIpPool() {
        var r = cli.sandbox("pool", "usage", "--source", "externalippool", "--threshold", "10");
        assertEquals(ExitCode.THRESHOLD, r.code());
        assertEquals(
                "threshold: ExternalIPPool egress-pool is 12.5% full (3 of 24), at or above 10%\n",
                r.errWithoutSandboxLine());
    }

    @Test
    void theSeedIsConsistent() {
        var r = cli.sandbox("pool", "check", "--source", "externalippool,servicecidr");
        assertEquals("no problems found in externalippool, servicecidr\n", r.out());
        assertEquals(0, r.code());
    }

    @Test
    void releaseRefusesThePoolsOfSourcesWithoutAllocationRecords() {
        var r = cli.sandbox("pool", "release", "172.16.30.1", "--pool", "egress-pool");
        assertEquals(2, r.code());
        assertEquals(
                "error: invalid --pool \"egress-pool\": externalippool pools keep no allocations to release (Antrea frees an "
                        + "address when its Egress or Service is deleted or no longer names the pool); release frees Antrea IPPool "
                        + "and Whereabouts IPPool addresses\n",
                r.errWithoutSandboxLine());
    }

    /** What pool check finds, planted on an API server that runs no controller to repair it. */
    @Test
    void checkFindsWhatAntreaAndTheRepairLoopWouldReport() {
        try (SourceCluster cluster = new SourceCluster(false, true)) {
            planted(cluster);
            var r = new CliRun(state)
                    .run("--kubeconfig", cluster.kubeconfig(state).toString(), "pool", "check");
            assertEquals(ExitCode.THRESHOLD, r.code(), r.err());
            Golden.assertMatches("pool-check-external.txt", r.out());
            assertEquals("", r.err());
            var json = new CliRun(state)
                    .run(
                            "--kubeconfig",
                            cluster.kubeconfig(state).toString(),
                            "pool",
                            "check",
                            "-o",
                            "json",
                            "--source",
                            "servicecidr");
            Golden.assertMatches("pool-check-servicecidr.json", json.out());
            var usage = new CliRun(state)
                    .run(
                            "--kubeconfig",
                            cluster.kubeconfig(state).toString(),
                            "pool",
                            "usage",
                            "--source",
                            "externalippool");
            assertEquals(0, usage.code(), usage.err());
            assertEquals("""
                    warning: ExternalIPPool tiny: range 10.9.9.9/32 holds no address; Antrea counts it as -1 in status.usage.total (antrea#7149), ipamctl as 0
                    warning: ExternalIPPool web-pool: status.usage.used is 1 but Egresses and Services hold 3 of its addresses
                    """, usage.err());
        }
    }

    private static void planted(SourceCluster cluster) {
        cluster.create("""
                apiVersion: crd.antrea.io/v1beta1
                kind: IPPool
                metadata: {name: pool-ap}
                spec:
                  ipRanges: [{start: 172.16.19.11, end: 172.16.19.50}]
                  subnetInfo: {gateway: 172.16.19.254, prefixLength: 24, vlan: 19}
                """);
        cluster.create("""
                apiVersion: crd.antrea.io/v1beta1
                kind: ExternalIPPool
                metadata: {name: web-pool}
                spec: {ipRanges: [{cidr: 172.16.19.48/28}], nodeSelector: {}}
                status: {usage: {total: 14, used: 1}}
                """);
        cluster.create("""
                apiVersion: crd.antrea.io/v1beta1
                kind: ExternalIPPool
                metadata: {name: tiny}
                spec: {ipRanges: [{cidr: 10.9.9.9/32}], nodeSelector: {}}
                status: {usage: {total: -1, used: 0}}
                """);
        for (String[] e : new String[][] {
            {"outside", "web-pool", "172.16.19.70"},
            {"web", "web-pool", "172.16.19.49"},
            {"stale", "gone-pool", "172.16.31.1"}
        }) {
            cluster.create("""
                    apiVersion: crd.antrea.io/v1beta1
                    kind: Egress
                    metadata: {name: %s}
                    spec: {appliedTo: {podSelector: {}}, externalIPPool: %s, egressIP: %s}
                    """.formatted((Object[]) e));
        }
        for (String[] s : new String[][] {
            {"lb-a", "true", "172.16.19.50"}, {"lb-b", "false", "172.16.19.50"}, {"lb-c", "true", "172.16.19.51"}
        }) {
            cluster.create("""
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: %s
                      namespace: default
                      annotations: {service.antrea.io/external-ip-pool: web-pool, service.antrea.io/allow-shared-load-balancer-ip: "%s"}
                    spec: {type: LoadBalancer, ports: [{port: 80}]}
                    status: {loadBalancer: {ingress: [{ip: %s}]}}
                    """.formatted((Object[]) s));
        }
        cluster.create("""
                apiVersion: networking.k8s.io/v1
                kind: ServiceCIDR
                metadata: {name: kubernetes}
                spec: {cidrs: [10.96.0.0/16]}
                """);
        cluster.create("""
                apiVersion: v1
                kind: Service
                metadata: {name: outside, namespace: default}
                spec: {clusterIP: 10.99.0.5, clusterIPs: [10.99.0.5], ports: [{port: 80}]}
                """);
        cluster.create("""
                apiVersion: v1
                kind: Service
                metadata: {name: unrecorded, namespace: default}
                spec: {clusterIP: 10.96.0.20, clusterIPs: [10.96.0.20], ports: [{port: 80}]}
                """);
        cluster.create("""
                apiVersion: networking.k8s.io/v1
                kind: IPAddress
                metadata: {name: 10.96.0.30, labels: {ipaddress.kubernetes.io/managed-by: ipallocator.k8s.io}}
                spec: {parentRef: {group: "", resource: services, namespace: default, name: deleted}}
                """);
    }
}
