package io.ipamctl.ipam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Whereabouts IPPools of a cluster (Multus secondary networks) with the IPAM configs of the
 * NetworkAttachmentDefinitions that use them: counted from those configs ({@link WhereaboutsPool#usage}),
 * allocations from spec.allocations, checked against the Pods and Multus' network-status.
 */
public final class WhereaboutsPools implements SourcePools {

    private final List<WhereaboutsPool> pools;
    private final List<WhereaboutsNetwork> networks;
    private final PodIndex pods;

    /** @param pods the Pods, when the run looks at them (owners' nodes, pool check), else {@link PodIndex#none()} */
    public WhereaboutsPools(List<WhereaboutsPool> pools, List<WhereaboutsNetwork> networks, PodIndex pods) {
        this.pools = List.copyOf(pools);
        this.networks = List.copyOf(networks);
        this.pods = pods;
    }

    @Override
    public IpamSource source() {
        return IpamSource.WHEREABOUTS;
    }

    @Override
    public List<SourceUsage> usages() {
        return pools.stream().map(p -> withOverlaps(p, p.usage(networks))).toList();
    }

    /**
     * Whereabouts never hands out an address another range of the same network_name holds: its
     * OverlappingRangeIPReservation (named after network_name and the address, in the pools' namespace) makes
     * the plugin skip it (checked against the real v0.9.2 plugin: a /28 over a /29 whose .1 is taken hands out
     * .2). FREE, counted from this pool's allocations, is then too high: say so and by how much.
     */
    private SourceUsage withOverlaps(WhereaboutsPool pool, SourceUsage usage) {
        if (Cidr.tryParse(pool.range()).isEmpty()) {
            return usage;
        }
        IpRangeSet usable = pool.handout(networks).usable();
        String scope = networkScope(pool);
        java.util.Set<IpAddress> own = new java.util.HashSet<>();
        pool.valid().forEach(a -> own.add(IpAddress.parse(a.ip())));
        List<String> warnings = new ArrayList<>(usage.warnings());
        for (WhereaboutsPool other : pools) {
            if (other == pool
                    || !other.namespace().equals(pool.namespace())
                    || !networkScope(other).equals(scope)) {
                continue;
            }
            long held = other.valid().stream()
                    .map(a -> IpAddress.parse(a.ip()))
                    .filter(ip -> usable.contains(ip) && !own.contains(ip))
                    .distinct()
                    .count();
            if (held > 0) {
                warnings.add(
                        pool.label() + ": " + held + (held == 1 ? " address" : " addresses") + " of its usable range "
                                + (held == 1 ? "is" : "are") + " held by overlapping " + other.label()
                                + "; Whereabouts will not hand "
                                + (held == 1 ? "it" : "them") + " out here, so FREE is " + held + " too high");
            }
        }
        if (warnings.size() == usage.warnings().size()) {
            return usage;
        }
        return new SourceUsage(
                usage.source(),
                usage.name(),
                usage.namespace(),
                usage.label(),
                usage.apiVersion(),
                usage.ranges(),
                usage.subnet(),
                usage.gateway(),
                usage.prefixLength(),
                usage.vlan(),
                usage.fill(),
                usage.networks(),
                warnings,
                usage.created());
    }

    /** The network_name of the NetworkAttachmentDefinitions using the pool ("" for none): reservations are scoped by it. */
    private String networkScope(WhereaboutsPool pool) {
        return networks.stream()
                .filter(n -> !n.rangesIn(pool.name()).isEmpty())
                .map(WhereaboutsNetwork::networkName)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse("");
    }

    @Override
    public List<String> poolNames() {
        return pools.stream().map(WhereaboutsPool::qualifiedName).toList();
    }

    @Override
    public List<AddressHolder> holders(SourceUsage row) {
        WhereaboutsPool p = pools.stream()
                .filter(w -> w.qualifiedName().equals(row.qualifiedName()))
                .findFirst()
                .orElseThrow();
        return p.valid().stream().map(a -> holder(p, a)).toList();
    }

    private AddressHolder holder(WhereaboutsPool p, WhereaboutsAllocation a) {
        return new AddressHolder(
                p.qualifiedName(), a.ip(), "Allocated", a.podRef(), "Pod", pods.nodeOf(a.podRef()), a.containerId());
    }

    /** The whole spec.range: a subnet another system hands addresses from is shared even outside range_start..range_end. */
    @Override
    public List<PoolBlock> blocks() {
        List<PoolBlock> out = new ArrayList<>();
        for (WhereaboutsPool p : pools) {
            Cidr.tryParse(p.range())
                    .ifPresent(c -> out.add(new PoolBlock(
                            source(),
                            p.qualifiedName(),
                            p.label() + " (range " + c.network() + "/" + c.prefixLength() + ")",
                            IpRangeSet.union(List.of(c.asRange())))));
        }
        return out;
    }

    /**
     * Network and last address of the range are never handed out (Whereabouts skips both, IPv6 too);
     * addresses of the range that no config hands out are EXCLUDED (exclude, or outside range_start..range_end).
     */
    @Override
    public List<AddressState> addressStates(IpAddress ip) {
        List<AddressState> out = new ArrayList<>();
        for (WhereaboutsPool p : pools) {
            Optional<Cidr> cidr = Cidr.tryParse(p.range()).map(c -> new Cidr(c.network(), c.prefixLength()));
            if (cidr.isEmpty() || !cidr.get().contains(ip)) {
                continue;
            }
            WhereaboutsPool.Handout h = p.handout(networks);
            String pool = p.qualifiedName();
            AddressState state;
            if (ip.equals(cidr.get().network())) {
                state = state(pool, AddressState.State.NETWORK, "the network address of " + cidr.get());
            } else if (ip.equals(cidr.get().last())) {
                state = state(
                        pool,
                        ip.isV4() ? AddressState.State.BROADCAST : AddressState.State.UNUSABLE,
                        "the last address of " + cidr.get() + ", which Whereabouts never hands out");
            } else if (!h.usable().contains(ip)) {
                state = state(
                        pool,
                        AddressState.State.EXCLUDED,
                        "not handed out by the IPAM config of "
                                + (h.networks().isEmpty()
                                        ? "any NetworkAttachmentDefinition"
                                        : String.join(", ", h.networks()))
                                + " (exclude, range_start or range_end)");
            } else {
                state = state(
                        pool,
                        AddressState.State.FREE,
                        IpAddress.tryParse(h.gateway()).map(ip::equals).orElse(false)
                                ? "the gateway, which Whereabouts hands out unless it is excluded"
                                : null);
            }
            Optional<WhereaboutsAllocation> a = p.allocationOf(ip);
            out.add(a.isEmpty() ? state : state.held(AddressState.State.ALLOCATED, holder(p, a.get())));
        }
        return out;
    }

    private AddressState state(String pool, AddressState.State state, String detail) {
        return new AddressState(source(), pool, state, null, detail);
    }

    /** Overlapping ranges are a Whereabouts feature: its OverlappingRangeIPReservations keep an address unique across them. */
    @Override
    public boolean sharesAddressesOnPurpose() {
        return true;
    }

    @Override
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        Map<IpAddress, List<Duplicates.Holder>> holders = new TreeMap<>();
        for (WhereaboutsPool p : pools) {
            for (WhereaboutsAllocation a : p.valid()) {
                if (!pods.exists(a.podRef())) {
                    problems.add(new Problem(
                            Problem.Kind.LEAKED,
                            source(),
                            p.qualifiedName(),
                            a.ip(),
                            a.podRef(),
                            "pod not found; release with: ipamctl pool release " + a.ip() + " --pool "
                                    + p.qualifiedName()));
                }
                holders.computeIfAbsent(IpAddress.parse(a.ip()), k -> new ArrayList<>())
                        .add(new Duplicates.Holder(p.qualifiedName(), a.podRef()));
            }
        }
        problems.addAll(Duplicates.allocatedTwice(source(), holders));
        for (PodFacts pod : pods.all()) {
            if (!pod.running()) {
                continue;
            }
            for (PodFacts.SecondaryNetwork net : pod.secondary()) {
                Optional<WhereaboutsNetwork> config = networks.stream()
                        .filter(n -> n.nad().equals(net.network()))
                        .findFirst();
                if (config.isEmpty()) {
                    continue; // not a Whereabouts network
                }
                for (String text : net.ips()) {
                    networkStatusRecorded(pod, net, config.get(), text).ifPresent(problems::add);
                }
            }
        }
        return problems;
    }

    private Optional<Problem> networkStatusRecorded(
            PodFacts pod, PodFacts.SecondaryNetwork net, WhereaboutsNetwork config, String text) {
        Optional<IpAddress> ip = IpAddress.tryParse(text);
        List<WhereaboutsPool> candidates =
                pools.stream().filter(p -> !config.rangesIn(p.name()).isEmpty()).toList();
        String where = net.iface() + " of " + net.network();
        if (ip.isEmpty()) {
            return Optional.of(
                    unrecorded(null, text, pod, where + " lists \"" + text + "\", which is not an IP address"));
        }
        for (WhereaboutsPool p : candidates) {
            Optional<WhereaboutsAllocation> a = p.allocationOf(ip.get());
            if (a.isPresent()) {
                return pod.key().equals(a.get().podRef())
                        ? Optional.empty()
                        : Optional.of(unrecorded(
                                p.qualifiedName(),
                                text,
                                pod,
                                where + ": Whereabouts records it for "
                                        + a.get().podRef()));
            }
        }
        String pool = candidates.isEmpty() ? null : candidates.get(0).qualifiedName();
        return Optional.of(unrecorded(
                pool,
                text,
                pod,
                where + ": no Whereabouts allocation" + (pool == null ? " (its IPPool does not exist)" : "")));
    }

    private Problem unrecorded(String pool, String ip, PodFacts pod, String detail) {
        return new Problem(Problem.Kind.NETWORK_STATUS_UNRECORDED, source(), pool, ip, pod.key(), detail);
    }
}
