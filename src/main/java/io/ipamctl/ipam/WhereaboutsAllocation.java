package io.ipamctl.ipam;

/**
 * One entry of a Whereabouts IPPool's spec.allocations.
 *
 * @param offset the map key as stored
 * @param ip     the address it stands for, or null when Whereabouts ignores the key
 * @param podRef "namespace/pod"
 */
public record WhereaboutsAllocation(String offset, String ip, String containerId, String podRef, String ifName) {}
