package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.ConsistencyCheck;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.NodePodCidr;
import io.ipamctl.ipam.PodFacts;
import io.ipamctl.ipam.PoolUsage;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.ipam.WhereaboutsNetwork;
import io.ipamctl.ipam.WhereaboutsPool;

/**
 * Every IP pool of the cluster, whichever system hands the addresses out, read once per run. Sources
 * are either the one asked for (an error when it is not installed) or every one the cluster has:
 * found by API discovery (Antrea, Whereabouts) or by Nodes carrying podCIDRs; a source the user may
 * not read is named in a warning and left out.
 */
public final class IpamInventory {

    private final Set<IpamSource> sources = EnumSet.noneOf(IpamSource.class);
    private final List<PoolRecord> antrea = new ArrayList<>();
    private final List<WhereaboutsPool> whereabouts = new ArrayList<>();
    private final List<WhereaboutsNetwork> networks = new ArrayList<>();
    private final List<NodePodCidr> nodeCidrs = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();
    private final List<PodFacts> podFacts = new ArrayList<>();

    private IpamInventory() {
    }

    /**
     * @param only      the source of --source, or null for every source present
     * @param needsPods read the Pods even when no source needs them for counting, and who holds each Antrea
     *                  address (pool check, --allocations)
     */
    public static IpamInventory load(KubernetesClient client, IpamSource only, boolean needsPods, Consumer<String> warn) {
        IpamInventory inv = new IpamInventory();
        boolean auto = only == null;
        if (auto || only == IpamSource.ANTREA) {
            IpPoolStore store = new IpPoolStore(client);
            if (!auto || store.installed()) {
                inv.read(IpamSource.ANTREA, auto, warn, () -> inv.antrea.addAll(store.list(needsPods
                        ? IpPoolStore.Detail.OWNERS : IpPoolStore.Detail.ADDRESSES)));
            }
        }
        if (auto || only == IpamSource.WHEREABOUTS) {
            WhereaboutsStore store = new WhereaboutsStore(client);
            if (store.installed()) {
                inv.read(IpamSource.WHEREABOUTS, auto, warn, () -> {
                    inv.whereabouts.addAll(store.pools());
                    inv.networks.addAll(store.networks(warn));
                });
            } else if (!auto) {
                throw IpamctlException.failed("Whereabouts not available: the server serves no ippools.whereabouts.cni.cncf.io");
            }
        }
        if (auto || only == IpamSource.NODE) {
            inv.read(IpamSource.NODE, auto, warn, () -> inv.nodeCidrs.addAll(NodeDirectory.podCidrs(client, warn)));
            if (auto && inv.nodeCidrs.isEmpty()) {
                inv.sources.remove(IpamSource.NODE); // the cluster does not use Node IPAM
            }
        }
        if (needsPods || inv.sources.contains(IpamSource.NODE)) {
            inv.pods.addAll(PodDirectory.all(client));
            inv.pods.forEach(p -> inv.podFacts.add(PodFactsReader.of(p)));
        }
        return inv;
    }

    /** Reads one source; when sources were detected, a refusal by RBAC only drops that source. */
    private void read(IpamSource source, boolean auto, Consumer<String> warn, Runnable reader) {
        try {
            reader.run();
            sources.add(source);
        } catch (IpamctlException e) {
            if (auto && e.getCause() instanceof KubernetesClientException k && k.getCode() == 403) {
                warn.accept("left out " + source + " pools: " + e.getMessage());
                return;
            }
            throw e;
        }
    }

    /** The sources read, in listing order. */
    public Set<IpamSource> sources() {
        return EnumSet.copyOf(sources);
    }

    public List<PoolRecord> antrea() {
        return antrea;
    }

    public List<WhereaboutsPool> whereabouts() {
        return whereabouts;
    }

    public List<Pod> pods() {
        return pods;
    }

    public List<PodFacts> podFacts() {
        return podFacts;
    }

    /** One row per Antrea pool, Whereabouts range and node podCIDR, in that order. */
    public List<SourceUsage> usages() {
        List<SourceUsage> out = new ArrayList<>();
        for (PoolRecord p : antrea) {
            out.add(SourceUsage.antrea(PoolUsage.of(p.definition(), p.allocations(), p.reportedUsed(), p.reportedTotal()),
                    p.problems().stream().map(x -> "pool " + p.name() + ": " + x).toList()));
        }
        whereabouts.forEach(w -> out.add(w.usage(networks)));
        nodeCidrs.forEach(n -> out.add(n.usage(podFacts)));
        return out;
    }

    /** What `pool check` compares. */
    public ConsistencyCheck.Inputs checkInputs() {
        return new ConsistencyCheck.Inputs(sources(),
                antrea.stream().map(p -> new ConsistencyCheck.AntreaPool(p.definition(), p.allocations())).toList(),
                whereabouts, networks, podFacts);
    }

}
