package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** All Pods of the cluster, from one paged list. */
public final class PodDirectory {

    private PodDirectory() {
    }

    /** Every Pod in every namespace. */
    public static List<Pod> all(KubernetesClient client) {
        List<Pod> out = new ArrayList<>();
        String token = null;
        try {
            do {
                PodList page = client.pods().inAnyNamespace()
                        .list(new ListOptionsBuilder().withLimit(IpPoolStore.PAGE).withContinue(token).build());
                out.addAll(page.getItems());
                token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            } while (token != null && !token.isEmpty());
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
        return out;
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
