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

    /**
     * Read off the Node list (ListStream): a Node's name and pod CIDRs only, never the whole Node model
     * (its Jackson set-up, and the image lists kubelets report, cost more than everything else here).
     */
    public static List<NodePodCidr> podCidrs(KubernetesClient client, java.util.function.Consumer<String> warn) {
        return podCidrs(client, null, warn);
    }

    /** The podCIDRs of the Nodes whose labels match the selector (null: every Node); the server applies it. */
    public static List<NodePodCidr> podCidrs(
            KubernetesClient client, String labelSelector, java.util.function.Consumer<String> warn) {
        List<NodePodCidr> out = new ArrayList<>();
        ListStream stream = new ListStream(client);
        try {
            Pages.each(
                    null,
                    options -> stream.page(
                            "api/v1/nodes",
                            Pages.selected(options, labelSelector),
                            "application/json",
                            "",
                            "a Node list",
                            (field, p) -> ListStream.each(p, item -> node(p, out, warn))));
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
        out.sort(Comparator.comparing(NodePodCidr::node)
                .thenComparing(c -> c.cidr().network()));
        return out;
    }

    /** One Node: spec.podCIDRs, else spec.podCIDR. */
    private static void node(JsonParser p, List<NodePodCidr> out, java.util.function.Consumer<String> warn)
            throws IOException {
        String[] meta = new String[2];
        String single = null;
        List<String> cidrs = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
            } else if (field.equals("metadata")) {
                meta = ListStream.fields(p, "name", "creationTimestamp");
            } else if (field.equals("spec")) {
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
            } else {
                p.skipChildren();
            }
        }
        String node = meta[0];
        java.time.Instant created = CreationTime.parse(meta[1]);
        for (String c : cidrs.isEmpty() && single != null ? List.of(single) : cidrs) {
            Cidr.tryParse(c)
                    .ifPresentOrElse(
                            x -> out.add(new NodePodCidr(node, x, created)),
                            () -> warn.accept("node " + node + ": podCIDR \"" + c + "\" is not a CIDR (left out)"));
        }
    }
}
