package io.ipamctl.sources;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.kube.ClusterCache;
import java.util.List;

/** Every source ipamctl reads, in listing order (the order of {@link io.ipamctl.ipam.IpamSource}). */
public final class Sources {

    private Sources() {}

    public static List<PoolSource> all(KubernetesClient client) {
        return all(client, ClusterCache.NONE);
    }

    /** The same, reading what the warm server's cache holds from it. */
    public static List<PoolSource> all(KubernetesClient client, ClusterCache cache) {
        return List.of(
                new AntreaSource(client, cache),
                new WhereaboutsSource(client, cache),
                new NodeIpamSource(client, cache),
                new ExternalIpPoolSource(client, cache),
                new ServiceCidrSource(client, cache));
    }
}
