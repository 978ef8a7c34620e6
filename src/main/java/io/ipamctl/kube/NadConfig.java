package io.ipamctl.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipamctl.ipam.WhereaboutsNetwork;
import io.ipamctl.ipam.WhereaboutsRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Whereabouts IPAM block of a NetworkAttachmentDefinition's spec.config (a JSON string): at top level
 * (one plugin) or in a plugin of "plugins". Top-level range/range_start/range_end/exclude form the first
 * range, each "ipRanges" item another, as Whereabouts reads them.
 */
final class NadConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NadConfig() {}

    /**
     * @param nad "namespace/name"
     * @return empty when the config uses another IPAM
     * @throws IllegalArgumentException when the Whereabouts block cannot be read (the message says why)
     */
    static Optional<WhereaboutsNetwork> parse(String nad, String config) {
        JsonNode root;
        try {
            root = config == null ? null : JSON.readTree(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // readTree of a String throws nothing else: no I/O
            throw new IllegalArgumentException("spec.config is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        Optional<JsonNode> ipam = whereaboutsIpam(root);
        if (ipam.isEmpty()) {
            return Optional.empty();
        }
        JsonNode i = ipam.get();
        List<WhereaboutsRange> ranges = new ArrayList<>();
        if (!text(i, "range").isEmpty()) {
            ranges.add(range(i));
        }
        for (JsonNode r : i.path("ipRanges")) {
            ranges.add(range(r));
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("the whereabouts IPAM config has no \"range\" and no \"ipRanges\"");
        }
        String networkName = text(i, "network_name");
        String gateway = text(i, "gateway");
        String sliceSize = text(i, "node_slice_size");
        String name = text(root, "name");
        return Optional.of(new WhereaboutsNetwork(
                nad,
                networkName.isEmpty() ? null : networkName,
                gateway.isEmpty() ? null : gateway,
                ranges,
                sliceSize.isEmpty() ? null : sliceSize,
                name.isEmpty() ? null : name));
    }

    private static Optional<JsonNode> whereaboutsIpam(JsonNode root) {
        if ("whereabouts".equals(root.path("ipam").path("type").asText())) {
            return Optional.of(root.path("ipam"));
        }
        for (JsonNode plugin : root.path("plugins")) {
            if ("whereabouts".equals(plugin.path("ipam").path("type").asText())) {
                return Optional.of(plugin.path("ipam"));
            }
        }
        return Optional.empty();
    }

    private static WhereaboutsRange range(JsonNode r) {
        List<String> exclude = new ArrayList<>();
        r.path("exclude").forEach(x -> exclude.add(x.asText()));
        String start = text(r, "range_start");
        String end = text(r, "range_end");
        return WhereaboutsRange.parse(
                text(r, "range"), start.isEmpty() ? null : start, end.isEmpty() ? null : end, exclude);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.asText() : "";
    }
}
