package io.ipamctl.ipam;

/**
 * One address a pool has handed out, and who holds it: a row of `pool usage --allocations` and of the
 * allocations of `pool get -o yaml`, whatever the source.
 *
 * @param pool        the pool's qualified name ("pool-db", "kube-system/192.168.20.0-24", "node-01")
 * @param phase       the source's word for the state: Antrea's (Allocated, Reserved, ...), "Allocated" for
 *                    Whereabouts, the Pod's phase for a node podCIDR
 * @param owner       "namespace/name" (a StatefulSet reservation as "namespace/name[index]"), or null
 * @param ownerKind   Pod or StatefulSet, or null
 * @param node        the node of the owner Pod, or null
 * @param containerId the container (sandbox) ID recorded with it, or null
 */
public record AddressHolder(
        String pool, String ip, String phase, String owner, String ownerKind, String node, String containerId) {

    /**
     * The namespace of the owner (a Pod's or StatefulSet's "namespace/name", a Service's
     * "service/namespace/name"), or null for a cluster-scoped owner (an Egress) or none.
     */
    public String ownerNamespace() {
        if (owner == null) {
            return null;
        }
        String[] parts = owner.split("/", -1);
        if (parts.length == 2 && ("Pod".equals(ownerKind) || "StatefulSet".equals(ownerKind))) {
            return parts[0];
        }
        return parts.length == 3 ? parts[1] : null;
    }
}
