package io.ipamctl.ipam;

/**
 * One entry of an IPPool's status.ipAddresses. Owners are "namespace/name"; a StatefulSet owner
 * also carries the replica index. Any field but ip may be null.
 */
public record Allocation(
        String ip,
        String phase,
        String podOwner,
        String containerId,
        String statefulSetOwner,
        Integer statefulSetIndex) {

    /** "ns/pod", or "ns/statefulset[index]" for a reservation without a running Pod. */
    public String ownerText() {
        if (podOwner != null) {
            return podOwner;
        }
        if (statefulSetOwner != null) {
            return statefulSetOwner + "[" + statefulSetIndex + "]";
        }
        return null;
    }
}
