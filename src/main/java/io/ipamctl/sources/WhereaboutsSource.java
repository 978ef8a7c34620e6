package io.ipamctl.sources;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.NodeSlicePool;
import io.ipamctl.ipam.PoolNames;
import io.ipamctl.ipam.SourcePools;
import io.ipamctl.ipam.WhereaboutsAllocation;
import io.ipamctl.ipam.WhereaboutsPool;
import io.ipamctl.ipam.WhereaboutsPools;
import io.ipamctl.kube.ClusterCache;
import io.ipamctl.kube.OwnerLookup;
import io.ipamctl.kube.WhereaboutsStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Whereabouts' cluster-wide ranges (whereabouts.cni.cncf.io IPPools, namespaced) and the
 * NetworkAttachmentDefinitions whose IPAM config uses them, read through {@link WhereaboutsStore}.
 */
public final class WhereaboutsSource implements PoolSource, PoolSource.Releaser {

    private final KubernetesClient client;
    private final WhereaboutsStore store;

    public WhereaboutsSource(KubernetesClient client) {
        this(client, ClusterCache.NONE);
    }

    /** Reading the pools and NADs through the warm server's cache where it keeps them. */
    public WhereaboutsSource(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.store = new WhereaboutsStore(client, cache);
    }

    @Override
    public IpamSource id() {
        return IpamSource.WHEREABOUTS;
    }

    @Override
    public boolean installed() {
        return store.installed();
    }

    @Override
    public String notInstalled() {
        return "Whereabouts not available: the server serves no ippools.whereabouts.cni.cncf.io";
    }

    @Override
    public SourcePools read(Reading reading) {
        return new WhereaboutsPools(
                store.pools(reading.labelSelector()),
                store.networks(reading.warner()),
                store.nodeSlicePools(reading.labelSelector()),
                reading.podsForOwners());
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
        return "Whereabouts IPPool";
    }

    /** NAMESPACE/NAME, or a NAME only one namespace has (with or without "whereabouts/"). */
    @Override
    public Optional<String> find(String argument) {
        String rest = PoolNames.withoutPrefix(id(), argument);
        if (!store.installed()) {
            return Optional.empty();
        }
        int slash = rest.indexOf('/');
        if (slash > 0) {
            Optional<String> pool = store.find(rest.substring(0, slash), rest.substring(slash + 1))
                    .map(WhereaboutsPool::qualifiedName);
            return pool.isPresent() ? pool : refuseNodeSlices(rest);
        }
        List<WhereaboutsPool> named =
                store.pools().stream().filter(p -> p.name().equals(rest)).toList();
        if (named.isEmpty()) {
            return refuseNodeSlices(rest);
        }
        if (named.size() > 1) {
            throw IpamctlException.invalid("Whereabouts IPPool \"" + rest + "\" exists in several namespaces ("
                    + String.join(
                            ", ",
                            named.stream().map(WhereaboutsPool::qualifiedName).toList()) + "); give NAMESPACE/NAME");
        }
        return named.stream().findFirst().map(WhereaboutsPool::qualifiedName);
    }

    /** A NodeSlicePool's name: its addresses are kept in its nodes' slice pools, which release takes. */
    private Optional<String> refuseNodeSlices(String argument) {
        Optional<NodeSlicePool> nsp = store.nodeSlicePools().stream()
                .filter(n -> n.qualifiedName().equals(argument) || n.name().equals(argument))
                .findFirst();
        if (nsp.isPresent()) {
            throw IpamctlException.invalid("\"" + argument + "\" is the range of "
                    + nsp.get().label()
                    + ", which holds no allocations itself: give the slice pool of the address's node"
                    + " (list them with: ipamctl pool usage " + nsp.get().qualifiedName() + ")");
        }
        return Optional.empty();
    }

    @Override
    public ReleasePlan plan(String pool, IpAddress ip) {
        WhereaboutsPool p = get(pool, ip);
        String label = p.label();
        WhereaboutsAllocation a = p.allocationOf(ip).orElseThrow(() -> AllocationRelease.notAllocated(ip, label));
        if (a.podRef() != null && a.podRef().contains("/")) {
            AllocationRelease.requirePodGone(new OwnerLookup(client), a.podRef(), ip, label);
            return new ReleasePlan(id(), pool, label, ip, a.podRef(), "pod not found", p.resourceVersion());
        }
        return new ReleasePlan(id(), pool, label, ip, a.podRef(), "no owner pod recorded", p.resourceVersion());
    }

    @Override
    public void remove(ReleasePlan plan) {
        WhereaboutsPool now = get(plan.pool(), plan.ip());
        WhereaboutsAllocation a =
                now.allocationOf(plan.ip()).orElseThrow(() -> AllocationRelease.notAllocated(plan.ip(), plan.label()));
        // guarded by the revision the owner was checked at: a change since then answers 409 and is planned again
        store.release(
                new WhereaboutsPool(
                        now.namespace(), now.name(), now.range(), now.allocations(), plan.revision(), now.created()),
                a);
    }

    private WhereaboutsPool get(String qualified, IpAddress ip) {
        int slash = qualified.indexOf('/');
        return store.find(qualified.substring(0, slash), qualified.substring(slash + 1))
                .orElseThrow(() -> AllocationRelease.notAllocated(ip, "whereabouts pool " + qualified));
    }
}
