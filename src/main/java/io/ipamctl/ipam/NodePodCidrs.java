package io.ipamctl.ipam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Native Kubernetes Node IPAM: each Node's podCIDRs, counted from the Pods that hold addresses in
 * them ({@link NodePodCidr}). Node IPAM keeps no allocations in the API, so the Pods are the record.
 */
public final class NodePodCidrs implements SourcePools {

    private final List<NodePodCidr> cidrs;
    private final Supplier<PodIndex> pods;

    /** @param pods the Pods, asked for only when usage or owners are (an overlap check needs none) */
    public NodePodCidrs(List<NodePodCidr> cidrs, Supplier<PodIndex> pods) {
        this.cidrs = List.copyOf(cidrs);
        this.pods = pods;
    }

    @Override
    public IpamSource source() {
        return IpamSource.NODE;
    }

    @Override
    public List<SourceUsage> usages() {
        return cidrs.stream().map(c -> c.usage(pods.get().all())).toList();
    }

    @Override
    public List<String> poolNames() {
        return cidrs.stream().map(NodePodCidr::node).distinct().toList();
    }

    @Override
    public List<AddressHolder> holders(SourceUsage row) {
        return cidrs.stream()
                .filter(c -> c.node().equals(row.name())
                        && c.cidr().toString().equals(row.ranges().get(0)))
                .findFirst()
                .orElseThrow()
                .holders(pods.get().all());
    }

    /** Nothing to compare: the Pods are Node IPAM's only record (their shared addresses are checked across sources). */
    @Override
    public List<Problem> problems() {
        return List.of();
    }

    @Override
    public List<PoolBlock> blocks() {
        return cidrs.stream()
                .map(c -> new PoolBlock(
                        source(),
                        c.node(),
                        c.label(),
                        IpRangeSet.union(List.of(c.cidr().asRange()))))
                .toList();
    }

    /** Network, gateway (network+1) and IPv4 broadcast are never handed out; a Pod's address is ALLOCATED to it. */
    @Override
    public List<AddressState> addressStates(IpAddress ip) {
        List<AddressState> out = new ArrayList<>();
        for (NodePodCidr c : cidrs) {
            if (!c.contains(ip)) {
                continue;
            }
            Cidr cidr = c.cidr();
            AddressState state = new AddressState(source(), c.node(), AddressState.State.FREE, null, null);
            if (ip.equals(cidr.network())) {
                state = new AddressState(
                        source(), c.node(), AddressState.State.NETWORK, null, "the network address of " + cidr);
            } else if (ip.equals(c.gateway())) {
                state = new AddressState(
                        source(),
                        c.node(),
                        AddressState.State.GATEWAY,
                        null,
                        "the gateway of " + cidr + " (antrea-gw0)");
            } else if (ip.isV4() && ip.equals(cidr.last())) {
                state = new AddressState(
                        source(), c.node(), AddressState.State.BROADCAST, null, "the broadcast address of " + cidr);
            }
            List<AddressHolder> holders = c.holders(pods.get().all()).stream()
                    .filter(h -> IpAddress.tryParse(h.ip()).map(ip::equals).orElse(false))
                    .toList();
            if (holders.isEmpty()) {
                out.add(state);
            }
            for (AddressHolder h : holders) {
                out.add(state.held(AddressState.State.ALLOCATED, h));
            }
        }
        return out;
    }

    /**
     * Node IPAM is the Pod network's default: it answers for every Pod-network address no source before it
     * claimed, naming the node whose podCIDR holds it (none when no podCIDR does).
     */
    @Override
    public Optional<PodAddressClaim> claimPodAddress(IpAddress ip) {
        return Optional.of(new PodAddressClaim(cidrs.stream()
                .filter(c -> c.contains(ip))
                .map(NodePodCidr::node)
                .findFirst()
                .orElse(null)));
    }
}
