package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.ipam.Cidr;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.kube.crd.v1beta1.Traceflow;
import io.ipamctl.kube.crd.v1beta1.TraceflowSpec;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.Destination;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 15 items 16 and 17: the sandbox's Traceflow, its Open vSwitch nodes and its pools come from one
 * state, so `trace`, `trace --local`, `ovs show` and `pool usage --allocations` tell the same story:
 * for the seed's NetworkPolicy, a Pod re-created with another address, a Pod created from a manifest,
 * a Pod without a node, and the seed's Services.
 */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class SandboxConsistencyTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @TempDir
    Path files;

    /** A runner on this class's sandbox (made per test, after the extension's beforeAll). */
    final CliRun cli = sandbox.cli();

    @BeforeAll
    static void openVSwitch() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/ovs-vsctl")),
                "Open vSwitch is not installed: run cli/ovs-node install (cli/run-tests does)");
    }

    @Test
    void theSeedsNetworkPolicyDropsInTheTraceflowAsInOpenVSwitch() {
        var traceflow =
                cli.sandbox("trace", "default/pod0", "default/backend1", "--protocol", "tcp", "--dst-port", "80");
        assertEquals("""
                NODE      COMPONENT       COMPONENT-INFO       ACTION      DETAIL
                node-01   SpoofGuard      <none>               Forwarded   source IP 10.211.1.80
                node-01   NetworkPolicy   IngressDefaultRule   Dropped     <none>

                Verdict: Dropped by NetworkPolicy (IngressDefaultRule) on node-01
                """, traceflow.out(), traceflow.err());
        assertEquals(3, traceflow.code());
        var local = cli.sandbox(
                "trace", "default/pod0", "default/backend1", "--protocol", "tcp", "--dst-port", "80", "--local");
        assertTrue(local.out().endsWith("\nVerdict: Dropped in IngressDefaultRule\n"), local.out());
        assertEquals(3, local.code());
        // from frontend the rule lets TCP 80 in, on either node
        var allowed =
                cli.sandbox("trace", "default/frontend", "default/backend2", "--protocol", "tcp", "--dst-port", "80");
        assertEquals("""
                NODE      COMPONENT       COMPONENT-INFO   ACTION      DETAIL
                node-01   SpoofGuard      <none>           Forwarded   source IP 10.211.1.14
                node-01   Forwarding      Output           Forwarded   tunnel to 127.0.1.2
                node-02   Forwarding      <none>           Received    <none>
                node-02   NetworkPolicy   IngressRule      Forwarded   <none>
                node-02   Forwarding      Output           Delivered   pod default/backend2

                Verdict: Delivered to default/backend2
                """, allowed.out(), allowed.err());
        // but not to another port: dropped on the receiving node
        var other =
                cli.sandbox("trace", "default/frontend", "default/backend2", "--protocol", "tcp", "--dst-port", "8080");
        assertTrue(
                other.out().endsWith("\nVerdict: Dropped by NetworkPolicy (IngressDefaultRule) on node-02\n"),
                other.out());
        assertEquals(3, other.code());
        var otherLocal = cli.sandbox(
                "trace", "default/frontend", "default/backend2", "--protocol", "tcp", "--dst-port", "8080", "--local");
        assertTrue(
                otherLocal.out().endsWith("\nVerdict: Forwarded to another node through antrea-tun0\n"),
                "--local traces the " + "source node only: " + otherLocal.out());
    }

    @Test
    void aRecreatedPodHasItsNewAddressPortAndFlowsInEveryView() {
        // the nodes run before: the port must follow the Pod, not only be made when they start
        assertEquals(
                "node-02   db-02-a2e130   4   internal   ns-db/db-02   172.16.20.50   02:88:e3:9e:93:a2   up\n",
                cli.sandbox("ovs", "show", "--pod", "ns-db/db-02", "--no-headers")
                        .out());
        var r = cli.sandbox("pod", "pin-ip", "db-02", "172.16.20.33", "-n", "ns-db", "--recreate");
        assertEquals(0, r.code(), r.err());
        String row = cli.sandbox("ovs", "show", "--pod", "ns-db/db-02", "--no-headers")
                .out();
        String[] cols = row.strip().split("\\s+");
        assertEquals("node-02", cols[0], row);
        String port = cols[1];
        assertTrue(
                port.startsWith("db-02-") && !port.equals("db-02-a2e130"), "a new port for the new container: " + row);
        assertNotEquals("4", cols[2], "a new ofport: " + row);
        assertEquals("172.16.20.33", cols[5], row);
        assertFalse(
                cli.sandbox("ovs", "show", "--node", "node-02").out().contains("172.16.20.50"), "the old port is gone");
        assertEquals(
                """
                POOL      IP             PHASE       OWNER         NODE
                pool-db   172.16.20.33   Allocated   ns-db/db-02   node-02
                pool-db   172.16.20.48   Allocated   ns-db/db-01   node-01
                """, cli.sandbox("pool", "usage", "pool-db", "--allocations").out());
        var traceflow = cli.sandbox("trace", "default/frontend", "ns-db/db-02");
        assertEquals("""
                NODE      COMPONENT    COMPONENT-INFO   ACTION      DETAIL
                node-01   SpoofGuard   <none>           Forwarded   source IP 10.211.1.14
                node-01   Forwarding   Output           Forwarded   tunnel to 127.0.1.2
                node-02   Forwarding   <none>           Received    <none>
                node-02   Forwarding   Output           Delivered   pod ns-db/db-02

                Verdict: Delivered to ns-db/db-02
                """, traceflow.out(), traceflow.err());
        var fromIt = cli.sandbox("trace", "ns-db/db-02", "default/backend2", "--local");
        assertTrue(
                fromIt.out().contains("flow: in_port=" + port + ",icmp,")
                        && fromIt.out().contains(",nw_src=172.16.20.33,"),
                fromIt.out());
        assertTrue(
                cli.sandbox("trace", "default/frontend", "172.16.20.33", "--local")
                        .out()
                        .endsWith("Verdict: Forwarded to another node through antrea-tun0\n"),
                "node-01 routes the new address to node-02");
        assertTrue(
                cli.sandbox("trace", "default/frontend", "172.16.20.50", "--local")
                        .out()
                        .endsWith("Verdict: Forwarded to the node through antrea-gw0\n"),
                "no Pod has the old address any more");
    }

    @Test
    void aPodCreatedFromAManifestGetsItsPortOnItsNode() throws Exception {
        assertEquals(
                "",
                cli.sandbox("ovs", "show", "--node", "node-01", "--no-headers").errWithoutSandboxLine(),
                "nodes up");
        Path manifest = PodManifest.write(files, "db-03");
        var r = cli.sandbox("pod", "pin-ip", "-f", manifest.toString(), "172.16.20.33", "--pool", "pool-db");
        assertEquals(0, r.code(), r.err());
        String row = cli.sandbox("ovs", "show", "--pod", "ns-db/db-03", "--no-headers")
                .out();
        String[] cols = row.strip().split("\\s+");
        assertEquals("node-01", cols[0], row);
        assertEquals("172.16.20.33", cols[5], row);
        assertTrue(cli.sandbox("pool", "usage", "pool-db", "--allocations")
                .out()
                .contains("pool-db   172.16.20.33   Allocated   ns-db/db-03   node-01\n"));
        assertTrue(
                cli.sandbox("trace", "default/frontend", "ns-db/db-03")
                        .out()
                        .endsWith(
                                "node-01   Forwarding   Output           Delivered   pod ns-db/db-03\n\nVerdict: Delivered to ns-db/db-03\n"));
        assertTrue(cli.sandbox("trace", "default/frontend", "ns-db/db-03", "--local")
                .out()
                .endsWith("Verdict: Delivered to ns-db/db-03 on port " + cols[1] + "\n"));
    }

    @Test
    void aPodWithoutANodeGetsNoAddressAndATraceToItFailsAsInAntrea() throws Exception {
        Path manifest = Files.writeString(files.resolve("db-04.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: db-04
                  namespace: ns-db
                spec:
                  containers:
                  - name: db
                    image: registry.k8s.io/pause:3.10
                """);
        assertEquals(
                0,
                cli.sandbox("pod", "pin-ip", "-f", manifest.toString(), "172.16.20.34", "--pool", "pool-db")
                        .code());
        assertFalse(
                cli.sandbox("pool", "usage", "pool-db", "--allocations").out().contains("db-04"),
                "Antrea allocates at the Pod's CNI ADD, on its node");
        var trace = cli.sandbox("trace", "default/frontend", "ns-db/db-04");
        assertEquals(1, trace.code());
        assertEquals(
                "error: destination Pod \"ns-db/db-04\" has no IP address yet (phase Pending)\n",
                trace.errWithoutSandboxLine());
        // a Traceflow made by other means gets Antrea's agent's answer, not "Delivered" to node <none>
        try (KubernetesClient k = sandbox.client()) {
            Traceflow tf = new Traceflow();
            tf.setMetadata(new ObjectMetaBuilder().withName("to-db-04").build());
            TraceflowSpec spec = new TraceflowSpec();
            Source src = new Source();
            src.setNamespace("default");
            src.setPod("frontend");
            spec.setSource(src);
            Destination dst = new Destination();
            dst.setNamespace("ns-db");
            dst.setPod("db-04");
            spec.setDestination(dst);
            tf.setSpec(spec);
            k.resources(Traceflow.class).resource(tf).create();
            sandbox.server().awaitSettled(Duration.ofMinutes(1));
            Traceflow answered =
                    k.resources(Traceflow.class).withName("to-db-04").get();
            assertEquals("Failed", answered.getStatus().getPhase());
            assertEquals(
                    "Node: node-01, error: destination Pod does not have an IPv4 address",
                    answered.getStatus().getReason());
        }
    }

    /** Item 17: the README's Service trace works on the sandbox. */
    @Test
    void theSeedsServicesCanBeTraced() {
        var r = cli.sandbox(
                "trace", "default/frontend", "svc/default/backendsvc", "--protocol", "tcp", "--dst-port", "80");
        assertEquals("""
                NODE      COMPONENT       COMPONENT-INFO   ACTION      DETAIL
                node-01   SpoofGuard      <none>           Forwarded   source IP 10.211.1.14
                node-01   LB              <none>           Forwarded   DNAT to 10.211.1.15 (default/backend1)
                node-01   NetworkPolicy   IngressRule      Forwarded   <none>
                node-01   Forwarding      Output           Delivered   pod default/backend1

                Verdict: Delivered to default/backend1
                """, r.out(), r.err());
        assertEquals(0, r.code());
        var blocked =
                cli.sandbox("trace", "default/pod0", "svc/default/backendsvc", "--protocol", "tcp", "--dst-port", "80");
        assertTrue(
                blocked.out().endsWith("\nVerdict: Dropped by NetworkPolicy (IngressDefaultRule) on node-01\n"),
                blocked.out());
        var dns = cli.sandbox(
                "trace", "default/frontend", "svc/kube-system/kube-dns", "--protocol", "tcp", "--dst-port", "53");
        assertEquals("""
                NODE      COMPONENT    COMPONENT-INFO   ACTION      DETAIL
                node-01   SpoofGuard   <none>           Forwarded   source IP 10.211.1.14
                node-01   LB           <none>           Forwarded   DNAT to 10.211.1.4 (kube-system/coredns-558bd4d5db-gtvr4)
                node-01   Forwarding   Output           Delivered   pod kube-system/coredns-558bd4d5db-gtvr4

                Verdict: Delivered to kube-system/coredns-558bd4d5db-gtvr4
                """, dns.out(), dns.err());
        try (KubernetesClient k = sandbox.client()) {
            Cidr serviceCidr = Cidr.parse("10.96.0.0/16"); // the test cluster's --service-cluster-ip-range
            var services = k.services().inAnyNamespace().list().getItems();
            assertEquals(
                    List.of(
                            "default/backendsvc",
                            "default/kubernetes",
                            "kube-system/antrea",
                            "kube-system/kube-dns",
                            "ns-ap/web-dual",
                            "ns-ap/web-lb"),
                    services.stream()
                            .map(s -> s.getMetadata().getNamespace() + "/"
                                    + s.getMetadata().getName())
                            .sorted()
                            .toList());
            services.forEach(s -> assertTrue(
                    serviceCidr.contains(IpAddress.parse(s.getSpec().getClusterIP())),
                    s.getMetadata().getName() + " " + s.getSpec().getClusterIP()));
        }
    }
}
