package io.ipamctl.sources;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.NodePodCidr;
import io.ipamctl.ipam.NodePodCidrs;
import io.ipamctl.ipam.SourcePools;
import io.ipamctl.kube.ClusterCache;
import io.ipamctl.kube.NodeDirectory;
import java.util.List;
import java.util.function.Consumer;

/**
 * Native Kubernetes Node IPAM: the Nodes' spec.podCIDRs, counted from the Pods. Node IPAM keeps no
 * allocations in the API (the CNI's host-local files hold them), so there is nothing to release.
 */
public final class NodeIpamSource implements PoolSource {

    private final KubernetesClient client;
    private final ClusterCache cache;

    public NodeIpamSource(KubernetesClient client) {
        this(client, ClusterCache.NONE);
    }

    /** Reading the Nodes through the warm server's cache where it keeps them. */
    public NodeIpamSource(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.cache = cache;
    }

    @Override
    public IpamSource id() {
        return IpamSource.NODE;
    }

    /** Nodes are core API: always served. Whether the cluster uses Node IPAM shows only in the Nodes ({@link #inUse}). */
    @Override
    public boolean installed() {
        return true;
    }

    @Override
    public String notInstalled() {
        return "Node IPAM not available";
    }

    @Override
    public SourcePools read(Reading reading) {
        List<NodePodCidr> cidrs = NodeDirectory.podCidrs(client, cache, reading.labelSelector(), reading.warner());
        return new NodePodCidrs(cidrs, reading::pods);
    }

    /** A cluster whose Nodes carry no podCIDR does not use Node IPAM. */
    @Override
    public boolean inUse(SourcePools pools) {
        return !pools.blocks().isEmpty();
    }

    @Override
    public String howFreed() {
        return "their addresses are freed with their Pods";
    }

    @Override
    public SourceWatch watch(Runnable onChange, Consumer<String> onEnd) {
        return NodeDirectory.watch(client, onChange, onEnd)::close;
    }
}
