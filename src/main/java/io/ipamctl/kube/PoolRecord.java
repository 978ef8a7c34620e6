package io.ipamctl.kube;

import io.ipamctl.ipam.Allocation;
import io.ipamctl.ipam.AntreaPool;
import io.ipamctl.ipam.PoolDefinition;
import java.time.Instant;
import java.util.List;

/**
 * An IPPool as read from the server, in either served version.
 *
 * @param reportedUsed  status.usage.used written by the Antrea controller (null when absent)
 * @param reportedTotal status.usage.total (null when absent)
 * @param problems      what could not be read as Antrea means it (e.g. v1alpha2 ranges with different subnets)
 * @param uid           metadata.uid: tells this object from a later one of the same name
 * @param created       metadata.creationTimestamp, or null when unknown
 */
public record PoolRecord(
        PoolDefinition definition,
        List<Allocation> allocations,
        Integer reportedUsed,
        Integer reportedTotal,
        String apiVersion,
        String resourceVersion,
        List<String> problems,
        String uid,
        Instant created) {

    /** Immutable once, so that each {@link #pool()} of a pool the warm server holds shares them rather than copies. */
    public PoolRecord {
        allocations = List.copyOf(allocations);
        problems = List.copyOf(problems);
    }

    public String name() {
        return definition.name();
    }

    /** The pool as the pool commands compare it. */
    public AntreaPool pool() {
        return new AntreaPool(definition, allocations, reportedUsed, reportedTotal, apiVersion, problems, created);
    }
}
