package io.ipamctl.ipam;

import java.util.List;

/**
 * The Whereabouts IPAM config of one NetworkAttachmentDefinition.
 *
 * @param nad           "namespace/name"
 * @param networkName   "network_name", or null
 * @param gateway       "gateway", or null
 * @param nodeSliceSize "node_slice_size" ("/26"), or null when the network does not use node slices
 * @param configName    the CNI config's "name", or null (names the NodeSlicePool when network_name is unset)
 */
public record WhereaboutsNetwork(
        String nad,
        String networkName,
        String gateway,
        List<WhereaboutsRange> ranges,
        String nodeSliceSize,
        String configName) {

    public WhereaboutsNetwork {
        ranges = List.copyOf(ranges);
    }

    /** A network without node slices. */
    public WhereaboutsNetwork(String nad, String networkName, String gateway, List<WhereaboutsRange> ranges) {
        this(nad, networkName, gateway, ranges, null, null);
    }

    /** Whether it uses node slices: each node allocates from its own slice of the first range. */
    public boolean sliced() {
        return nodeSliceSize != null && !nodeSliceSize.isEmpty();
    }

    /** The name of its NodeSlicePool (node-slice controller getSliceName): network_name, else the config's name. */
    public String slicePoolName() {
        return networkName != null ? networkName : configName;
    }

    /** The ranges of this network that Whereabouts keeps in the IPPool of that name (none in slice mode: pools are per node). */
    public List<WhereaboutsRange> rangesIn(String poolName) {
        if (sliced()) {
            return List.of();
        }
        return ranges.stream()
                .filter(r -> r.poolName(networkName).equals(poolName))
                .toList();
    }
}
