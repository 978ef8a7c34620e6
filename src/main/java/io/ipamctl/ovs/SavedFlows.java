package io.ipamctl.ovs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dump saved with `ipamctl ovs flows -o json` (ipamctl/v1 OvsFlowList), read back for
 * `ovs flows --diff`: each node's flows and, when the dump has them, its ofport-to-name map.
 */
public record SavedFlows(Map<String, List<OvsFlow>> flows, Map<String, Map<Long, String>> ports) {

    public static SavedFlows parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new OvsParseException("it is not JSON");
        }
        if (root == null
                || !"OvsFlowList".equals(root.path("kind").asText())
                || !root.path("items").isArray()) {
            throw new OvsParseException("it is no ipamctl/v1 OvsFlowList");
        }
        Map<String, List<OvsFlow>> flows = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode item : root.path("items")) {
            i++;
            String node = text(item, "node", i);
            JsonNode priority = item.path("priority");
            if (!priority.canConvertToInt()) {
                throw new OvsParseException("item " + i + " has no priority");
            }
            flows.computeIfAbsent(node, n -> new ArrayList<>())
                    .add(new OvsFlow(
                            text(item, "table", i),
                            priority.asInt(),
                            text(item, "match", i),
                            text(item, "actions", i),
                            null,
                            null,
                            null,
                            List.of()));
        }
        Map<String, Map<Long, String>> ports = new LinkedHashMap<>();
        for (JsonNode n : root.path("nodes")) {
            Map<Long, String> byNumber = new LinkedHashMap<>();
            n.path("ports").properties().forEach(e -> {
                if (e.getKey().matches("\\d{1,10}") && e.getValue().isTextual()) {
                    byNumber.put(Long.valueOf(e.getKey()), e.getValue().asText());
                }
            });
            ports.put(n.path("node").asText(), byNumber);
            flows.putIfAbsent(n.path("node").asText(), new ArrayList<>()); // a node whose filter kept no flow
        }
        return new SavedFlows(flows, ports);
    }

    private static String text(JsonNode item, String field, int i) {
        JsonNode v = item.path(field);
        if (!v.isTextual()) {
            throw new OvsParseException("item " + i + " has no " + field);
        }
        return v.asText();
    }
}
