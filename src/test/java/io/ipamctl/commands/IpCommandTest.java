package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.ExitCode;
import io.ipamctl.sources.SourceCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `ipamctl ip` (issue 16) on the sandbox's seed, and on a mock API server where addresses are held twice. */
class IpCommandTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @TempDir
    Path state;

    CliRun cli;

    @BeforeEach
    void setUp() {
        cli = sandbox.cli();
    }

    /** One address per state and source of the seed, IPv4 and IPv6. */
    @Test
    void everySourceAndStateOfTheSeed() {
        var r = cli.sandbox(
                "ip",
                "172.16.19.11",
                "172.16.19.60",
                "192.168.20.13",
                "192.168.20.5",
                "192.168.20.255",
                "10.211.1.0",
                "10.211.1.1",
                "10.211.1.255",
                "10.211.2.30",
                "10.211.2.31",
                "172.16.30.3",
                "10.96.0.1",
                "fd00:10:96::20",
                "FD00:10:97:0::5",
                "8.8.8.8",
                "-o",
                "wide");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches("ip-seed-wide.txt", r.out());
        assertEquals("", r.errWithoutSandboxLine());
    }

    @Test
    void jsonAndYamlForScripts() {
        var r = cli.sandbox("ip", "172.16.30.3", "fd00:10:96::20", "8.8.8.8", "-o", "json");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches("ip-seed.json", r.out());
        var yaml = cli.sandbox("ip", "172.16.19.11", "-o", "yaml");
        assertEquals("""
                apiVersion: ipamctl/v1
                kind: AddressReport
                heldTwice: 0
                items:
                  - ip: 172.16.19.11
                    family: IPv4
                    outsideEveryPool: false
                    states:
                      - source: antrea
                        pool: pool-ap
                        state: allocated
                        owner: ns-ap/web-6d4cf56db6-4lq2x
                        ownerKind: Pod
                        node: node-01
                        phase: Allocated
                        containerID: 5f055ac4f504c3b80cb9aaaba859aa955fe7c913a6d3622fd258001046e6abea
                    unpooled: []
                    conflicts: []
                """, yaml.out());
    }

    @Test
    void sourceNarrowsTheLookUp() {
        var r = cli.sandbox("ip", "172.16.19.11", "--source", "node,whereabouts", "--no-headers");
        assertEquals(0, r.code(), r.err());
        assertEquals(
                "172.16.19.11   <none>   <none>   outside every pool   pod/ns-ap/web-6d4cf56db6-4lq2x   node-01\n",
                r.out());
    }

    @Test
    void malformedAddressIsOneLineAndReadsNothing() {
        var r = cli.sandbox("ip", "10.0.0.1", "10.0.0");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals("", r.out());
        assertEquals(
                "error: \"10.0.0\" is not a valid IP address (expected e.g. 172.16.19.11 or fd00:10:96::20)\n",
                r.errWithoutSandboxLine());
    }

    /**
     * Held twice: two Pods with one address (two-owners), an Antrea pool overlapping a Node's podCIDR so that
     * both record one Pod's address (two-sources), an Egress holding a Pod's address (both), a Pod whose
     * address no pool includes, and a StatefulSet reservation.
     */
    @Test
    void heldTwiceExitsThreeAndNamesEveryHolder() {
        try (SourceCluster cluster = new SourceCluster(false, false)) {
            cluster.node("node-01", "10.211.1.0/24");
            cluster.node("node-02", "fd00:211:2::/64");
            cluster.pod("default", "a", "node-01", "10.211.1.7", "");
            cluster.pod("default", "b", "node-01", "10.211.1.7", "");
            cluster.pod("default", "c", "node-01", "10.211.1.20", "");
            cluster.pod("default", "stray", "node-01", "10.99.0.5", "");
            cluster.create("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: dual, namespace: default}
                    spec: {nodeName: node-02, containers: [{name: c, image: pause}]}
                    status: {phase: Running, podIP: 10.99.0.30, podIPs: [{ip: 10.99.0.30}, {ip: "fd00:211:2::30"}]}
                    """);
            cluster.create("""
                    apiVersion: crd.antrea.io/v1beta1
                    kind: IPPool
                    metadata: {name: overlap}
                    spec:
                      ipRanges: [{start: 10.211.1.20, end: 10.211.1.29}]
                      subnetInfo: {gateway: 10.211.1.1, prefixLength: 24}
                    status:
                      ipAddresses:
                      - {ipAddress: 10.211.1.20, phase: Allocated, owner: {pod: {name: c, namespace: default, containerID: c20}}}
                      - {ipAddress: 10.211.1.21, phase: Reserved, owner: {statefulSet: {name: db, namespace: ns-db, index: 0}}}
                    """);
            cluster.create("""
                    apiVersion: crd.antrea.io/v1beta1
                    kind: ExternalIPPool
                    metadata: {name: eip}
                    spec: {ipRanges: [{cidr: 10.211.1.0/28}], nodeSelector: {}}
                    """);
            cluster.create("""
                    apiVersion: crd.antrea.io/v1beta1
                    kind: Egress
                    metadata: {name: out}
                    spec: {appliedTo: {podSelector: {}}, externalIPPool: eip, egressIP: 10.211.1.7}
                    status: {egressNode: node-02, egressIP: 10.211.1.7}
                    """);
            String kubeconfig = cluster.kubeconfig(state).toString();
            var r = new CliRun(state)
                    .run(
                            "--kubeconfig",
                            kubeconfig,
                            "ip",
                            "10.211.1.7",
                            "10.211.1.20",
                            "10.211.1.21",
                            "10.99.0.5",
                            "fd00:211:2::30",
                            "fd00:211:2:0:ffff:ffff:ffff:ffff");
            assertEquals(ExitCode.THRESHOLD, r.code(), r.err());
            Golden.assertMatches("ip-held-twice.txt", r.out());
            assertEquals("", r.err());
            var json = new CliRun(state).run("--kubeconfig", kubeconfig, "ip", "10.211.1.7", "-o", "json");
            assertEquals(ExitCode.THRESHOLD, json.code(), json.err());
            Golden.assertMatches("ip-held-twice.json", json.out());
        }
    }
}
