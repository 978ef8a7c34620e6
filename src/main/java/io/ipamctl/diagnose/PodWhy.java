package io.ipamctl.diagnose;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.IpamctlException;
import io.ipamctl.health.PodCase;
import io.ipamctl.health.PodDiagnosis;
import io.ipamctl.health.PodWhyRules;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.kube.AntreaAgents;
import io.ipamctl.kube.PodWhyReads;
import io.ipamctl.sources.IpamInventory;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** `ipamctl pod why`: reads one Pod's case and lets {@link PodWhyRules} say what keeps it from its address. */
public final class PodWhy {

    private final KubernetesClient client;
    private final AntreaAgents agents;
    private final Consumer<String> warn;

    public PodWhy(KubernetesClient client, AntreaAgents agents, Consumer<String> warn) {
        this.client = client;
        this.agents = agents;
        this.warn = warn;
    }

    public PodDiagnosis diagnose(String namespace, String pod) {
        PodCase c = new PodWhyReads(client, agents).read(namespace, pod, this::nodeRange);
        return PodWhyRules.diagnose(c);
    }

    /** The node's podCIDR and its fill as `pool usage --source node` counts it. */
    private Optional<PodCase.NodeRange> nodeRange(String node) {
        try {
            return IpamInventory.load(client, Set.of(IpamSource.NODE), IpamInventory.Purpose.USAGE, warn)
                    .usages()
                    .stream()
                    .filter(u -> node.equals(u.name()))
                    .findFirst()
                    .map(u -> new PodCase.NodeRange(node, String.join(",", u.ranges()), u.fill()));
        } catch (IpamctlException e) {
            return Optional.empty(); // no Node IPAM here (no podCIDRs): the Pod's address comes from elsewhere
        }
    }
}
