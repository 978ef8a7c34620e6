package io.ipamctl.ipam;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * One pool of any source, as `pool usage`, `pool list` and `pool get` show it: an Antrea IPPool, a
 * Whereabouts range, or a Node's podCIDR.
 *
 * @param namespace    the pool's namespace (namespaced sources only), or null
 * @param label        how messages name it: "pool pool-ap", "whereabouts pool kube-system/192.168.20.0-24",
 *                     "node node-01 podCIDR 10.211.1.0/24"
 * @param apiVersion   the API version of the object it was read from
 * @param ranges       what the addresses are (Antrea: as configured; Whereabouts: the usable spans; node: the CIDR)
 * @param subnet       the network the pool's addresses belong to (Antrea: the gateway masked to the prefix
 *                     length, 172.16.19.0/24), or null when the source states none or an invalid one
 * @param prefixLength null when unknown
 * @param vlan         the VLAN ID (0 = untagged), or null when the source has no VLAN setting
 * @param networks     NetworkAttachmentDefinitions ("ns/name") using a Whereabouts range, else null
 * @param created      metadata.creationTimestamp of the object the pool was read from (a Node's for its podCIDR),
 *                     or null when unknown
 */
public record SourceUsage(
        IpamSource source,
        String name,
        String namespace,
        String label,
        String apiVersion,
        List<String> ranges,
        String subnet,
        String gateway,
        Integer prefixLength,
        Integer vlan,
        Fill fill,
        List<String> networks,
        List<String> warnings,
        Instant created) {

    public SourceUsage {
        ranges = List.copyOf(ranges);
        networks = networks == null ? null : List.copyOf(networks);
        warnings = List.copyOf(warnings);
    }

    /** "kube-system/192.168.20.0-24" for a namespaced pool, else the name. */
    public String qualifiedName() {
        return namespace == null ? name : namespace + "/" + name;
    }

    /** The name -o name prints and every POOL argument takes back: "antrea/pool-ap", "node/node-01". */
    public String fullName() {
        return PoolNames.full(source, qualifiedName());
    }

    /** Whether a POOL argument names this pool (see {@link PoolNames#matches}). */
    public boolean answersTo(String argument) {
        return PoolNames.matches(source, namespace, name, argument);
    }

    public BigInteger total() {
        return fill.total();
    }

    public long used() {
        return fill.used();
    }
}
