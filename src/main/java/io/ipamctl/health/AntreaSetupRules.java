package io.ipamctl.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks `feature-gate` and `secondary-networks`: what antrea-config must say for IPPools to hand out
 * addresses, on the Pod network (AntreaIPAM on both components, and the agent's bridging mode with
 * what it requires, docs/antrea-ipam.md) and on secondary networks (AntreaIPAM for `"ipam": {"type":
 * "antrea"}`, SecondaryNetwork for Antrea's own `"type": "antrea"` networks, docs/secondary-network.md).
 */
public final class AntreaSetupRules {

    public static final String FEATURE_GATE = "feature-gate";
    public static final String SECONDARY_NETWORKS = "secondary-networks";
    static final String GATE = "AntreaIPAM";
    static final String SECONDARY_GATE = "SecondaryNetwork";

    /**
     * A NetworkAttachmentDefinition that uses Antrea.
     *
     * @param nad        "namespace/name"
     * @param antreaCni  its CNI type is antrea (Antrea's own secondary network)
     * @param antreaIpam its IPAM type is antrea
     * @param pools      the IPPools its IPAM config names
     */
    public record SecondaryNetwork(String nad, boolean antreaCni, boolean antreaIpam, List<String> pools) {
        public SecondaryNetwork {
            pools = List.copyOf(pools);
        }
    }

    private AntreaSetupRules() {}

    /** @param boundNamespaces how many Namespaces ipam.antrea.io/ippools binds to pools (the Pod network's use) */
    public static CheckResult featureGate(AntreaConfig config, int boundNamespaces) {
        if (!config.found()) {
            return notFound(FEATURE_GATE, config);
        }
        AntreaConfig.Settings agent = config.agent();
        AntreaConfig.Settings controller = config.controller();
        for (AntreaConfig.Settings s : List.of(agent, controller)) {
            if (s.problem() != null) {
                return CheckResult.failed(
                        FEATURE_GATE,
                        "ConfigMap " + config.where() + " " + s.problem(),
                        "restore Antrea's configuration files in " + config.where() + " (see Antrea's manifest)");
            }
        }
        List<String> off = new ArrayList<>();
        if (!controller.gate(GATE)) {
            off.add(AntreaConfig.CONTROLLER_KEY);
        }
        if (!agent.gate(GATE)) {
            off.add(AntreaConfig.AGENT_KEY);
        }
        if (!off.isEmpty()) {
            return CheckResult.failed(
                    FEATURE_GATE,
                    GATE + " is off in " + String.join(" and ", off) + " of ConfigMap " + config.where()
                            + ": no Pod gets an address from an IPPool",
                    "set featureGates: {" + GATE + ": true} in "
                            + AntreaConfig.CONTROLLER_KEY + " and " + AntreaConfig.AGENT_KEY + ", then restart Antrea: "
                            + restart(config));
        }
        if (agent.bridging() && (!"noEncap".equals(agent.trafficEncapMode()) || !agent.noSnat())) {
            return CheckResult.failed(
                    FEATURE_GATE,
                    "enableBridgingMode is on in " + AntreaConfig.AGENT_KEY + " but "
                            + (!"noEncap".equals(agent.trafficEncapMode())
                                    ? "trafficEncapMode is " + agent.trafficEncapMode()
                                    : "noSNAT is false")
                            + ": the agents refuse to start",
                    "set trafficEncapMode: noEncap and noSNAT: true in " + AntreaConfig.AGENT_KEY
                            + " (bridging mode needs both), then restart Antrea: " + restart(config));
        }
        if (!agent.bridging() && boundNamespaces > 0) {
            return CheckResult.failed(
                    FEATURE_GATE,
                    "enableBridgingMode is off in " + AntreaConfig.AGENT_KEY + ", so the "
                            + "IPPools of " + boundNamespaces
                            + (boundNamespaces == 1 ? " bound Namespace are" : " bound Namespaces are")
                            + " ignored and their Pods get podCIDR addresses",
                    "set enableBridgingMode: true, trafficEncapMode: " + "noEncap and noSNAT: true in "
                            + AntreaConfig.AGENT_KEY + ", then restart Antrea: " + restart(config));
        }
        return CheckResult.ok(
                FEATURE_GATE,
                GATE + " is on in " + AntreaConfig.AGENT_KEY + " and "
                        + AntreaConfig.CONTROLLER_KEY + (agent.bridging() ? ", with bridging mode" : "")
                        + " (ConfigMap "
                        + config.where() + ")");
    }

    /**
     * @param nadsServed whether the server serves NetworkAttachmentDefinitions at all
     * @param pools      the names of the Antrea IPPools that exist
     */
    public static CheckResult secondaryNetworks(
            AntreaConfig config, boolean nadsServed, List<SecondaryNetwork> networks, Set<String> pools) {
        if (!nadsServed) {
            return CheckResult.ok(
                    SECONDARY_NETWORKS, "no secondary networks: NetworkAttachmentDefinitions are not served");
        }
        if (networks.isEmpty()) {
            return CheckResult.ok(SECONDARY_NETWORKS, "no NetworkAttachmentDefinition uses Antrea");
        }
        if (!config.found()) {
            return notFound(SECONDARY_NETWORKS, config);
        }
        AntreaConfig.Settings agent = config.agent();
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        boolean ipam = networks.stream().anyMatch(SecondaryNetwork::antreaIpam);
        boolean cni = networks.stream().anyMatch(SecondaryNetwork::antreaCni);
        if (ipam && !agent.gate(GATE)) {
            problems.add(
                    GATE + " is off in " + AntreaConfig.AGENT_KEY + " (needed for \"ipam\": {\"type\": \"antrea\"})");
            fixes.add("featureGates: {" + GATE + ": true} in " + AntreaConfig.AGENT_KEY + " and "
                    + AntreaConfig.CONTROLLER_KEY);
        }
        if (cni && !agent.gate(SECONDARY_GATE)) {
            problems.add(
                    SECONDARY_GATE + " is off in " + AntreaConfig.AGENT_KEY + " (needed for \"type\": \"antrea\")");
            fixes.add("featureGates: {" + SECONDARY_GATE + ": true} in " + AntreaConfig.AGENT_KEY);
        }
        for (SecondaryNetwork n : networks) {
            if (n.antreaIpam() && n.pools().isEmpty()) {
                problems.add(n.nad() + " names no IPPool in its ipam config");
            }
            for (String p : n.pools()) {
                if (!pools.contains(p)) {
                    problems.add(n.nad() + " names IPPool " + p + ", which does not exist");
                }
            }
        }
        String names =
                String.join(", ", networks.stream().map(SecondaryNetwork::nad).toList());
        if (problems.isEmpty()) {
            return CheckResult.ok(
                    SECONDARY_NETWORKS,
                    networks.size() + (networks.size() == 1 ? " network uses" : " networks use") + " Antrea (" + names
                            + "): its feature gates are on and its IPPools exist");
        }
        if (fixes.isEmpty()) {
            fixes.add("create the IPPools the networks name (ipamctl pool create), or correct their ipam config");
        } else {
            fixes.set(0, "set " + fixes.get(0));
            fixes.add("restart Antrea: " + restart(config));
        }
        return CheckResult.failed(SECONDARY_NETWORKS, String.join("; ", problems), String.join("; ", fixes));
    }

    private static CheckResult notFound(String check, AntreaConfig config) {
        return CheckResult.failed(
                check,
                "ConfigMap " + config.where() + " not found: is Antrea installed in namespace " + config.namespace()
                        + "?",
                "install Antrea, or name the namespace it runs in (--antrea-namespace)");
    }

    private static String restart(AntreaConfig config) {
        return "kubectl -n " + config.namespace()
                + " rollout restart deployment/antrea-controller daemonset/antrea-agent";
    }
}
