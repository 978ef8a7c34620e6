package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.List;

/**
 * One row of `pool usage`, whatever hands the addresses out: an Antrea IPPool, a Whereabouts range,
 * or a Node's podCIDR.
 *
 * @param namespace    the IPPool's namespace (Whereabouts only)
 * @param ranges       what the addresses are (Antrea: as configured; Whereabouts: the usable spans; node: the CIDR)
 * @param prefixLength null when unknown
 * @param vlan         null when the source has none
 * @param networks     NetworkAttachmentDefinitions ("ns/name") using a Whereabouts range
 */
public record SourceUsage(IpamSource source, String name, String namespace, List<String> ranges, String gateway,
                          Integer prefixLength, Integer vlan, Fill fill, List<String> networks, List<String> warnings) {

    public SourceUsage {
        ranges = List.copyOf(ranges);
        networks = networks == null ? null : List.copyOf(networks);
        warnings = List.copyOf(warnings);
    }

    /** An Antrea pool's row; problems of the pool object itself come first among its warnings. */
    public static SourceUsage antrea(PoolUsage u, List<String> poolProblems) {
        PoolDefinition p = u.pool();
        List<String> warnings = new java.util.ArrayList<>(poolProblems);
        warnings.addAll(u.warnings());
        return new SourceUsage(IpamSource.ANTREA, p.name(), null, p.ranges().stream().map(PoolRangeSpec::text).toList(),
                p.gateway(), p.prefixLength(), p.vlan(), u.fill(), null, warnings);
    }

    /** "kube-system/192.168.20.0-24" for Whereabouts, else the name. */
    public String qualifiedName() {
        return namespace == null ? name : namespace + "/" + name;
    }

    public BigInteger total() {
        return fill.total();
    }

    public long used() {
        return fill.used();
    }
}
