package io.ipamctl.sources;

import java.util.List;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Every source ipamctl reads, in listing order (the order of {@link io.ipamctl.ipam.IpamSource}). */
public final class Sources {

    private Sources() {
    }

    public static List<PoolSource> all(KubernetesClient client) {
        return List.of(
                new AntreaSource(client),
                new WhereaboutsSource(client),
                new NodeIpamSource(client),
                new ExternalIpPoolSource(client),
                new ServiceCidrSource(client));
    }
}
