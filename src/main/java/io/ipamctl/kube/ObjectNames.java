package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Names of pools, namespaces, Pods and nodes (for shell completion), sorted, read in pages. */
public final class ObjectNames {

    private final KubernetesClient client;
    private final ClusterCache cache;

    public ObjectNames(KubernetesClient client) {
        this(client, ClusterCache.NONE);
    }

    /** Pool names from the warm server's cache where it holds them current. */
    public ObjectNames(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.cache = cache;
    }

    public List<String> pools() {
        return new IpPoolStore(client, cache).names();
    }

    public List<String> namespaces() {
        return names(options -> client.namespaces().list(options));
    }

    public List<String> pods(String namespace) {
        return names(options -> client.pods().inNamespace(namespace).list(options));
    }

    public List<String> nodes() {
        return names(options -> client.nodes().list(options));
    }

    private <T extends HasMetadata> List<String> names(
            Function<ListOptions, ? extends KubernetesResourceList<T>> page) {
        List<String> out = new ArrayList<>();
        Pages.all(client, page).forEach(item -> out.add(item.getMetadata().getName()));
        out.sort(null);
        return out;
    }
}
