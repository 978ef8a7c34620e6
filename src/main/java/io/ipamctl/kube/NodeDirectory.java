package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.ipamctl.ipam.Cidr;
import io.ipamctl.ipam.NodePodCidr;

/** The podCIDRs of native Node IPAM (spec.podCIDRs, else spec.podCIDR), one per family and node. */
public final class NodeDirectory {

    private NodeDirectory() {
    }

    /** Calls onChange after every change of a Node or a Pod: Node IPAM's usage is counted from the Pods. */
    public static Watch watch(KubernetesClient client, Runnable onChange, java.util.function.Consumer<String> onEnd) {
        List<Watch> watches = new ArrayList<>();
        try {
            watches.add(client.nodes().watch(Watches.onAnyChange(onChange, onEnd)));
            watches.add(client.pods().inAnyNamespace().watch(Watches.onAnyChange(onChange, onEnd)));
            return Watches.all(watches);
        } catch (KubernetesClientException e) {
            Watches.all(watches).close();
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    public static List<NodePodCidr> podCidrs(KubernetesClient client, java.util.function.Consumer<String> warn) {
        List<NodePodCidr> out = new ArrayList<>();
        try {
            for (Node n : client.nodes().list().getItems()) {
                String name = n.getMetadata().getName();
                List<String> cidrs = n.getSpec() == null ? List.of()
                        : n.getSpec().getPodCIDRs() != null && !n.getSpec().getPodCIDRs().isEmpty() ? n.getSpec().getPodCIDRs()
                        : n.getSpec().getPodCIDR() != null ? List.of(n.getSpec().getPodCIDR()) : List.of();
                for (String c : cidrs) {
                    Cidr.tryParse(c).ifPresentOrElse(x -> out.add(new NodePodCidr(name, x)),
                            () -> warn.accept("node " + name + ": podCIDR \"" + c + "\" is not a CIDR (left out)"));
                }
            }
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
        out.sort(Comparator.comparing(NodePodCidr::node).thenComparing(c -> c.cidr().network()));
        return out;
    }
}
