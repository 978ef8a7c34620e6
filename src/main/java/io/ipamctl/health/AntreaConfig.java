package io.ipamctl.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Optional;

/**
 * Antrea's ConfigMap antrea-config: the agent's and the controller's configuration files, as YAML
 * texts (keys antrea-agent.conf and antrea-controller.conf), read the way the components read them:
 * what is not set takes Antrea's default (AntreaIPAM and SecondaryNetwork off, bridging off,
 * trafficEncapMode encap, noSNAT false).
 *
 * @param found          whether the ConfigMap exists
 * @param agentConf      the agent's file, null when the key is missing
 * @param controllerConf the controller's file, null when the key is missing
 */
public record AntreaConfig(String namespace, boolean found, String agentConf, String controllerConf) {

    public static final String NAME = "antrea-config";
    public static final String AGENT_KEY = "antrea-agent.conf";
    public static final String CONTROLLER_KEY = "antrea-controller.conf";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** "kube-system/antrea-config". */
    public String where() {
        return namespace + "/" + NAME;
    }

    /** One component's file read: its settings, or why it cannot be read. */
    public record Settings(JsonNode root, String problem) {

        public boolean gate(String name) {
            return root.path("featureGates").path(name).asBoolean(false);
        }

        public boolean bridging() {
            return root.path("enableBridgingMode").asBoolean(false);
        }

        public String trafficEncapMode() {
            return root.path("trafficEncapMode").asText("encap");
        }

        public boolean noSnat() {
            return root.path("noSNAT").asBoolean(false);
        }
    }

    public Settings agent() {
        return settings(agentConf, AGENT_KEY);
    }

    public Settings controller() {
        return settings(controllerConf, CONTROLLER_KEY);
    }

    private static Settings settings(String text, String key) {
        if (text == null) {
            return new Settings(YAML.createObjectNode(), "has no " + key);
        }
        try {
            JsonNode root = text.isBlank() ? null : YAML.readTree(text);
            if (root != null && !root.isObject() && !root.isMissingNode()) {
                return new Settings(YAML.createObjectNode(), "has an " + key + " that is not a YAML mapping");
            }
            return new Settings(
                    Optional.ofNullable(root).filter(JsonNode::isObject).orElse(YAML.createObjectNode()), null);
        } catch (IOException e) {
            return new Settings(YAML.createObjectNode(), "has an " + key + " that is not valid YAML");
        }
    }
}
