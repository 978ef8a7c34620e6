package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The causes of `pod why` that {@link PodWhyIT} does not reach, each on the real test cluster: the stand-in reports
 * what Antrea's agent (or host-local, its Node IPAM path) reports, in the kubelet's FailedCreatePodSandBox Event,
 * and `pod why` must name the cause in one sentence with exit 3 (exit 1 when nothing explains it). Not reachable
 * here: conflicting VLANs of a dual-stack Pod's pools (the stand-in allocates IPv4 only), and an agent that runs
 * but is not Ready (the stand-in serves any agent Pod); both are rule-tested in PodWhyRulesTest.
 */
class PodWhyCausesIT {

    /** A pool with a CIDR range (its gateway is reserved) and one address a StatefulSet keeps. */
    private static final String POOL = "pool-why-sts";
    /** A node of its own with a /30 podCIDR: one address for Pods, so the second Pod finds it full. */
    private static final String NODE = "node-why";

    private static final List<String> AP_PODS = List.of(
            "why-sts", "why-gw", "why-badip", "why-twoips", "why-twopools", "why-unscheduled", "why-nad", "why-asked");

    @TempDir
    static Path dir;

    /**
     * Everything made here goes, and the test waits until the stand-in has taken the deleted Pods' entries out of
     * the pools (its release follows the delete event), so the whole-table ITs that run later see the seed.
     */
    @AfterAll
    static void cleanup() throws InterruptedException {
        RealCluster.kubectlResult(
                Stream.concat(Stream.of("-n", "ns-ap", "delete", "pod", "--ignore-not-found"), AP_PODS.stream())
                        .toArray(String[]::new));
        RealCluster.kubectlResult("-n", "default", "delete", "pod", "why-late", "why-done", "--ignore-not-found");
        // no kubelet confirms a deletion on node-why: forced, as for a node that is gone
        RealCluster.kubectlResult(
                "-n",
                "default",
                "delete",
                "pod",
                "why-full-a",
                "why-full-b",
                "--ignore-not-found",
                "--force",
                "--grace-period=0");
        RealCluster.kubectlResult(
                "-n",
                "kube-system",
                "delete",
                "pod",
                "antrea-agent-why",
                "--ignore-not-found",
                "--force",
                "--grace-period=0");
        for (int i = 0; i < 300 && poolHolds("pool-ap", "why-asked"); i++) {
            Thread.sleep(100); // polls the stand-in's release, which follows the delete event
        }
        assertTrue(!poolHolds("pool-ap", "why-asked"), "the stand-in never released why-asked's address");
        RealCluster.kubectlResult("delete", "ippools.crd.antrea.io", POOL, "--ignore-not-found");
        RealCluster.kubectlResult("delete", "node", NODE, "--ignore-not-found");
    }

    private static boolean poolHolds(String pool, String pod) {
        return RealCluster.kubectl(
                        "get", "ippools.crd.antrea.io", pool, "-o", "jsonpath={.status.ipAddresses[*].owner.pod.name}")
                .contains(pod);
    }

    private static void pod(String ns, String name, String node, String annotations) {
        PodWhyRuns.pod(dir, ns, name, node, annotations);
    }

    /** pod why -o json once settled, which must be a cause found (exit 3). */
    private static JsonNode why(String podRef) throws IOException, InterruptedException {
        JsonNode d = PodWhyRuns.why(dir, podRef);
        assertEquals("cause-found", d.path("verdict").asText(), d.toString());
        return d;
    }

    private static void assertCause(JsonNode d, String cause, String finding, String antreaText) {
        assertEquals(cause, d.path("cause").asText(), d.toString());
        assertEquals(finding, d.path("finding").asText());
        if (antreaText != null) {
            assertTrue(
                    d.path("evidence").asText().startsWith("FailedCreatePodSandBox (last at ")
                            && d.path("evidence").asText().endsWith("): " + antreaText),
                    d.toString());
        }
    }

    private static void makePool() {
        if (RealCluster.kubectlResult("get", "ippools.crd.antrea.io", POOL).code() == 0) {
            return;
        }
        var r = RealCluster.ipamctl(
                dir,
                "pool",
                "create",
                POOL,
                "--cidr",
                "10.78.0.0/28",
                "--gateway",
                "10.78.0.1",
                "--prefix-length",
                "24");
        assertEquals(0, r.code(), r.err());
        // what the Antrea controller writes for replica 2 of a StatefulSet that names the pool (the stand-in does
        // not pre-allocate for StatefulSets): the address is Reserved, owned by the StatefulSet, not by a Pod
        RealCluster.kubectl(
                "patch",
                "ippools.crd.antrea.io",
                POOL,
                "--subresource=status",
                "--type=merge",
                "-p",
                "{\"status\":{\"ipAddresses\":[{\"ipAddress\":\"10.78.0.5\",\"phase\":\"Reserved\","
                        + "\"owner\":{\"statefulSet\":{\"name\":\"db\",\"namespace\":\"ns-ap\",\"index\":2}}}]}}");
    }

    @Test
    void anAddressReservedForAStatefulSet() throws Exception {
        makePool();
        pod(
                "ns-ap",
                "why-sts",
                "node-01",
                "\"ipam.antrea.io/ippools\": \"" + POOL + "\", " + "\"ipam.antrea.io/pod-ips\": \"10.78.0.5\"");
        assertCause(
                why("ns-ap/why-sts"),
                "address-reserved-for-statefulset",
                "asks for 10.78.0.5, which pool pool-why-sts keeps reserved for StatefulSet ns-ap/db (replica 2)",
                "IP 10.78.0.5 is already allocated");
        var text = RealCluster.ipamctl(dir, "pod", "why", "ns-ap/why-sts");
        assertEquals(3, text.code(), text.err());
        assertEquals(
                "pod ns-ap/why-sts asks for 10.78.0.5, which pool pool-why-sts keeps reserved for StatefulSet ns-ap/db "
                        + "(replica 2)\n"
                        + "  fix:      ask for another address of pool-why-sts; the reservation goes away with the "
                        + "StatefulSet",
                text.out().lines().limit(2).reduce((a, b) -> a + "\n" + b).orElse(""));
    }

    @Test
    void theGatewayOfACidrRange() throws Exception {
        makePool();
        pod(
                "ns-ap",
                "why-gw",
                "node-01",
                "\"ipam.antrea.io/ippools\": \"" + POOL + "\", " + "\"ipam.antrea.io/pod-ips\": \"10.78.0.1\"");
        assertCause(
                why("ns-ap/why-gw"),
                "address-reserved",
                "asks for 10.78.0.1, which is the gateway of pool pool-why-sts: Antrea never hands it out",
                "IP 10.78.0.1 is reserved and not available for allocation");
    }

    @Test
    void anAddressOfSeveralPools() throws Exception {
        makePool();
        pod(
                "ns-ap",
                "why-twopools",
                "node-01",
                "\"ipam.antrea.io/ippools\": \"pool-ap," + POOL + "\", " + "\"ipam.antrea.io/pod-ips\": \"10.78.0.6\"");
        assertCause(
                why("ns-ap/why-twopools"),
                "several-pools-for-address",
                "asks for 10.78.0.6 while its ipam.antrea.io/ippools names 2 IPv4 pools (pool-ap, pool-why-sts): "
                        + "an address can be asked of one pool per family only",
                "multiple IPv4 IPPools configured with requested IPv4 address(es) [10.78.0.6]; configured IPv4 "
                        + "IPPools (2): [pool-ap, pool-why-sts]; specifying an IP restricts the selection to exactly "
                        + "one IPPool of that corresponding IP family");
    }

    @Test
    void podIpsThatAntreaCannotRead() throws Exception {
        pod("ns-ap", "why-badip", "node-01", "\"ipam.antrea.io/pod-ips\": \"10.78.0.x\"");
        assertCause(
                why("ns-ap/why-badip"),
                "invalid-pod-ips",
                "its ipam.antrea.io/pod-ips \"10.78.0.x\" holds \"10.78.0.x\", which is not an IP address",
                "invalid IP \"10.78.0.x\" in ipam.antrea.io/pod-ips annotation \"10.78.0.x\"");
        pod("ns-ap", "why-twoips", "node-01", "\"ipam.antrea.io/pod-ips\": \"172.16.19.40,172.16.19.41\"");
        assertCause(
                why("ns-ap/why-twoips"),
                "invalid-pod-ips",
                "its ipam.antrea.io/pod-ips \"172.16.19.40,172.16.19.41\" names more than one IPv4 address; Antrea "
                        + "takes one per family",
                "multiple IPv4 addresses in ipam.antrea.io/pod-ips annotation \"172.16.19.40,172.16.19.41\"");
    }

    @Test
    void aPodOnNoNode() throws Exception {
        pod("ns-ap", "why-unscheduled", null, "");
        assertCause(
                why("ns-ap/why-unscheduled"),
                "not-scheduled",
                "is not scheduled on a node yet, and a Pod gets its address only on its node",
                null);
    }

    @Test
    void aSecondaryNetworkThatFails() throws Exception {
        pod("ns-ap", "why-nad", "node-01", "\"k8s.v1.cni.cncf.io/networks\": \"no-such-net\"");
        JsonNode d = why("ns-ap/why-nad");
        assertEquals("cni-failed", d.path("cause").asText(), d.toString());
        String multus = "GetNetworkDelegates: failed getting the delegate: getKubernetesDelegate: cannot find a "
                + "network-attachment-definition (no-such-net) in namespace (ns-ap): "
                + "network-attachment-definitions.k8s.cni.cncf.io \"no-such-net\" not found";
        assertTrue(
                d.path("finding")
                        .asText()
                        .startsWith("cannot get its sandbox (and so its network) created: [ns-ap/why-nad/"),
                d.toString());
        assertTrue(d.path("finding").asText().endsWith("]: " + multus), d.toString());
        assertEquals(
                "the multus plugin failed, not Antrea: check the networks its k8s.v1.cni.cncf.io/networks names "
                        + "(kubectl get network-attachment-definitions -n ns-ap) and the multus log on node-01",
                d.path("fix").asText());
    }

    @Test
    void annotationsWrittenAfterThePodGotItsAddress() throws Exception {
        makePool();
        pod("default", "why-late", "node-01", "");
        pod("ns-ap", "why-asked", "node-01", "");
        RealCluster.kubectl("-n", "default", "wait", "--for=condition=Ready", "pod/why-late", "--timeout=60s");
        RealCluster.kubectl("-n", "ns-ap", "wait", "--for=condition=Ready", "pod/why-asked", "--timeout=60s");
        String lateIp =
                RealCluster.kubectl("-n", "default", "get", "pod", "why-late", "-o", "jsonpath={.status.podIP}");
        String askedIp =
                RealCluster.kubectl("-n", "ns-ap", "get", "pod", "why-asked", "-o", "jsonpath={.status.podIP}");
        RealCluster.kubectl("-n", "default", "annotate", "pod", "why-late", "ipam.antrea.io/ippools=" + POOL);
        String other = askedIp.equals("172.16.19.45") ? "172.16.19.46" : "172.16.19.45";
        RealCluster.kubectl("-n", "ns-ap", "annotate", "pod", "why-asked", "ipam.antrea.io/pod-ips=" + other);
        assertCause(
                why("default/why-late"),
                "address-not-from-pool",
                "has " + lateIp + ", which is not from pool pool-why-sts named by its ipam.antrea.io/ippools: the "
                        + "annotation came after the Pod got its address, and Antrea does not move running Pods",
                null);
        assertCause(
                why("ns-ap/why-asked"),
                "address-not-as-asked",
                "has " + askedIp + ", but its ipam.antrea.io/pod-ips asks for " + other
                        + ": the annotation came after the Pod got its address",
                null);
    }

    @Test
    void aFinishedPod() throws Exception {
        pod("default", "why-done", "node-02", "");
        RealCluster.kubectl("-n", "default", "wait", "--for=condition=Ready", "pod/why-done", "--timeout=60s");
        // what the kubelet writes when the Pod's containers have exited 0
        RealCluster.kubectl(
                "-n",
                "default",
                "patch",
                "pod",
                "why-done",
                "--subresource=status",
                "--type=merge",
                "-p",
                "{\"status\":{\"phase\":\"Succeeded\"}}");
        assertCause(
                why("default/why-done"),
                "finished",
                "has finished (Succeeded): a finished Pod gives its address back",
                null);
    }

    /**
     * node-why has no kwok: the test plays its kubelet (marks the agent Ready, writes a Pod's address into its
     * status as the kubelet would once the sandbox runs).
     */
    @Test
    void theNodesPodCidrIsFull() throws Exception {
        RealCluster.create(
                dir,
                "apiVersion: v1\nkind: Node\nmetadata:\n  name: " + NODE + "\nspec:\n  podCIDR: 10.212.0.0/30\n"
                        + "  podCIDRs: [10.212.0.0/30]\n");
        RealCluster.kubectl(
                "patch",
                "node",
                NODE,
                "--subresource=status",
                "--type=merge",
                "-p",
                "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"127.0.1.250\"}]}}");
        RealCluster.create(
                dir,
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: antrea-agent-why\n  namespace: kube-system\n"
                        + "  labels: {app: antrea, component: antrea-agent}\nspec:\n  nodeName: " + NODE
                        + "\n  hostNetwork: true\n  containers: [{name: antrea-agent, image: antrea/antrea-agent-ubuntu:v2.4.0}]\n");
        RealCluster.kubectl(
                "-n",
                "kube-system",
                "patch",
                "pod",
                "antrea-agent-why",
                "--subresource=status",
                "--type=merge",
                "-p",
                "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");

        pod("default", "why-full-a", NODE, "");
        RealCluster.kubectl(
                "-n",
                "default",
                "wait",
                "pod/why-full-a",
                "--for=jsonpath={.metadata.annotations.test\\.ipamctl\\.io/pod-ip}=10.212.0.2",
                "--timeout=60s");
        // the stand-in (Antrea) gave the address, but no kubelet has run the sandbox: nothing explains it yet
        var unknown = RealCluster.ipamctl(dir, "pod", "why", "default/why-full-a");
        assertEquals(1, unknown.code(), unknown.err());
        assertEquals(
                "pod default/why-full-a has no address, and nothing Antrea reports or keeps explains it",
                unknown.out().lines().findFirst().orElse(""));
        RealCluster.kubectl(
                "-n",
                "default",
                "patch",
                "pod",
                "why-full-a",
                "--subresource=status",
                "--type=merge",
                "-p",
                "{\"status\":{\"phase\":\"Running\",\"podIP\":\"10.212.0.2\",\"podIPs\":[{\"ip\":\"10.212.0.2\"}]}}");

        pod("default", "why-full-b", NODE, "");
        String finding = "gets no address: node node-why's podCIDR 10.212.0.0/30 (1 of 1 used (100.0%)) has no free "
                + "address";
        assertCause(
                why("default/why-full-b"),
                "node-podcidr-full",
                finding,
                "failed to allocate for range 0: no IP addresses available in range set: 10.212.0.1-10.212.0.2");
        var text = RealCluster.ipamctl(dir, "pod", "why", "default/why-full-b");
        assertEquals(3, text.code(), text.err());
        assertEquals(
                "pod default/why-full-b " + finding,
                text.out().lines().findFirst().orElse(""));
    }
}
