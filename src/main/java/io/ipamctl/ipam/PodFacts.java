package io.ipamctl.ipam;

import java.util.List;

/**
 * What the consistency check needs to know of one Pod.
 *
 * @param key        "namespace/name"
 * @param phase      status.phase (Succeeded and Failed Pods have given their addresses back)
 * @param ips        status.podIPs
 * @param pinnedIps  the items of ipam.antrea.io/pod-ips, or empty
 * @param requestedPools the pools of the Pod's own ipam.antrea.io/ippools, or empty
 * @param secondary  the non-default entries of Multus' k8s.v1.cni.cncf.io/network-status
 */
public record PodFacts(
        String key,
        String node,
        String phase,
        boolean hostNetwork,
        List<String> ips,
        List<String> pinnedIps,
        List<String> requestedPools,
        List<SecondaryNetwork> secondary) {

    /** One network-status entry: network "namespace/nad", interface, addresses. */
    public record SecondaryNetwork(String network, String iface, List<String> ips) {}

    public PodFacts {
        ips = List.copyOf(ips);
        pinnedIps = List.copyOf(pinnedIps);
        requestedPools = List.copyOf(requestedPools);
        secondary = List.copyOf(secondary);
    }

    public boolean running() {
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** A Pod whose addresses come from the Pod network's IPAM (not the node's, not given back). */
    public boolean holdsPodNetworkIps() {
        return running() && !hostNetwork;
    }
}
