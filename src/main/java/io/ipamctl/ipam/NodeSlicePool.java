package io.ipamctl.ipam;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A Whereabouts NodeSlicePool (whereabouts.cni.cncf.io/v1alpha1, "Fast IPAM"): the node-slice controller
 * cuts the range of a NetworkAttachmentDefinition with {@code node_slice_size} into slices and gives each
 * node one; the plugin on a node then allocates only from its slice, in an IPPool of its own named
 * {@code [network_name-]<node>-<slice>} (Whereabouts v0.9.2 pkg/node-controller, pkg/storage/kubernetes/ipam.go).
 *
 * @param name      network_name of the NetworkAttachmentDefinitions, or their CNI config "name" when unset
 * @param range     spec.range, the whole range
 * @param sliceSize spec.sliceSize as written ("/26" or "26")
 * @param slices    status.allocations in order
 * @param created   metadata.creationTimestamp, or null when unknown
 */
public record NodeSlicePool(
        String namespace, String name, String range, String sliceSize, List<Slice> slices, Instant created) {

    /** One entry of status.allocations: an empty node name is a free slice. */
    public record Slice(String nodeName, String sliceRange) {

        public boolean free() {
            return nodeName == null || nodeName.isEmpty();
        }

        /** What the plugin hands out from it: network+1 .. last-1 of the slice (exclude and range_start/end do not apply). */
        public IpRangeSet usable() {
            return cidr().map(WhereaboutsRange::span).orElse(IpRangeSet.empty());
        }

        public Optional<Cidr> cidr() {
            return Cidr.tryParse(sliceRange).map(c -> new Cidr(c.network(), c.prefixLength()));
        }
    }

    public NodeSlicePool {
        slices = List.copyOf(slices);
    }

    public String qualifiedName() {
        return namespace + "/" + name;
    }

    /** "whereabouts node slices kube-system/slicenet". */
    public String label() {
        return "whereabouts node slices " + qualifiedName();
    }

    /** The slice size as a prefix length, if it reads as one ("/26" and "26" both do). */
    public Optional<Integer> slicePrefix() {
        String s = sliceSize == null ? "" : sliceSize.startsWith("/") ? sliceSize.substring(1) : sliceSize;
        return s.matches("[0-9]{1,3}") ? Optional.of(Integer.valueOf(s)) : Optional.empty();
    }

    /** The IPPool name the plugin on node uses for slice (prefixed with networkName when set). */
    public static String slicePoolName(String networkName, String node, String sliceRange) {
        String normalized = WhereaboutsRange.normalize(sliceRange);
        return networkName == null || networkName.isEmpty()
                ? node + "-" + normalized
                : networkName + "-" + node + "-" + normalized;
    }

    public List<Slice> assigned() {
        return slices.stream().filter(s -> !s.free()).toList();
    }

    public long freeSlices() {
        return slices.stream().filter(Slice::free).count();
    }
}
