package io.ipamctl.ipam;

import java.util.List;

/**
 * The Whereabouts IPAM config of one NetworkAttachmentDefinition.
 *
 * @param nad         "namespace/name"
 * @param networkName "network_name", or null
 * @param gateway     "gateway", or null
 */
public record WhereaboutsNetwork(String nad, String networkName, String gateway, List<WhereaboutsRange> ranges) {

    public WhereaboutsNetwork {
        ranges = List.copyOf(ranges);
    }

    /** The ranges of this network that Whereabouts keeps in the IPPool of that name. */
    public List<WhereaboutsRange> rangesIn(String poolName) {
        return ranges.stream()
                .filter(r -> r.poolName(networkName).equals(poolName))
                .toList();
    }
}
