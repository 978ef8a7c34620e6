package io.ipamctl.ipam;

import java.time.Instant;
import java.util.List;

/**
 * An Antrea ExternalIPPool (crd.antrea.io/v1beta1, cluster-scoped): the addresses Egresses and
 * LoadBalancer Services get. subnetInfo is optional (it matters only for Egress in a separate subnet).
 *
 * @param gateway       subnetInfo.gateway, or null
 * @param prefixLength  subnetInfo.prefixLength, or null
 * @param vlan          subnetInfo.vlan, or null (no subnetInfo, or none set)
 * @param reportedUsed  status.usage.used as Antrea's controller wrote it, or null
 * @param reportedTotal status.usage.total, or null
 * @param created       metadata.creationTimestamp, or null when unknown
 */
public record ExternalIpPool(
        String name,
        List<PoolRangeSpec> ranges,
        String gateway,
        Integer prefixLength,
        Integer vlan,
        Long reportedUsed,
        Long reportedTotal,
        Instant created) {

    public static final String API_VERSION = "crd.antrea.io/v1beta1";

    public ExternalIpPool {
        ranges = List.copyOf(ranges);
    }

    /** "ExternalIPPool NAME": how messages name it. */
    public static String label(String name) {
        return "ExternalIPPool " + name;
    }
}
