package io.ipamctl.ipam;

import java.time.Instant;
import java.util.List;

/**
 * An Antrea IPPool as the pool commands see it, whichever API version served it.
 *
 * @param reportedUsed  status.usage.used written by the Antrea controller (null when absent)
 * @param reportedTotal status.usage.total (null when absent)
 * @param problems      what could not be read as Antrea means it (e.g. v1alpha2 ranges with different subnets)
 * @param created       metadata.creationTimestamp, or null when unknown
 */
public record AntreaPool(
        PoolDefinition definition,
        List<Allocation> allocations,
        Integer reportedUsed,
        Integer reportedTotal,
        String apiVersion,
        List<String> problems,
        Instant created) {

    public AntreaPool {
        allocations = List.copyOf(allocations);
        problems = List.copyOf(problems);
    }

    public String name() {
        return definition.name();
    }
}
