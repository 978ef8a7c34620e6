package io.ipamctl.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/** Whether the owner of an address still exists, asked of the API server at the moment of asking. */
public final class OwnerLookup {

    private final KubernetesClient client;

    public OwnerLookup(KubernetesClient client) {
        this.client = client;
    }

    /** @param key "namespace/name" */
    public boolean podExists(String key) {
        String[] nsName = key.split("/", 2);
        return get(() ->
                        client.pods().inNamespace(nsName[0]).withName(nsName[1]).get())
                != null;
    }

    /** @param key "namespace/name" */
    public boolean statefulSetExists(String key) {
        String[] nsName = key.split("/", 2);
        return get(() -> client.apps()
                        .statefulSets()
                        .inNamespace(nsName[0])
                        .withName(nsName[1])
                        .get())
                != null;
    }

    private <T> T get(Supplier<T> read) {
        try {
            return read.get();
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }
}
