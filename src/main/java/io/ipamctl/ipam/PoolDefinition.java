package io.ipamctl.ipam;

import java.util.List;
import java.util.Optional;

/** The spec of an Antrea IPPool reduced to what IP math needs (same meaning in v1beta1 and v1alpha2). */
public record PoolDefinition(String name, List<PoolRangeSpec> ranges, String gateway, int prefixLength, int vlan) {

    public PoolDefinition {
        ranges = List.copyOf(ranges);
    }

    public String rangesText() {
        return String.join(",", ranges.stream().map(PoolRangeSpec::text).toList());
    }

    /**
     * The subnet as Antrea reads subnetInfo: the gateway masked to prefixLength, e.g. 172.16.19.0/24 for
     * gateway 172.16.19.254 and prefix 24. Empty when the gateway or the prefix length is not valid.
     */
    public Optional<Cidr> subnet() {
        return IpAddress.tryParse(gateway)
                .filter(g -> prefixLength >= 0 && prefixLength <= g.family().bits())
                .map(g -> new Cidr(g, prefixLength))
                .map(c -> new Cidr(c.network(), prefixLength));
    }

    /** Whole address spans the ranges cover (a CIDR as network..last); unparsable ranges are skipped. */
    public List<IpRange> spans() {
        return ranges.stream().flatMap(r -> r.addresses().stream()).toList();
    }
}
