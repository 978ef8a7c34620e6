package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipamctl.ipam.IpAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ipamctl ip` on the real API server (issue 16): who holds each address, compared with what kubectl shows
 * for the same Pods, Services and Egresses; and an address held twice. Objects a test makes are deleted
 * before it ends.
 */
class IpIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode kubectlJson(String... args) {
        return RealCluster.kubectlJson(args);
    }

    /**
     * Who holds what, as kubectl shows it: running Pods off the host network (status.podIPs, as "pod ns/name@node"),
     * Services' spec.clusterIPs and Egresses' spec.egressIP of a pool.
     */
    private static Map<String, String> holdersByKubectl() {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode p : kubectlJson("get", "pods", "-A").path("items")) {
            String phase = p.path("status").path("phase").asText();
            if (p.path("spec").path("hostNetwork").asBoolean() || phase.equals("Succeeded") || phase.equals("Failed")) {
                continue;
            }
            String who = "Pod " + p.path("metadata").path("namespace").asText() + "/"
                    + p.path("metadata").path("name").asText() + "@"
                    + p.path("spec").path("nodeName").asText();
            p.path("status")
                    .path("podIPs")
                    .forEach(ip -> out.put(canonical(ip.path("ip").asText()), who));
        }
        for (JsonNode s : kubectlJson("get", "services", "-A").path("items")) {
            String who =
                    "Service service/" + s.path("metadata").path("namespace").asText() + "/"
                            + s.path("metadata").path("name").asText() + "@";
            s.path("spec").path("clusterIPs").forEach(ip -> {
                if (!ip.asText().equals("None")) {
                    out.put(canonical(ip.asText()), who);
                }
            });
        }
        for (JsonNode e : kubectlJson("get", "egresses.crd.antrea.io").path("items")) {
            if (!e.path("spec").path("externalIPPool").asText().isEmpty()
                    && !e.path("spec").path("egressIP").asText().isEmpty()) {
                out.put(
                        canonical(e.path("spec").path("egressIP").asText()),
                        "Egress egress/" + e.path("metadata").path("name").asText() + "@"
                                + e.path("status").path("egressNode").asText());
            }
        }
        return out;
    }

    private static String canonical(String ip) {
        return IpAddress.parse(ip).toString();
    }

    /** Every address kubectl shows a holder for is `allocated` to that holder in some pool, and held once. */
    @Test
    void everyHolderKubectlShowsIsNamed() {
        Map<String, String> expected = holdersByKubectl();
        assertTrue(
                expected.keySet().stream().anyMatch(ip -> ip.contains(":")), "the seed has IPv6 holders: " + expected);
        List<String> args = new ArrayList<>(List.of("ip"));
        args.addAll(expected.keySet());
        args.add("203.0.113.77");
        args.addAll(List.of("-o", "json"));
        var r = RealCluster.ipamctl(state, args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err() + r.out());
        JsonNode doc = json(r.out());
        assertEquals(0, doc.path("heldTwice").asInt());
        Map<String, String> named = new TreeMap<>();
        for (JsonNode item : doc.path("items")) {
            for (JsonNode s : item.path("states")) {
                if (s.path("state").asText().equals("allocated")) {
                    String node = s.path("node").asText("");
                    String kind = s.path("ownerKind").asText();
                    named.put(
                            item.path("ip").asText(),
                            kind + " " + s.path("owner").asText() + "@" + (kind.equals("Service") ? "" : node));
                }
            }
        }
        JsonNode outside = doc.path("items").get(doc.path("items").size() - 1);
        assertEquals("203.0.113.77", outside.path("ip").asText());
        assertTrue(outside.path("outsideEveryPool").asBoolean(), outside.toString());
        assertEquals(expected, named);
    }

    /** An Egress given a running Pod's address: two owners, from two sources; exit 3. */
    @Test
    void anEgressOnAPodsAddressIsHeldTwice() {
        JsonNode pod = kubectlJson("get", "pod", "-n", "default", "frontend");
        String ip = pod.path("status").path("podIP").asText();
        String node = pod.path("spec").path("nodeName").asText();
        try {
            create("""
                    {"apiVersion": "crd.antrea.io/v1beta1", "kind": "ExternalIPPool", "metadata": {"name": "it-ip"},
                     "spec": {"ipRanges": [{"start": "%s", "end": "%s"}], "nodeSelector": {}}}""".formatted(ip, ip));
            create("""
                    {"apiVersion": "crd.antrea.io/v1beta1", "kind": "Egress", "metadata": {"name": "it-ip"},
                     "spec": {"appliedTo": {"podSelector": {}}, "externalIPPool": "it-ip", "egressIP": "%s"}}""".formatted(ip));
            var r = RealCluster.ipamctl(state, "ip", ip);
            assertEquals(3, r.code(), r.err() + r.out());
            assertEquals("""
                    IP            SOURCE           POOL      STATE       OWNER                  NODE
                    %1$s   node             %2$s   allocated   pod/default/frontend   %2$s
                    %1$s   externalippool   it-ip     allocated   egress/it-ip           <none>

                    %1$s is held twice (two-owners, 2 owners hold it): pod/default/frontend (node %2$s), egress/it-ip (externalippool it-ip)
                    %1$s is held twice (two-sources, recorded as handed out by node and externalippool, whose pools overlap): \
                    pod/default/frontend (node %2$s), egress/it-ip (externalippool it-ip)
                    """.formatted(ip, node), r.out());
        } finally {
            RealCluster.kubectlResult("delete", "egresses.crd.antrea.io", "it-ip", "--ignore-not-found");
            RealCluster.kubectlResult("delete", "externalippools.crd.antrea.io", "it-ip", "--ignore-not-found");
        }
        assertEquals(0, RealCluster.ipamctl(state, "ip", ip).code());
    }

    private void create(String manifest) {
        RealCluster.create(state, manifest);
    }
}
