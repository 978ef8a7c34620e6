package io.ipamctl.ipam;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One podCIDR of a Node (native Node IPAM). Usable = every address but the network address, the
 * gateway (network+1, Antrea's antrea-gw0 and most CNIs' bridge) and, for IPv4, the broadcast address.
 *
 * @param created the Node's metadata.creationTimestamp (a podCIDR is assigned with its Node), or null when unknown
 */
public record NodePodCidr(String node, Cidr cidr, Instant created) {

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

    /** "node node-01 podCIDR 10.211.1.0/24". */
    public String label() {
        return "node " + node + " podCIDR " + cidr;
    }

    /** The Pods on this node, not on the host network, not finished, with an address in this CIDR (and those addresses). */
    public List<AddressHolder> holders(List<PodFacts> pods) {
        List<AddressHolder> out = new ArrayList<>();
        for (PodFacts p : pods) {
            if (node.equals(p.node()) && p.holdsPodNetworkIps()) {
                p.ips().stream()
                        .filter(t -> IpAddress.tryParse(t).map(cidr::contains).orElse(false))
                        .forEach(ip -> out.add(new AddressHolder(node, ip, p.phase(), p.key(), "Pod", node, null)));
            }
        }
        return out;
    }

    /** USED = Pods on this node, not on the host network, not finished, with an address in this CIDR. */
    public SourceUsage usage(List<PodFacts> pods) {
        long used = holders(pods).stream().map(AddressHolder::owner).distinct().count();
        return new SourceUsage(
                IpamSource.NODE,
                node,
                null,
                label(),
                "v1",
                List.of(cidr.toString()),
                cidr.toString(),
                gateway().toString(),
                cidr.prefixLength(),
                null,
                new Fill(total(), used),
                null,
                List.of(),
                created);
    }
}
