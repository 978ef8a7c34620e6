package io.ipamctl.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.ExitCode;
import io.ipamctl.ipam.Allocation;
import io.ipamctl.ipam.PoolReferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Deletes an Antrea pool only when nothing depends on it: no allocated address in its status, and no
 * Namespace or Pod that names it in ipam.antrea.io/ippools (Antrea's webhook checks only the first;
 * after the delete every new Pod under such an annotation would fail to get an address). Forced, it
 * deletes anyway and says what still depends on the pool. A dry run reaches the same verdict.
 */
public final class PoolDeletion {

    /** How many allocations a refusal names before "and N more". */
    private static final int SHOWN = 5;

    private final KubernetesClient client;
    private final IpPoolStore store;

    public PoolDeletion(KubernetesClient client) {
        this.client = client;
        this.store = new IpPoolStore(client);
    }

    /** Whether an IPPool has the name (one GET). */
    public boolean exists(String name) {
        return store.find(name).isPresent();
    }

    /**
     * Deletes the pool (dryRun CLIENT: only checks); what still depends on it goes to warn when forced.
     *
     * @return false when no IPPool has the name (nothing was checked or sent)
     */
    public boolean delete(String name, boolean force, DryRun dryRun, Consumer<String> warn) {
        Optional<PoolRecord> found = store.find(name);
        if (found.isEmpty()) {
            return false;
        }
        PoolRecord pool = found.get();
        PoolReferences references =
                PoolReferences.to(name, new NamespaceStore(client).bindings(), PodDirectory.facts(client));
        List<String> blockers = new ArrayList<>();
        if (!pool.allocations().isEmpty()) {
            blockers.add("still has " + pool.allocations().size() + " allocated address(es): " + allocations(pool));
        }
        if (!references.isEmpty()) {
            blockers.add("is still named in " + Annotations.IPPOOLS + " by " + references.describe());
        }
        if (!blockers.isEmpty()) {
            String why = String.join(" and ", blockers);
            if (!force) {
                throw new Refusal(
                        references.isEmpty() ? Refusal.Reason.POOL_IN_USE : Refusal.Reason.POOL_REFERENCED,
                        ExitCode.ERROR,
                        "IPPool \"" + name + "\" " + why);
            }
            warn.accept("deleting IPPool \"" + name + "\" although it " + why);
        }
        if (dryRun.sendsWrites()) {
            store.delete(name, dryRun == DryRun.SERVER);
        }
        return true;
    }

    private static String allocations(PoolRecord pool) {
        String shown = pool.allocations().stream()
                .limit(SHOWN)
                .map(a -> a.ip() + " (" + ownerOf(a) + ")")
                .collect(Collectors.joining(", "));
        int more = pool.allocations().size() - SHOWN;
        return more > 0 ? shown + " and " + more + " more" : shown;
    }

    private static String ownerOf(Allocation a) {
        String owner = a.ownerText();
        return owner == null ? "no owner" : owner;
    }
}
