package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `pod why` on the real test cluster: each test makes a Pod fail the way Antrea would (the stand-in reports
 * Antrea's error texts as FailedCreatePodSandBox Events) and reads the one-sentence cause back.
 */
class PodWhyIT {

    private static final String NS = "ipamctl-why";

    @TempDir
    static Path dir;

    /**
     * The test cluster runs no namespace controller (a deleted Namespace would stay Terminating): what a test made is
     * removed one by one, and the Namespace is only unbound.
     */
    @AfterAll
    static void cleanup() {
        RealCluster.kubectlResult("-n", NS, "delete", "pod", "first", "second", "--ignore-not-found", "--wait=false");
        RealCluster.kubectlResult("-n", "default", "delete", "pod", "why-agent", "--ignore-not-found", "--wait=false");
        RealCluster.kubectlResult("annotate", "namespace", NS, "ipam.antrea.io/ippools-");
        RealCluster.kubectlResult(
                "-n",
                "ns-ap",
                "delete",
                "pod",
                "why-taken",
                "why-outside",
                "why-nopool",
                "why-v6",
                "--ignore-not-found",
                "--wait=false");
        RealCluster.kubectlResult("delete", "ippools.crd.antrea.io", "pool-why-tiny", "--ignore-not-found");
    }

    private static void pod(String ns, String name, String node, String annotations) {
        PodWhyRuns.pod(dir, ns, name, node, annotations);
    }

    private static JsonNode why(String podRef) throws IOException, InterruptedException {
        return PodWhyRuns.why(dir, podRef);
    }

    @Test
    void aPodWithItsAddress() throws Exception {
        var r = RealCluster.ipamctl(dir, "pod", "why", "db-01", "-n", "ns-db");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("pod ns-db/db-01 has 172.16.20.48 from pool pool-db ("), r.out());
        JsonNode d = why("ns-db/db-01");
        assertEquals("pool-db", d.path("pool").asText());
    }

    @Test
    void addressTakenByAnotherPod() throws Exception {
        pod("ns-ap", "why-taken", "node-01", "\"ipam.antrea.io/pod-ips\": \"172.16.19.11\"");
        JsonNode d = why("ns-ap/why-taken");
        assertEquals("address-taken", d.path("cause").asText());
        assertEquals(
                "asks for 172.16.19.11, which pool pool-ap has given to ns-ap/web-6d4cf56db6-4lq2x",
                d.path("finding").asText());
        assertTrue(d.path("evidence").asText().endsWith("): IP 172.16.19.11 is already allocated"), d.toString());
    }

    @Test
    void addressOutsideThePool() throws Exception {
        pod("ns-ap", "why-outside", "node-01", "\"ipam.antrea.io/pod-ips\": \"10.9.9.9\"");
        JsonNode d = why("ns-ap/why-outside");
        assertEquals("address-outside-pool", d.path("cause").asText());
        assertEquals(
                "asks for 10.9.9.9 (ipam.antrea.io/pod-ips), which lies outside pool pool-ap (ranges "
                        + "172.16.19.11-172.16.19.50)",
                d.path("finding").asText());
    }

    @Test
    void annotationNamingAMissingPool() throws Exception {
        pod("ns-ap", "why-nopool", "node-01", "\"ipam.antrea.io/ippools\": \"pool-nope\"");
        JsonNode d = why("ns-ap/why-nopool");
        assertEquals("pool-not-found", d.path("cause").asText());
        assertEquals(
                "gets no address: its ipam.antrea.io/ippools names pool pool-nope, which does not exist",
                d.path("finding").asText());
    }

    @Test
    void anIpv6AddressAskedOfAnIpv4Pool() throws Exception {
        pod("ns-ap", "why-v6", "node-02", "\"ipam.antrea.io/pod-ips\": \"fd00::5\"");
        JsonNode d = null;
        for (int i = 0; i < 100 && (d == null || d.path("cause").asText().equals("unknown")); i++) {
            d = why("ns-ap/why-v6");
        }
        assertEquals("mixed-families", d.path("cause").asText());
        assertTrue(
                d.path("finding")
                        .asText()
                        .endsWith(", not fd00::5 that its ipam.antrea.io/pod-ips asks for: fd00::5 is "
                                + "IPv6 but pool pool-ap is IPv4, so Antrea ignored it"),
                d.toString());
    }

    @Test
    void exhaustedPoolAndAnAgentGone() throws Exception {
        RealCluster.kubectlResult("create", "namespace", NS); // kept from an earlier run on the same cluster
        var create = RealCluster.ipamctl(
                dir,
                "pool",
                "create",
                "pool-why-tiny",
                "--range",
                "10.77.0.10-10.77.0.10",
                "--gateway",
                "10.77.0.1",
                "--prefix-length",
                "24");
        assertEquals(0, create.code(), create.err());
        assertEquals(
                0, RealCluster.ipamctl(dir, "ns", "bind", NS, "pool-why-tiny").code());
        pod(NS, "first", "node-01", "");
        assertEquals(
                "has 10.77.0.10 from pool pool-why-tiny (1 of 1 used (100.0%))",
                why(NS + "/first").path("finding").asText());
        pod(NS, "second", "node-01", "");
        JsonNode full = why(NS + "/second");
        assertEquals("pool-exhausted", full.path("cause").asText());
        assertEquals(
                "gets no address: its pool is full: pool pool-why-tiny 1 of 1 used (100.0%)",
                full.path("finding").asText());

        RealCluster.kubectl(
                "-n", "kube-system", "label", "pod", "antrea-agent-j28lw", "component=not-antrea-agent", "--overwrite");
        try {
            pod("default", "why-agent", "node-02", "");
            JsonNode d = why("default/why-agent");
            assertEquals("agent-not-ready", d.path("cause").asText());
            assertEquals(
                    "cannot reach the Antrea agent on node node-02: no agent Pod runs there",
                    d.path("finding").asText());
        } finally {
            RealCluster.kubectl(
                    "-n", "kube-system", "label", "pod", "antrea-agent-j28lw", "component=antrea-agent", "--overwrite");
        }
        // back on its node, the agent serves the Pod on the kubelet's next try
        JsonNode after = null;
        for (int i = 0;
                i < 100 && (after == null || !after.path("verdict").asText().equals("has-address"));
                i++) {
            after = why("default/why-agent");
            Thread.sleep(100);
        }
        assertEquals("has-address", after.path("verdict").asText(), after.toString());
    }

    @Test
    void aPodThatDoesNotExist() {
        var r = RealCluster.ipamctl(dir, "pod", "why", "ns-ap/nope");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals("error: pod nope not found in namespace ns-ap\n", r.err());
    }
}
