package io.ipamctl.kube;

import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.PoolDefinition;
import io.ipamctl.ipam.PoolValidator;
import java.util.Optional;

/**
 * Creating a pool while other clients may create overlapping ones: Antrea's webhook does not
 * check overlap between pools, so two clients that both found the addresses free can both create.
 * After the create, the pools stored before ours are checked (see {@link Snapshot}); if one of
 * them overlaps ours, ours was second and is deleted again. Exactly one of two racing pools stays.
 */
public final class PoolCreation {

    private final IpPoolStore store;

    public PoolCreation(IpPoolStore store) {
        this.store = store;
    }

    /** Creates the pool and keeps it only when no overlapping pool was stored before it. */
    public PoolRecord create(PoolDefinition def, int ipVersion) {
        PoolRecord created = store.create(def, ipVersion, false);
        Iterable<PoolRecord> before;
        try {
            before = store.listAtRevision(created.resourceVersion());
        } catch (IpamctlException e) {
            throw IpamctlException.failed(
                    "IPPool \"" + def.name() + "\" was created, but checking it against pools created "
                            + "at the same time failed: " + e.getMessage()
                            + " (look for overlaps with: ipamctl pool list)",
                    e);
        }
        for (PoolRecord other : before) {
            Optional<String> overlap = other.name().equals(def.name())
                    ? Optional.empty()
                    : PoolValidator.sharedAddresses(def, other.definition());
            if (overlap.isPresent()) {
                throw IpamctlException.failed(overlap.get() + ": another client created " + other.name()
                        + " just before " + def.name() + "; " + undo(created));
            }
        }
        return created;
    }

    private String undo(PoolRecord created) {
        String name = created.name();
        try {
            return store.deleteOwn(created)
                    ? "IPPool " + name + " was deleted again, nothing changed"
                    : "IPPool " + name + " is gone already, nothing changed";
        } catch (IpamctlException e) {
            return "deleting IPPool " + name + " again failed (" + e.getMessage()
                    + "): delete it with: ipamctl pool delete " + name;
        }
    }
}
