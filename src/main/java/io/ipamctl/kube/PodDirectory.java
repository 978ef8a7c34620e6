package io.ipamctl.kube;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

/** All Pods of the cluster, from one paged list. */
public final class PodDirectory {

    private PodDirectory() {
    }

    /** Every Pod in every namespace. */
    public static List<Pod> all(KubernetesClient client) {
        return Pages.all(client, options -> client.pods().inAnyNamespace().list(options));
    }

    /** "namespace/name" to node name (Pods not yet scheduled are left out). */
    public static Map<String, String> nodesByPod(KubernetesClient client) {
        return nodesByPod(all(client));
    }

    public static Map<String, String> nodesByPod(List<Pod> pods) {
        Map<String, String> out = new HashMap<>();
        for (Pod p : pods) {
            if (p.getSpec() != null && p.getSpec().getNodeName() != null) {
                out.put(key(p), p.getSpec().getNodeName());
            }
        }
        return out;
    }

    public static String key(Pod p) {
        return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    }
}
