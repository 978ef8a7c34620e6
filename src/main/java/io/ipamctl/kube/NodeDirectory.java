package io.ipamctl.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.ipamctl.ipam.Cidr;
import io.ipamctl.ipam.NodePodCidr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** The podCIDRs of native Node IPAM (spec.podCIDRs, else spec.podCIDR), one per family and node. */
public final class NodeDirectory {

    private NodeDirectory() {}

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

    /** A Node as read: its name and the pod CIDRs as written (spec.podCIDRs, else spec.podCIDR). */
    record NodeCidrs(String name, List<String> cidrs, java.time.Instant created) {}

    /**
     * The Nodes as read (and as the warm server keeps them): read off the list (ListStream), a Node's
     * name and pod CIDRs only, never the whole Node model (its Jackson set-up, and the image lists
     * kubelets report, cost more than everything else here).
     */
    static final CachedKind<NodeCidrs> CACHED = new CachedKind<>("Nodes", "api/v1/nodes", "nodes", client -> p -> {
        String[] meta = new String[3];
        String single = null;
        List<String> cidrs = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
            } else if (field.equals("metadata")) {
                meta = ListStream.fields(p, "name", "resourceVersion", "creationTimestamp");
            } else if (field.equals("spec")) {
                single = spec(p, cidrs);
            } else {
                p.skipChildren();
            }
        }
        return new CachedKind.Held<>(
                meta[0],
                meta[1],
                new NodeCidrs(
                        meta[0],
                        cidrs.isEmpty() && single != null ? List.of(single) : cidrs,
                        CreationTime.parse(meta[2])));
    });

    public static List<NodePodCidr> podCidrs(KubernetesClient client, Consumer<String> warn) {
        return podCidrs(client, ClusterCache.NONE, null, warn);
    }

    /** The podCIDRs of the Nodes whose labels match the selector (null: every Node); the server applies it. */
    public static List<NodePodCidr> podCidrs(KubernetesClient client, String labelSelector, Consumer<String> warn) {
        return podCidrs(client, ClusterCache.NONE, labelSelector, warn);
    }

    /**
     * The pod CIDRs of the Nodes the selector matches (null: every Node; from the warm server's cache then),
     * sorted by node and network; a podCIDR that is not a CIDR is warned about and left out.
     */
    public static List<NodePodCidr> podCidrs(
            KubernetesClient client, ClusterCache cache, String labelSelector, Consumer<String> warn) {
        List<NodePodCidr> out = new ArrayList<>();
        for (NodeCidrs node : CACHED.list(client, cache, labelSelector)) {
            for (String c : node.cidrs()) {
                Cidr.tryParse(c)
                        .ifPresentOrElse(
                                x -> out.add(new NodePodCidr(node.name(), x, node.created())),
                                () -> warn.accept(
                                        "node " + node.name() + ": podCIDR \"" + c + "\" is not a CIDR (left out)"));
            }
        }
        out.sort(Comparator.comparing(NodePodCidr::node)
                .thenComparing(c -> c.cidr().network()));
        return out;
    }

    /** A Node's spec, parser on its START_OBJECT: spec.podCIDRs into cidrs; spec.podCIDR returned. */
    private static String spec(JsonParser p, List<String> cidrs) throws IOException {
        String single = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (key.equals("podCIDR") && value == JsonToken.VALUE_STRING) {
                single = p.getText();
            } else if (key.equals("podCIDRs") && value == JsonToken.START_ARRAY) {
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t == JsonToken.VALUE_STRING) {
                        cidrs.add(p.getText());
                    }
                    p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
        }
        return single;
    }
}
