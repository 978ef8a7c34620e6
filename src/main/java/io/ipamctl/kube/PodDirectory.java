package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.ipam.PodFacts;
import io.ipamctl.ipam.PodIndex;
import java.util.List;

/** All Pods of the cluster, from one paged list. */
public final class PodDirectory {

    private PodDirectory() {}

    /** Every Pod in every namespace. */
    public static List<Pod> all(KubernetesClient client) {
        return Pages.all(client, options -> client.pods().inAnyNamespace().list(options));
    }

    /**
     * The Pods as the warm server keeps them: each reduced to its {@link PodFacts} as it arrives (the
     * model is bound per object and dropped), so 100k Pods cost their addresses, not their specs.
     */
    static final CachedKind<PodFacts> CACHED = CachedKind.ofTree(
            "Pods",
            "api/v1/pods",
            "pods",
            (client, o) -> PodFactsReader.of(client.getKubernetesSerialization().convertValue(o, Pod.class)));

    /** Every Pod in every namespace, reduced to what the pool commands compare. */
    public static PodIndex facts(KubernetesClient client) {
        return PodIndex.of(all(client).stream().map(PodFactsReader::of).toList());
    }

    /** The same, from the warm server's cache when it keeps the Pods (a run of its own lists them as above). */
    public static PodIndex facts(KubernetesClient client, ClusterCache cache) {
        return cache.keeps() ? PodIndex.of(CACHED.list(client, cache)) : facts(client);
    }

    public static String key(Pod p) {
        return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    }
}
