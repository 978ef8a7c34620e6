package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.ipam.PodIndex;
import java.util.List;

/** All Pods of the cluster, from one paged list. */
public final class PodDirectory {

    private PodDirectory() {}

    /** Every Pod in every namespace. */
    public static List<Pod> all(KubernetesClient client) {
        return Pages.all(client, options -> client.pods().inAnyNamespace().list(options));
    }

    /** Every Pod in every namespace, reduced to what the pool commands compare. */
    public static PodIndex facts(KubernetesClient client) {
        return PodIndex.of(all(client).stream().map(PodFactsReader::of).toList());
    }

    public static String key(Pod p) {
        return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    }
}
