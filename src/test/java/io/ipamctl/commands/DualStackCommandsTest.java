package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.sources.SourceCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dual stack through every source (issue 16): IPv6 Antrea IPPools (CIDR and start-end), dual-stack Node podCIDRs
 * with a Pod holding one address per family, an IPv6 ExternalIPPool, IPv6 ServiceCIDRs and a Whereabouts IPv6
 * range; /64 and /48 pools are counted exactly (IPv6 has no broadcast), as big integers, without memory per address.
 */
class DualStackCommandsTest {

    @TempDir
    Path state;

    @Test
    void eachFamilyIsCountedByItsSourcesRules() {
        try (SourceCluster cluster = new SourceCluster(true, true)) {
            cluster.create("""
                    apiVersion: v1
                    kind: Node
                    metadata: {name: node-01}
                    spec: {podCIDR: 10.211.1.0/24, podCIDRs: [10.211.1.0/24, "fd00:10:211:1::/64"]}
                    """);
            cluster.node("node-02", "fd00:10:212::/48");
            cluster.create("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: dual, namespace: default}
                    spec: {nodeName: node-01, containers: [{name: c, image: pause}]}
                    status: {phase: Running, podIP: 10.211.1.9, podIPs: [{ip: 10.211.1.9}, {ip: "fd00:10:211:1::9"}]}
                    """);
            cluster.create("""
                    apiVersion: crd.antrea.io/v1beta1
                    kind: IPPool
                    metadata: {name: v6-cidr}
                    spec:
                      ipRanges: [{cidr: "fd00:16:19::/64"}]
                      subnetInfo: {gateway: "fd00:16:19::1", prefixLength: 64}
                    """);
            cluster.create("""
                    apiVersion: crd.antrea.io/v1beta1
                    kind: IPPool
                    metadata: {name: v6-range}
                    spec:
                      ipRanges: [{start: "fd00:16:20::10", end: "fd00:16:20::ff"}, {cidr: "fd00:16:20:1::/112"}]
                      subnetInfo: {gateway: "fd00:16:20::1", prefixLength: 48}
                    status:
                      ipAddresses:
                      - {ipAddress: "fd00:16:20::10", phase: Allocated, owner: {pod: {name: dual, namespace: default, containerID: c1}}}
                    """);
            cluster.create("""
                    apiVersion: crd.antrea.io/v1beta1
                    kind: ExternalIPPool
                    metadata: {name: v6-eip}
                    spec: {ipRanges: [{cidr: "fd00:30::/48"}, {cidr: "fd00:31::/124"}], nodeSelector: {}}
                    """);
            cluster.create("""
                    apiVersion: networking.k8s.io/v1
                    kind: ServiceCIDR
                    metadata: {name: v6-64}
                    spec: {cidrs: ["fd00:96::/64"]}
                    """);
            cluster.create("""
                    apiVersion: networking.k8s.io/v1
                    kind: ServiceCIDR
                    metadata: {name: v6-48}
                    spec: {cidrs: ["fd00:97::/48"]}
                    """);
            cluster.create("""
                    apiVersion: k8s.cni.cncf.io/v1
                    kind: NetworkAttachmentDefinition
                    metadata: {name: v6-net, namespace: default}
                    spec:
                      config: '{"cniVersion":"0.3.1","type":"macvlan","ipam":{"type":"whereabouts","range":"fd00:20::/64"}}'
                    """);
            cluster.create("""
                    apiVersion: whereabouts.cni.cncf.io/v1alpha1
                    kind: IPPool
                    metadata: {name: fd00-20---64, namespace: kube-system}
                    spec:
                      range: "fd00:20::/64"
                      allocations:
                        "5": {id: c5, podref: default/dual, ifname: net1}
                    """);
            String kubeconfig = cluster.kubeconfig(state).toString();
            var r = new CliRun(state).run("--kubeconfig", kubeconfig, "pool", "usage", "-o", "wide");
            assertEquals(0, r.code(), r.err());
            // the mock server stamps its objects with the moment they were made: a second or two before this run
            Golden.assertMatches("pool-usage-dual-stack-wide.txt", r.out().replaceAll("%   \\d{1,2}s ?", "%   AGE"));
            assertEquals("""
                    warning: ExternalIPPool v6-eip: range fd00:30::/48 is larger than Antrea's 65,536 addresses per range; the addresses \
                    past them are never handed out
                    warning: ServiceCIDR v6-48: fd00:97::/48 is shorter than /64: the API server gives it no allocator ("shortest \
                    allowed prefix length for service CIDR is 64"), so it holds no ClusterIPs
                    """, r.err());
            var ip = new CliRun(state)
                    .run(
                            "--kubeconfig",
                            kubeconfig,
                            "ip",
                            "fd00:10:211:1::9",
                            "10.211.1.9",
                            "fd00:16:20::10",
                            "fd00:20::5",
                            "fd00:20::ffff:ffff:ffff:ffff",
                            "fd00:30::",
                            "fd00:30:0:0:0:0:1:0",
                            "fd00:97::1",
                            "-o",
                            "wide");
            assertEquals(0, ip.code(), ip.err());
            Golden.assertMatches("ip-dual-stack-wide.txt", ip.out());
        }
    }
}
