package io.ipamctl.sources;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.Allocation;
import io.ipamctl.ipam.AntreaIpPools;
import io.ipamctl.ipam.AntreaPool;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.NamespacePools;
import io.ipamctl.ipam.PoolNames;
import io.ipamctl.ipam.SourcePools;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.kube.ClusterCache;
import io.ipamctl.kube.IpPoolStore;
import io.ipamctl.kube.NamespaceStore;
import io.ipamctl.kube.OwnerLookup;
import io.ipamctl.kube.PoolRecord;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Antrea IPAM's IPPools (crd.antrea.io, v1beta1 or v1alpha2 as served), read through {@link IpPoolStore}. */
public final class AntreaSource implements PoolSource, PoolSource.Releaser {

    private final KubernetesClient client;
    private final IpPoolStore store;
    private final ClusterCache cache;

    public AntreaSource(KubernetesClient client) {
        this(client, ClusterCache.NONE);
    }

    /** Reading the pools through the warm server's cache where it holds them. */
    public AntreaSource(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.store = new IpPoolStore(client, cache);
        this.cache = cache;
    }

    @Override
    public IpamSource id() {
        return IpamSource.ANTREA;
    }

    @Override
    public boolean installed() {
        return store.installed();
    }

    @Override
    public String notInstalled() {
        return IpPoolStore.NOT_SERVED;
    }

    /** For pool check also the Namespaces bound to pools, whose names must exist. */
    @Override
    public SourcePools read(Reading reading) {
        List<NamespacePools> bindings = reading.forCheck() ? new NamespaceStore(client, cache).bindings() : List.of();
        // the owners of 100k addresses are most of the list's bytes: read them only when the command uses them
        List<PoolRecord> records = store.list(
                reading.holdersWanted() ? IpPoolStore.Detail.OWNERS : IpPoolStore.Detail.ADDRESSES,
                reading.labelSelector());
        // each pool's row kept with the cached object while it is unchanged (nothing kept without the server)
        Map<AntreaPool, PoolRecord> recordOf = new IdentityHashMap<>();
        List<AntreaPool> pools = new ArrayList<>();
        for (PoolRecord r : records) {
            AntreaPool pool = r.pool();
            recordOf.put(pool, r);
            pools.add(pool);
        }
        return new AntreaIpPools(
                pools,
                bindings,
                reading.podsForOwners(),
                pool -> store.memo(recordOf.get(pool), SourceUsage.class, () -> AntreaIpPools.usage(pool)));
    }

    /** From the server's Table of IPPools: not one pool object is sent. */
    @Override
    public List<String> poolNames(Reading reading) {
        return store.names(reading.labelSelector());
    }

    @Override
    public SourceWatch watch(Runnable onChange, Consumer<String> onEnd) {
        return store.watch(onChange, onEnd)::close;
    }

    @Override
    public Optional<Releaser> releaser() {
        return Optional.of(this);
    }

    @Override
    public String kind() {
        return "Antrea IPPool";
    }

    /** Antrea IPPools are cluster-scoped: NAME or antrea/NAME. */
    @Override
    public Optional<String> find(String argument) {
        String name = PoolNames.withoutPrefix(id(), argument);
        if (name.contains("/") || !store.installed()) {
            return Optional.empty();
        }
        return store.find(name).map(PoolRecord::name);
    }

    @Override
    public ReleasePlan plan(String poolName, IpAddress ip) {
        String label = AntreaIpPools.label(poolName);
        PoolRecord pool = store.find(poolName).orElseThrow(() -> AllocationRelease.notAllocated(ip, label));
        Allocation a = pool.allocations().stream()
                .filter(x -> IpAddress.tryParse(x.ip()).map(ip::equals).orElse(false))
                .findFirst()
                .orElseThrow(() -> AllocationRelease.notAllocated(ip, label));
        OwnerLookup owners = new OwnerLookup(client);
        if (a.podOwner() != null) {
            AllocationRelease.requirePodGone(owners, a.podOwner(), ip, label);
            return plan(pool, ip, a.podOwner(), "pod not found");
        }
        if (a.statefulSetOwner() != null) {
            if (owners.statefulSetExists(a.statefulSetOwner())) {
                throw IpamctlException.failed("refusing to release " + ip + " from " + label
                        + ": it is reserved for StatefulSet " + a.ownerText() + ", which exists");
            }
            return plan(pool, ip, a.ownerText(), "StatefulSet not found");
        }
        return plan(pool, ip, null, "no owner recorded");
    }

    private ReleasePlan plan(PoolRecord pool, IpAddress ip, String owner, String why) {
        return new ReleasePlan(
                id(), pool.name(), AntreaIpPools.label(pool.name()), ip, owner, why, pool.resourceVersion());
    }

    @Override
    public void remove(ReleasePlan plan) {
        if (!store.removeAllocation(plan.pool(), plan.ip(), plan.revision())) {
            throw AllocationRelease.notAllocated(plan.ip(), plan.label());
        }
    }
}
