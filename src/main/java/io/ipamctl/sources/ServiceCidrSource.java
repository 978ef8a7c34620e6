package io.ipamctl.sources;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.ServiceCidrs;
import io.ipamctl.ipam.ServiceIndex;
import io.ipamctl.ipam.SourcePools;
import io.ipamctl.kube.ClusterCache;
import io.ipamctl.kube.ServiceCidrStore;
import java.util.function.Consumer;

/**
 * Kubernetes ServiceCIDRs and the IPAddresses of the API server's ClusterIP allocator (networking.k8s.io/v1),
 * read through {@link ServiceCidrStore}; a server without them (before 1.33, or with the old bitmap
 * allocator) is skipped like a missing CRD.
 */
public final class ServiceCidrSource implements PoolSource {

    private final ServiceCidrStore store;

    public ServiceCidrSource(KubernetesClient client) {
        this(client, ClusterCache.NONE);
    }

    /** Reading the ServiceCIDRs and IPAddresses through the warm server's cache where it keeps them. */
    public ServiceCidrSource(KubernetesClient client, ClusterCache cache) {
        this.store = new ServiceCidrStore(client, cache);
    }

    @Override
    public IpamSource id() {
        return IpamSource.SERVICE_CIDR;
    }

    @Override
    public boolean installed() {
        return store.installed();
    }

    @Override
    public String notInstalled() {
        return "ServiceCIDRs not available: the server serves no servicecidrs and ipaddresses in networking.k8s.io/v1 "
                + "(Kubernetes 1.33 or later)";
    }

    /** The Services are compared only by pool check: usage is the allocator's own IPAddresses. */
    @Override
    public SourcePools read(Reading reading) {
        return new ServiceCidrs(
                store.cidrs(reading.labelSelector()),
                store.addresses(),
                reading.forCheck() ? reading.services() : ServiceIndex.none());
    }

    @Override
    public SourceWatch watch(Runnable onChange, Consumer<String> onEnd) {
        return store.watch(onChange, onEnd)::close;
    }

    @Override
    public String howFreed() {
        return "the API server frees a ClusterIP with its Service, and its repair loop deletes leaked IPAddresses";
    }
}
