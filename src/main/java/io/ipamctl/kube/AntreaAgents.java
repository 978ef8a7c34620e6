package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;

/**
 * Finds the Antrea agent Pod of each Node the way antctl does: Pods labelled
 * app=antrea,component=antrea-agent in the Antrea namespace, matched by spec.nodeName.
 */
public final class AntreaAgents {

    public static final String DEFAULT_NAMESPACE = "kube-system";
    public static final String OVS_CONTAINER = "antrea-ovs";
    static final Map<String, String> LABELS = Map.of("app", "antrea", "component", "antrea-agent");

    /** An agent and, when it cannot be used, why. */
    public record Lookup(String node, AgentPod agent, String problem) {
        public boolean usable() {
            return problem == null;
        }
    }

    /** No agent Pod at all in the namespace asked: Antrea runs elsewhere, or not at all. */
    public static final class NoAgents extends IpamctlException {

        public NoAgents(String namespace) {
            super(ExitCode.ERROR, "no Antrea agent Pods (labels app=antrea,component=antrea-agent) in namespace " + namespace
                    + "; is Antrea installed there?");
        }
    }

    private final KubernetesClient client;
    private final String namespace;

    public AntreaAgents(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Every agent by node name, sorted; nodes whose agent cannot be used carry the reason. */
    public List<Lookup> all() {
        Map<String, Lookup> byNode = new TreeMap<>();
        for (Pod p : agentPods()) {
            String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
            if (node != null) {
                byNode.merge(node, check(node, p), (a, b) -> a.usable() ? a : b);
            }
        }
        if (byNode.isEmpty()) {
            throw new NoAgents(namespace);
        }
        return new ArrayList<>(byNode.values());
    }

    /** The agent of one node, or a clear reason why there is none. */
    public Lookup forNode(String node) {
        Optional<Pod> pod = agentPods().stream()
                .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName())).findFirst();
        if (pod.isEmpty()) {
            boolean nodeExists;
            try {
                nodeExists = client.nodes().withName(node).get() != null;
            } catch (KubernetesClientException e) {
                throw KubeErrors.translate(e, client.getMasterUrl().toString());
            }
            return new Lookup(node, null, nodeExists ? "no Antrea agent Pod runs on node " + node + " (namespace " + namespace + ")"
                    : "node " + node + " not found");
        }
        return check(node, pod.get());
    }

    private List<Pod> agentPods() {
        try {
            return client.pods().inNamespace(namespace).withLabels(LABELS).list().getItems();
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    private Lookup check(String node, Pod p) {
        AgentPod agent = new AgentPod(node, namespace, p.getMetadata().getName());
        boolean hasContainer = p.getSpec().getContainers().stream().anyMatch(c -> OVS_CONTAINER.equals(c.getName()));
        if (!hasContainer) {
            return new Lookup(node, agent, "agent Pod " + agent.name() + " has no " + OVS_CONTAINER + " container");
        }
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        if (!"Running".equals(phase)) {
            return new Lookup(node, agent, "agent Pod " + agent.name() + " is " + (phase == null ? "not running" : phase));
        }
        Optional<ContainerStatus> ovs = p.getStatus().getContainerStatuses() == null ? Optional.empty()
                : p.getStatus().getContainerStatuses().stream().filter(c -> OVS_CONTAINER.equals(c.getName())).findFirst();
        if (ovs.isPresent() && !Boolean.TRUE.equals(ovs.get().getReady())) {
            return new Lookup(node, agent, "container " + OVS_CONTAINER + " of agent Pod " + agent.name() + " is not ready");
        }
        return new Lookup(node, agent, null);
    }

    /** The node a Pod runs on. */
    public static String nodeOf(KubernetesClient client, String namespace, String pod) {
        try {
            Pod p = client.pods().inNamespace(namespace).withName(pod).get();
            if (p == null) {
                throw IpamctlException.failed("pod " + namespace + "/" + pod + " not found");
            }
            if (p.getSpec() == null || p.getSpec().getNodeName() == null) {
                throw IpamctlException.failed("pod " + namespace + "/" + pod + " is not scheduled on a node yet");
            }
            return p.getSpec().getNodeName();
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }
}
