package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipamctl.ipam.Cidr;
import io.ipamctl.ipam.IpAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dual stack on the real API server (issue 16): a Node with an IPv4 and an IPv6 podCIDR and a Pod with one address
 * per family, an IPv6 Antrea IPPool, IPv6 ServiceCIDRs of /64 and /48; what `pool usage` and `ip` say is computed
 * from kubectl's view of the same objects (ULA data only: nothing listens on them). Everything made is deleted.
 */
class DualStackIT {

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

    private Map<String, JsonNode> usage(String... pools) {
        String[] args = new String[pools.length + 4];
        args[0] = "pool";
        args[1] = "usage";
        System.arraycopy(pools, 0, args, 2, pools.length);
        args[pools.length + 2] = "-o";
        args[pools.length + 3] = "json";
        var r = RealCluster.ipamctl(state, args);
        assertEquals(0, r.code(), r.err());
        Map<String, JsonNode> out = new TreeMap<>();
        json(r.out())
                .path("items")
                .forEach(i -> out.put(
                        i.path("source").asText() + "/" + i.path("name").asText() + " "
                                + i.path("ranges").path(0).asText(),
                        i));
        return out;
    }

    /** 2^hostbits, the size of a prefix. */
    private static BigInteger size(Cidr c) {
        return BigInteger.ONE.shiftLeft(c.family().bits() - c.prefixLength());
    }

    @Test
    void eachFamilyOfEverySourceAsKubectlShowsIt() {
        try {
            RealCluster.create(state, """
                    {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "it-dual"},
                     "spec": {"podCIDR": "10.213.0.0/24", "podCIDRs": ["10.213.0.0/24", "fd00:10:213::/64"]}}""");
            RealCluster.create(state, """
                    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "it-dual", "namespace": "default"},
                     "spec": {"nodeName": "it-dual", "containers": [{"name": "c", "image": "pause"}]}}""");
            RealCluster.kubectl(
                    "patch",
                    "pod",
                    "-n",
                    "default",
                    "it-dual",
                    "--subresource=status",
                    "--type=merge",
                    "-p",
                    "{\"status\":{\"phase\":\"Running\",\"podIP\":\"10.213.0.9\",\"podIPs\":[{\"ip\":\"10.213.0.9\"},{\"ip\":\"fd00:10:213::9\"}]}}");
            RealCluster.create(state, """
                    {"apiVersion": "crd.antrea.io/v1beta1", "kind": "IPPool", "metadata": {"name": "it-v6"},
                     "spec": {"ipRanges": [{"start": "fd00:16:40::10", "end": "fd00:16:40::ff"}],
                              "subnetInfo": {"gateway": "fd00:16:40::1", "prefixLength": 64}}}""");
            RealCluster.create(state, """
                    {"apiVersion": "networking.k8s.io/v1", "kind": "ServiceCIDR", "metadata": {"name": "it-v6-64"},
                     "spec": {"cidrs": ["fd00:10:98::/64"]}}""");
            RealCluster.create(state, """
                    {"apiVersion": "networking.k8s.io/v1", "kind": "ServiceCIDR", "metadata": {"name": "it-v6-48"},
                     "spec": {"cidrs": ["fd00:10:99::/48"]}}""");

            JsonNode node = RealCluster.kubectlJson("get", "node", "it-dual");
            JsonNode pod = RealCluster.kubectlJson("get", "pod", "-n", "default", "it-dual");
            Map<String, JsonNode> rows =
                    usage("node/it-dual", "antrea/it-v6", "servicecidr/it-v6-64", "servicecidr/it-v6-48");
            for (JsonNode c : node.path("spec").path("podCIDRs")) {
                Cidr cidr = Cidr.parse(c.asText());
                JsonNode row = rows.get("node/it-dual " + cidr);
                // network and gateway out; the IPv4 broadcast too
                BigInteger total =
                        size(cidr).subtract(BigInteger.valueOf(cidr.address().isV4() ? 3 : 2));
                assertEquals(total, row.path("total").bigIntegerValue(), row.toString());
                long used = 0;
                for (JsonNode ip : pod.path("status").path("podIPs")) {
                    used += cidr.contains(IpAddress.parse(ip.path("ip").asText())) ? 1 : 0;
                }
                assertEquals(1, used, "kubectl shows one address of the Pod per family");
                assertEquals(used, row.path("used").asLong(), row.toString());
            }
            JsonNode range = RealCluster.kubectlJson("get", "ippools.crd.antrea.io", "it-v6")
                    .path("spec")
                    .path("ipRanges")
                    .path(0);
            BigInteger rangeSize = IpAddress.parse(range.path("end").asText())
                    .value()
                    .subtract(IpAddress.parse(range.path("start").asText()).value())
                    .add(BigInteger.ONE);
            assertEquals(
                    rangeSize,
                    rows.get("antrea/it-v6 " + range.path("start").asText() + "-"
                                    + range.path("end").asText())
                            .path("total")
                            .bigIntegerValue());
            for (String name : new String[] {"it-v6-64", "it-v6-48"}) {
                Cidr cidr = Cidr.parse(RealCluster.kubectlJson("get", "servicecidrs.networking.k8s.io", name)
                        .path("spec")
                        .path("cidrs")
                        .path(0)
                        .asText());
                // the allocator's rule: none below /64, else 2^h - 1 capped at 2^64 - 1
                BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
                BigInteger expected = cidr.prefixLength() < 64
                        ? BigInteger.ZERO
                        : size(cidr).subtract(BigInteger.ONE).min(max);
                assertEquals(
                        expected,
                        rows.get("servicecidr/" + name + " " + cidr)
                                .path("total")
                                .bigIntegerValue(),
                        name);
            }

            var ip = RealCluster.ipamctl(state, "ip", "10.213.0.9", "fd00:10:213::9", "-o", "json");
            assertEquals(0, ip.code(), ip.err());
            for (JsonNode item : json(ip.out()).path("items")) {
                JsonNode s = item.path("states").path(0);
                assertEquals(
                        "node allocated default/it-dual it-dual",
                        s.path("source").asText() + " " + s.path("state").asText() + " "
                                + s.path("owner").asText() + " "
                                + s.path("node").asText(),
                        item.toString());
            }
        } finally {
            RealCluster.kubectlResult(
                    "delete", "pod", "-n", "default", "it-dual", "--ignore-not-found", "--grace-period=0", "--force");
            RealCluster.kubectlResult("delete", "node", "it-dual", "--ignore-not-found");
            RealCluster.kubectlResult("delete", "ippools.crd.antrea.io", "it-v6", "--ignore-not-found");
            RealCluster.kubectlResult(
                    "delete", "servicecidrs.networking.k8s.io", "it-v6-64", "it-v6-48", "--ignore-not-found");
        }
    }
}
