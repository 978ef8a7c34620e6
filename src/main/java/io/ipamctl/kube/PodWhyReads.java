package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.IpamctlException;
import io.ipamctl.health.AgentRules;
import io.ipamctl.health.AntreaIpamFailure;
import io.ipamctl.health.PodCase;
import io.ipamctl.ipam.PoolUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads what `pod why` looks at for one Pod into a {@link PodCase}: the Pod, its Namespace's binding, the Antrea
 * pools named and their fill, the agent of its node, the node's podCIDR and the Pod's FailedCreatePodSandBox
 * Events (this very Pod's, by UID: a re-created Pod of the same name starts clean).
 */
public final class PodWhyReads {

    private final KubernetesClient client;
    private final AntreaAgents agents;

    /** agents: those of the Antrea namespace, from the warm server's watch where there is one. */
    public PodWhyReads(KubernetesClient client, AntreaAgents agents) {
        this.client = client;
        this.agents = agents;
    }

    /**
     * @param nodeRange the podCIDR of a node and its fill, empty when unknown (asked only for a Pod on a node
     *                  without pools named for it)
     */
    public PodCase read(String namespace, String name, Function<String, Optional<PodCase.NodeRange>> nodeRange) {
        Pod p = call(() -> client.pods().inNamespace(namespace).withName(name).get());
        if (p == null) {
            throw IpamctlException.failed("pod " + name + " not found in namespace " + namespace);
        }
        Map<String, String> ann = p.getMetadata().getAnnotations() == null
                ? Map.of()
                : p.getMetadata().getAnnotations();
        String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
        PodCase.Pod pod = new PodCase.Pod(
                namespace,
                name,
                node,
                p.getStatus() == null ? null : p.getStatus().getPhase(),
                p.getSpec() != null && Boolean.TRUE.equals(p.getSpec().getHostNetwork()),
                ips(p),
                Annotations.pools(ann.get(Annotations.IPPOOLS)),
                ann.get(Annotations.POD_IPS),
                statefulSet(p));
        Namespace ns = call(() -> client.namespaces().withName(namespace).get());
        List<String> namespacePools =
                ns == null ? List.of() : Annotations.pools(NamespaceStore.annotation(ns, Annotations.IPPOOLS));
        List<String> configured = pod.ownPools().isEmpty() ? namespacePools : pod.ownPools();
        List<PodCase.Pool> pools = new ArrayList<>();
        if (!configured.isEmpty()) {
            IpPoolStore store = new IpPoolStore(client);
            if (store.installed()) {
                for (String poolName : configured) {
                    store.find(poolName)
                            .ifPresent(r -> pools.add(new PodCase.Pool(
                                    r.pool(),
                                    PoolUsage.of(r.definition(), r.allocations(), r.reportedUsed(), r.reportedTotal())
                                            .fill())));
                }
            }
        }
        return new PodCase(
                pod,
                namespacePools,
                pools,
                node == null ? null : agent(node),
                node == null || !configured.isEmpty()
                        ? null
                        : nodeRange.apply(node).orElse(null),
                failures(p));
    }

    private static List<String> ips(Pod p) {
        if (p.getStatus() == null) {
            return List.of();
        }
        List<PodIP> ips = p.getStatus().getPodIPs();
        if (ips != null && !ips.isEmpty()) {
            return ips.stream()
                    .map(PodIP::getIp)
                    .filter(ip -> ip != null && !ip.isEmpty())
                    .toList();
        }
        String ip = p.getStatus().getPodIP();
        return ip == null || ip.isEmpty() ? List.of() : List.of(ip);
    }

    private static String statefulSet(Pod p) {
        List<OwnerReference> owners = p.getMetadata().getOwnerReferences();
        return owners == null
                ? null
                : owners.stream()
                        .filter(o -> "StatefulSet".equals(o.getKind()))
                        .findFirst()
                        .map(o -> p.getMetadata().getNamespace() + "/" + o.getName())
                        .orElse(null);
    }

    private PodCase.Agent agent(String node) {
        List<AgentRules.AgentPod> onNode =
                agents.pods().stream().filter(a -> node.equals(a.node())).toList();
        if (onNode.isEmpty()) {
            return new PodCase.Agent(node, null, "no Antrea agent Pod runs on node " + node);
        }
        AgentRules.AgentPod ready =
                onNode.stream().filter(a -> a.notReady() == null).findFirst().orElse(onNode.get(0));
        return new PodCase.Agent(
                node, ready.name(), ready.notReady() == null ? null : ready.name() + " " + ready.notReady());
    }

    /** This Pod's FailedCreatePodSandBox Events, newest first. */
    private List<PodCase.SandboxFailure> failures(Pod p) {
        String ns = p.getMetadata().getNamespace();
        String name = p.getMetadata().getName();
        String uid = p.getMetadata().getUid();
        List<Event> events = call(() -> client.v1()
                .events()
                .inNamespace(ns)
                .withField("involvedObject.name", name)
                .list()
                .getItems());
        return events.stream()
                .filter(e -> AntreaIpamFailure.EVENT_REASON.equals(e.getReason())
                        && e.getInvolvedObject() != null
                        && "Pod".equals(e.getInvolvedObject().getKind())
                        && (uid == null
                                || e.getInvolvedObject().getUid() == null
                                || uid.equals(e.getInvolvedObject().getUid())))
                .sorted(Comparator.comparing(PodWhyReads::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .reversed())
                .map(e -> new PodCase.SandboxFailure(
                        e.getMessage(), e.getCount() == null ? 1 : e.getCount(), lastSeen(e)))
                .toList();
    }

    private static String lastSeen(Event e) {
        if (e.getLastTimestamp() != null) {
            return e.getLastTimestamp();
        }
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return e.getEventTime().getTime();
        }
        return e.getMetadata().getCreationTimestamp();
    }

    private <T> T call(Supplier<T> read) {
        try {
            return read.get();
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }
}
