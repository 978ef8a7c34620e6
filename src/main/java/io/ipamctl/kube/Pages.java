package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Lists read in pages of {@link IpPoolStore#PAGE}: big clusters never answer in one giant response. */
final class Pages {

    private Pages() {
    }

    static <T extends HasMetadata> List<T> all(KubernetesClient client, Function<ListOptions, ? extends KubernetesResourceList<T>> page) {
        List<T> out = new ArrayList<>();
        String token = null;
        try {
            do {
                KubernetesResourceList<T> p = page.apply(new ListOptionsBuilder().withLimit(IpPoolStore.PAGE).withContinue(token).build());
                out.addAll(p.getItems());
                token = p.getMetadata() == null ? null : p.getMetadata().getContinue();
            } while (token != null && !token.isEmpty());
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
        return out;
    }
}
