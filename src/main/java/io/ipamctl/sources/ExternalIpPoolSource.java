package io.ipamctl.sources;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.ipam.ExternalIpPools;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.SourcePools;
import io.ipamctl.kube.ClusterCache;
import io.ipamctl.kube.ExternalIpPoolStore;
import java.util.function.Consumer;

/**
 * Antrea's ExternalIPPools (crd.antrea.io), with the Egresses and LoadBalancer Services that take their
 * addresses, read through {@link ExternalIpPoolStore} and the run's Services.
 */
public final class ExternalIpPoolSource implements PoolSource {

    private final ExternalIpPoolStore store;

    public ExternalIpPoolSource(KubernetesClient client) {
        this(client, ClusterCache.NONE);
    }

    /** Reading the pools and Egresses through the warm server's cache where it keeps them. */
    public ExternalIpPoolSource(KubernetesClient client, ClusterCache cache) {
        this.store = new ExternalIpPoolStore(client, cache);
    }

    @Override
    public IpamSource id() {
        return IpamSource.EXTERNAL_IP;
    }

    @Override
    public boolean installed() {
        return store.installed();
    }

    @Override
    public String notInstalled() {
        return "Antrea ExternalIPPools not available: the server serves no externalippools.crd.antrea.io (they come with "
                + "Antrea's Egress and ServiceExternalIP features)";
    }

    /** USED counts the LoadBalancer Services' addresses, so the Services are read for every purpose. */
    @Override
    public SourcePools read(Reading reading) {
        return new ExternalIpPools(store.pools(reading.labelSelector()), store.egresses(), reading.services());
    }

    @Override
    public SourceWatch watch(Runnable onChange, Consumer<String> onEnd) {
        return store.watch(onChange, onEnd)::close;
    }

    @Override
    public String howFreed() {
        return "Antrea frees an address when its Egress or Service is deleted or no longer names the pool";
    }
}
