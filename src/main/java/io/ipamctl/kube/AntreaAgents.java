package io.ipamctl.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.health.AgentRules;
import io.ipamctl.health.PodReadiness;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the Antrea agent Pod of each Node the way antctl does: Pods labelled
 * app=antrea,component=antrea-agent in the Antrea namespace, matched by spec.nodeName.
 */
public final class AntreaAgents {

    public static final String DEFAULT_NAMESPACE = "kube-system";
    public static final String OVS_CONTAINER = "antrea-ovs";
    private static final String SELECTOR = "app=antrea,component=antrea-agent";
    /** The agent Pods' labels, for readers that want the whole Pod (doctor, pod why). */
    static final java.util.Map<String, String> LABELS = java.util.Map.of("app", "antrea", "component", "antrea-agent");

    /** An agent and, when it cannot be used, why. */
    public record Lookup(String node, AgentPod agent, String problem) {
        public boolean usable() {
            return problem == null;
        }
    }

    /** No agent Pod at all in the namespace asked: Antrea runs elsewhere, or not at all. */
    public static final class NoAgents extends IpamctlException {
        private static final long serialVersionUID = 1L;

        public NoAgents(String namespace) {
            super(
                    ExitCode.ERROR,
                    "no Antrea agent Pods (labels app=antrea,component=antrea-agent) in namespace " + namespace
                            + "; is Antrea installed there?");
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final ClusterCache cache;

    public AntreaAgents(KubernetesClient client, String namespace) {
        this(client, namespace, ClusterCache.NONE);
    }

    /** Agents looked up in what the warm server's cache keeps of the namespace's Pods, when it keeps them. */
    public AntreaAgents(KubernetesClient client, String namespace, ClusterCache cache) {
        this.client = client;
        this.namespace = namespace;
        this.cache = cache;
    }

    /** Every agent by node name, sorted; nodes whose agent cannot be used carry the reason. */
    public List<Lookup> all() {
        Map<String, Lookup> byNode = new TreeMap<>();
        for (AgentFacts p : agentPods()) {
            if (p.node() != null) {
                byNode.merge(p.node(), check(p.node(), p), (a, b) -> a.usable() ? a : b);
            }
        }
        if (byNode.isEmpty()) {
            throw new NoAgents(namespace);
        }
        return new ArrayList<>(byNode.values());
    }

    /**
     * Every agent Pod of the namespace with why it is not Ready (null when it is), for doctor's agents
     * check; none at all is an answer here, not an error.
     */
    public List<AgentRules.AgentPod> pods() {
        return agentPods().stream()
                .map(p -> new AgentRules.AgentPod(p.node(), p.name(), p.notReady()))
                .toList();
    }

    /** The agent of one node, or a clear reason why there is none. */
    public Lookup forNode(String node) {
        // during an agent's restart the old Pod (being deleted) and the new one may both be listed
        Optional<AgentFacts> pod = agentPods().stream()
                .filter(p -> node.equals(p.node()))
                .min(java.util.Comparator.comparing(AgentFacts::deleting));
        if (pod.isEmpty()) {
            boolean nodeExists;
            try {
                nodeExists = client.nodes().withName(node).get() != null;
            } catch (KubernetesClientException e) {
                throw KubeErrors.translate(e, client.getMasterUrl().toString());
            }
            return new Lookup(
                    node,
                    null,
                    nodeExists
                            ? "no Antrea agent Pod runs on node " + node + " (namespace " + namespace + ")"
                            : "node " + node + " not found");
        }
        return check(node, pod.get());
    }

    /**
     * What the lookup needs of an agent Pod; ready holds each container status's readiness in the Pod's
     * order, readyCondition and readyReason the Pod's Ready condition (null without one), agent whether
     * its labels are the agent's (a cached read holds every Pod of the namespace), deleting whether it is
     * on its way out.
     */
    private record AgentFacts(
            String name,
            String node,
            List<String> containers,
            String phase,
            Map<String, Boolean> ready,
            String readyCondition,
            String readyReason,
            boolean agent,
            boolean deleting) {

        String notReady() {
            return PodReadiness.notReady(phase, ready, readyCondition, readyReason);
        }
    }

    /** The Pods of an Antrea namespace as the warm server keeps them (one small watch per namespace). */
    static CachedKind<?> namespacePods(String namespace) {
        return namespacePodsKind(namespace);
    }

    private static CachedKind<AgentFacts> namespacePodsKind(String namespace) {
        return new CachedKind<>(
                "pods in " + namespace,
                "api/v1/namespaces/" + namespace + "/pods",
                "pods",
                client -> AntreaAgents::read);
    }

    /**
     * The agent Pods, read off the list response: only the fields the lookup checks, never the whole Pod
     * model (its Jackson set-up was ~20% of the CPU of `ovs show --node`). No field selector for one node:
     * the sandbox's mock server answers spec.nodeName selectors with nothing.
     */
    private List<AgentFacts> agentPods() {
        if (cache.keeps()) {
            // never older than the watch's last event: an agent restarted since the last command is seen
            return namespacePodsKind(namespace).list(client, cache).stream()
                    .filter(AgentFacts::agent)
                    .toList();
        }
        List<AgentFacts> out = new ArrayList<>();
        ListStream stream = new ListStream(client);
        try {
            Pages.each(null, options -> {
                options.setLabelSelector(SELECTOR);
                return stream.page(
                        "api/v1/namespaces/" + namespace + "/pods",
                        options,
                        "application/json",
                        "",
                        "a Pod list",
                        (field, p) -> ListStream.each(p, item -> out.add(read(p).value())));
            });
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
        return out;
    }

    private static CachedKind.Held<AgentFacts> read(JsonParser p) throws IOException {
        String name = null;
        String ns = null;
        String resourceVersion = null;
        String node = null;
        String phase = null;
        boolean deleting = false;
        List<String> containers = new ArrayList<>();
        Map<String, Boolean> ready = new LinkedHashMap<>();
        String[] readyCondition = new String[2]; // status, reason
        Map<String, String> labels = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String inner = field + "." + p.currentName();
                JsonToken value = p.nextToken();
                switch (inner) {
                    case "metadata.name" -> name = p.getValueAsString();
                    case "metadata.namespace" -> ns = p.getValueAsString();
                    case "metadata.resourceVersion" -> resourceVersion = p.getValueAsString();
                    case "metadata.deletionTimestamp" -> deleting = value != JsonToken.VALUE_NULL;
                    case "metadata.labels" -> {
                        if (value == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String key = p.currentName();
                                p.nextToken();
                                labels.put(key, p.getValueAsString());
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "spec.nodeName" -> node = p.getValueAsString();
                    case "status.phase" -> phase = p.getValueAsString();
                    case "spec.containers" -> {
                        if (value == JsonToken.START_ARRAY) {
                            ListStream.each(p, c -> containers.add(ListStream.fields(p, "name")[0]));
                        }
                    }
                    case "status.containerStatuses" -> {
                        if (value == JsonToken.START_ARRAY) {
                            ListStream.each(p, c -> {
                                String[] s = ListStream.fields(p, "name", "ready");
                                ready.put(s[0], Boolean.valueOf(s[1]));
                            });
                        }
                    }
                    case "status.conditions" -> {
                        if (value == JsonToken.START_ARRAY) {
                            ListStream.each(p, c -> {
                                String[] s = ListStream.fields(p, "type", "status", "reason");
                                if ("Ready".equals(s[0])) {
                                    readyCondition[0] = s[1];
                                    readyCondition[1] = s[2];
                                }
                            });
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        boolean agent = labels.entrySet().containsAll(LABELS.entrySet());
        return new CachedKind.Held<>(
                ns == null ? name : ns + "/" + name,
                resourceVersion,
                new AgentFacts(
                        name, node, containers, phase, ready, readyCondition[0], readyCondition[1], agent, deleting));
    }

    private Lookup check(String node, AgentFacts p) {
        AgentPod agent = new AgentPod(node, namespace, p.name());
        if (!p.containers().contains(OVS_CONTAINER)) {
            return new Lookup(node, agent, "agent Pod " + agent.name() + " has no " + OVS_CONTAINER + " container");
        }
        if (!"Running".equals(p.phase())) {
            return new Lookup(
                    node,
                    agent,
                    "agent Pod " + agent.name() + " is " + (p.phase() == null ? "not running" : p.phase()));
        }
        Boolean ovsReady = p.ready().get(OVS_CONTAINER);
        if (p.ready().containsKey(OVS_CONTAINER) && !Boolean.TRUE.equals(ovsReady)) {
            return new Lookup(
                    node, agent, "container " + OVS_CONTAINER + " of agent Pod " + agent.name() + " is not ready");
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
