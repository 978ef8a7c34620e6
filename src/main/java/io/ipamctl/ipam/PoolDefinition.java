package io.ipamctl.ipam;

import java.util.List;

/** The spec of an Antrea IPPool reduced to what IP math needs (same meaning in v1beta1 and v1alpha2). */
public record PoolDefinition(String name, List<PoolRangeSpec> ranges, String gateway, int prefixLength, int vlan) {

    public PoolDefinition {
        ranges = List.copyOf(ranges);
    }

    public String rangesText() {
        return String.join(",", ranges.stream().map(PoolRangeSpec::text).toList());
    }

    /** Whole address spans the ranges cover (a CIDR as network..last); unparsable ranges are skipped. */
    public List<IpRange> spans() {
        return ranges.stream().flatMap(r -> r.addresses().stream()).toList();
    }
}
