package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipamctl.ipam.Cidr;
import io.ipamctl.ipam.IpAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Antrea ExternalIPPools and Kubernetes ServiceCIDRs on the real API server (issue 16): the ClusterIPs and
 * IPAddresses are the real kube-apiserver's, the Egress and LoadBalancer addresses the stand-in's (as
 * Antrea's controller gives them). Every expected figure is computed from what kubectl shows for the same
 * objects. Every object a test makes is deleted before it ends, so the seed holds for the other ITs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalIpAndServiceCidrIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL = "egress-pool";
    private static final String POOL_ANNOTATION = "service.antrea.io/external-ip-pool";

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
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-o", "json"));
        return json(RealCluster.kubectl(all.toArray(String[]::new)));
    }

    /** The holders of egress-pool's addresses as kubectl shows them: Egresses' spec.egressIP, Services' first ingress IP. */
    private static Map<String, String> externalHoldersByKubectl() {
        Map<String, String> holders = new TreeMap<>();
        for (JsonNode e : kubectlJson("get", "egresses.crd.antrea.io").path("items")) {
            if (POOL.equals(e.path("spec").path("externalIPPool").asText())
                    && !e.path("spec").path("egressIP").asText().isEmpty()) {
                holders.put(
                        e.path("spec").path("egressIP").asText(),
                        "egress/" + e.path("metadata").path("name").asText());
            }
        }
        for (JsonNode s : kubectlJson("get", "services", "-A").path("items")) {
            String ip = s.path("status")
                    .path("loadBalancer")
                    .path("ingress")
                    .path(0)
                    .path("ip")
                    .asText();
            if (POOL.equals(s.path("metadata")
                            .path("annotations")
                            .path(POOL_ANNOTATION)
                            .asText())
                    && !ip.isEmpty()) {
                holders.put(
                        ip,
                        "service/" + s.path("metadata").path("namespace").asText() + "/"
                                + s.path("metadata").path("name").asText());
            }
        }
        return holders;
    }

    /** The API server's ClusterIP records inside 10.96.0.0/16 or fd00:10:96::/112 (ServiceCIDR kubernetes), with their Service. */
    private static Map<String, String> clusterIpRecordsByKubectl() {
        List<Cidr> cidrs = new ArrayList<>();
        kubectlJson("get", "servicecidrs.networking.k8s.io", "kubernetes")
                .path("spec")
                .path("cidrs")
                .forEach(c -> cidrs.add(Cidr.parse(c.asText())));
        Map<String, String> records = new TreeMap<>();
        for (JsonNode a : kubectlJson("get", "ipaddresses.networking.k8s.io").path("items")) {
            IpAddress ip = IpAddress.parse(a.path("metadata").path("name").asText());
            JsonNode ref = a.path("spec").path("parentRef");
            if (cidrs.stream().anyMatch(c -> c.contains(ip))
                    && "ipallocator.k8s.io"
                            .equals(a.path("metadata")
                                    .path("labels")
                                    .path("ipaddress.kubernetes.io/managed-by")
                                    .asText())) {
                records.put(
                        ip.toString(),
                        "service/" + ref.path("namespace").asText() + "/"
                                + ref.path("name").asText());
            }
        }
        return records;
    }

    private Map<String, String> allocationsByIpamctl(String pool) {
        var r = RealCluster.ipamctl(state, "pool", "usage", pool, "--allocations", "-o", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, String> out = new TreeMap<>();
        json(r.out())
                .path("items")
                .forEach(i -> out.put(i.path("ip").asText(), i.path("owner").asText()));
        return out;
    }

    private JsonNode usageByIpamctl(String pool) {
        var r = RealCluster.ipamctl(state, "pool", "usage", pool, "-o", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        return json(r.out()).path("items").path(0);
    }

    private static void eventually(String what, BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 300 && !done.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertTrue(done.getAsBoolean(), what);
    }

    @Test
    @Order(1)
    void usageAndAllocationsAgreeWithKubectl() {
        Map<String, String> external = externalHoldersByKubectl();
        JsonNode eip = kubectlJson("get", "externalippools.crd.antrea.io", POOL)
                .path("status")
                .path("usage");
        JsonNode pool = usageByIpamctl("externalippool/" + POOL);
        assertEquals(eip.path("total").asLong(), pool.path("total").asLong());
        assertEquals(eip.path("used").asLong(), pool.path("used").asLong());
        assertEquals(external.size(), pool.path("used").asLong());
        assertEquals(external, allocationsByIpamctl("externalippool/" + POOL));

        Map<String, String> records = clusterIpRecordsByKubectl();
        JsonNode cidr = usageByIpamctl("servicecidr/kubernetes");
        assertEquals(records.size(), cidr.path("used").asLong());
        // 10.96.0.0/16 without network and broadcast, fd00:10:96::/112 without its network address
        assertEquals(65534 + 65535, cidr.path("total").asLong());
        assertEquals(records, allocationsByIpamctl("servicecidr/kubernetes"));
        // the real allocator recorded every ClusterIP kubectl shows
        for (JsonNode s : kubectlJson("get", "services", "-A").path("items")) {
            String owner = "service/" + s.path("metadata").path("namespace").asText() + "/"
                    + s.path("metadata").path("name").asText();
            s.path("spec")
                    .path("clusterIPs")
                    .forEach(ip -> assertEquals(
                            owner, records.get(IpAddress.parse(ip.asText()).toString()), ip.asText()));
        }
        assertTrue(
                records.containsValue("service/ns-ap/web-dual")
                        && records.keySet().stream().anyMatch(ip -> ip.contains(":")),
                "the dual-stack Service has an IPv6 ClusterIP: " + records);
        var check = RealCluster.ipamctl(state, "pool", "check", "--source", "externalippool,servicecidr");
        assertEquals("no problems found in externalippool, servicecidr\n", check.out(), check.err());
        assertEquals(0, check.code());
    }

    @Test
    @Order(2)
    void aNewEgressAndLoadBalancerServiceGetTheLowestFreeAddresses() throws InterruptedException {
        Map<String, String> before = externalHoldersByKubectl();
        List<String> expected = new ArrayList<>();
        for (int last = 1; last <= 14 && expected.size() < 2; last++) { // 172.16.30.0/28: .1 to .14, the lowest first
            if (!before.containsKey("172.16.30." + last)) {
                expected.add("172.16.30." + last);
            }
        }
        try {
            apply("""
                    {"apiVersion": "crd.antrea.io/v1beta1", "kind": "Egress", "metadata": {"name": "it-egress"},
                     "spec": {"appliedTo": {"podSelector": {}}, "externalIPPool": "egress-pool"}}""");
            eventually(
                    "it-egress gets an address",
                    () -> externalHoldersByKubectl().containsValue("egress/it-egress"));
            apply("""
                    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "it-lb", "namespace": "default",
                      "annotations": {"service.antrea.io/external-ip-pool": "egress-pool"}},
                     "spec": {"type": "LoadBalancer", "ports": [{"port": 80}]}}""");
            eventually(
                    "it-lb gets an address", () -> externalHoldersByKubectl().containsValue("service/default/it-lb"));
            Map<String, String> after = externalHoldersByKubectl();
            assertEquals("egress/it-egress", after.get(expected.get(0)), after.toString());
            assertEquals("service/default/it-lb", after.get(expected.get(1)), after.toString());
            eventually(
                    "status.usage follows",
                    () -> kubectlJson("get", "externalippools.crd.antrea.io", POOL)
                                    .path("status")
                                    .path("usage")
                                    .path("used")
                                    .asLong()
                            == after.size());
            assertEquals(after, allocationsByIpamctl("externalippool/" + POOL));
            assertEquals(
                    after.size(),
                    usageByIpamctl("externalippool/" + POOL).path("used").asLong());
            Map<String, String> records = clusterIpRecordsByKubectl();
            assertTrue(records.containsValue("service/default/it-lb"), records.toString());
            assertEquals(records, allocationsByIpamctl("servicecidr/kubernetes"));
        } finally {
            RealCluster.kubectlResult("delete", "egresses.crd.antrea.io", "it-egress", "--ignore-not-found");
            RealCluster.kubectlResult("delete", "service", "-n", "default", "it-lb", "--ignore-not-found");
        }
        eventually(
                "the addresses are free again", () -> externalHoldersByKubectl().equals(before));
    }

    @Test
    @Order(3)
    void checkFindsWhatAntreaAndTheRepairLoopWouldReport() throws InterruptedException {
        Map<String, String> before = externalHoldersByKubectl();
        String lbIp = before.entrySet().stream()
                .filter(e -> e.getValue().equals("service/ns-ap/web-lb"))
                .findFirst()
                .orElseThrow()
                .getKey();
        try {
            // an Egress holding an address outside its pool (the controller leaves a given egressIP alone)
            apply("""
                    {"apiVersion": "crd.antrea.io/v1beta1", "kind": "Egress", "metadata": {"name": "it-outside"},
                     "spec": {"appliedTo": {"podSelector": {}}, "externalIPPool": "egress-pool", "egressIP": "172.16.31.200"}}""");
            // a second Service on web-lb's address without the sharing annotation: its status first, then the pool
            apply("""
                    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "it-dup", "namespace": "default"},
                     "spec": {"type": "LoadBalancer", "ports": [{"port": 80}]}}""");
            RealCluster.kubectl(
                    "patch",
                    "service",
                    "-n",
                    "default",
                    "it-dup",
                    "--subresource=status",
                    "--type=merge",
                    "-p",
                    "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"" + lbIp + "\"}]}}}");
            RealCluster.kubectl("annotate", "service", "-n", "default", "it-dup", POOL_ANNOTATION + "=" + POOL);
            // an IPAddress of a Service that is gone (the repair loop deletes it only after 60 s)
            apply("""
                    {"apiVersion": "networking.k8s.io/v1", "kind": "IPAddress", "metadata": {"name": "10.96.99.99",
                      "labels": {"ipaddress.kubernetes.io/managed-by": "ipallocator.k8s.io"}},
                     "spec": {"parentRef": {"group": "", "resource": "services", "namespace": "default", "name": "it-gone"}}}""");
            var r = RealCluster.ipamctl(state, "pool", "check", "--source", "externalippool,servicecidr", "-o", "json");
            assertEquals(3, r.code(), r.err());
            Map<String, JsonNode> byKind = new TreeMap<>();
            json(r.out())
                    .path("items")
                    .forEach(i -> byKind.put(
                            i.path("kind").asText() + " " + i.path("ip").asText(), i));
            assertEquals(
                    List.of("duplicate " + lbIp, "leaked 10.96.99.99", "out-of-range 172.16.31.200"),
                    new ArrayList<>(byKind.keySet()),
                    r.out());
            assertEquals(
                    "egress/it-outside",
                    byKind.get("out-of-range 172.16.31.200").path("owner").asText());
            String owners = byKind.get("duplicate " + lbIp).path("owner").asText();
            assertTrue(owners.contains("service/default/it-dup") && owners.contains("service/ns-ap/web-lb"), owners);
            JsonNode leak = byKind.get("leaked 10.96.99.99");
            assertEquals("service/default/it-gone", leak.path("owner").asText());
            assertTrue(leak.path("detail").asText().startsWith("IPAddressNotAllocated: "), leak.toString());
        } finally {
            RealCluster.kubectlResult("delete", "egresses.crd.antrea.io", "it-outside", "--ignore-not-found");
            RealCluster.kubectlResult("delete", "service", "-n", "default", "it-dup", "--ignore-not-found");
            RealCluster.kubectlResult("delete", "ipaddresses.networking.k8s.io", "10.96.99.99", "--ignore-not-found");
        }
        eventually(
                "the seed's holders are back", () -> externalHoldersByKubectl().equals(before));
        var clean = RealCluster.ipamctl(state, "pool", "check", "--source", "externalippool,servicecidr");
        assertEquals("no problems found in externalippool, servicecidr\n", clean.out(), clean.err());
    }

    /** kubectl create of one manifest (JSON), through a file kubectl reads. */
    private void apply(String manifest) {
        try {
            Path file = Files.createTempFile(state, "manifest", ".json");
            Files.writeString(file, manifest);
            RealCluster.kubectl("create", "-f", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
