package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.List;

/**
 * One podCIDR of a Node (native Node IPAM). Usable = every address but the network address, the
 * gateway (network+1, Antrea's antrea-gw0 and most CNIs' bridge) and, for IPv4, the broadcast address.
 */
public record NodePodCidr(String node, Cidr cidr) {

    public IpAddress gateway() {
        return cidr.network().plus(1);
    }

    public BigInteger total() {
        int reserved = cidr.family() == IpFamily.V4 ? 3 : 2;
        return cidr.size().subtract(BigInteger.valueOf(reserved)).max(BigInteger.ZERO);
    }

    public boolean contains(IpAddress ip) {
        return cidr.contains(ip);
    }

    /** USED = Pods on this node, not on the host network, not finished, with an address in this CIDR. */
    public SourceUsage usage(List<PodFacts> pods) {
        long used = pods.stream().filter(p -> node.equals(p.node()) && p.holdsPodNetworkIps())
                .filter(p -> p.ips().stream().anyMatch(t -> IpAddress.tryParse(t).map(cidr::contains).orElse(false)))
                .count();
        return new SourceUsage(IpamSource.NODE, node, null, List.of(cidr.toString()), gateway().toString(),
                cidr.prefixLength(), null, new Fill(total(), used), null, List.of());
    }
}
