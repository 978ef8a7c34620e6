package io.ipamctl.kube;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Which node each Pod runs on, from one paged list of all Pods. */
public final class PodDirectory {

    private PodDirectory() {
    }

    /** "namespace/name" to node name (Pods not yet scheduled are left out). */
    public static Map<String, String> nodesByPod(KubernetesClient client) {
        Map<String, String> out = new HashMap<>();
        String token = null;
        try {
            do {
                PodList page = client.pods().inAnyNamespace()
                        .list(new ListOptionsBuilder().withLimit(IpPoolStore.PAGE).withContinue(token).build());
                for (Pod p : page.getItems()) {
                    if (p.getSpec() != null && p.getSpec().getNodeName() != null) {
                        out.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p.getSpec().getNodeName());
                    }
                }
                token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            } while (token != null && !token.isEmpty());
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
        return out;
    }
}
