package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Antrea's ExternalIPPools and what takes addresses from them: Egresses (spec.egressIP of an Egress with
 * spec.externalIPPool) and LoadBalancer Services (status.loadBalancer.ingress[0].ip of a Service with
 * service.antrea.io/external-ip-pool). Counted as Antrea's ExternalIPPool controller counts
 * ({@link PoolCapacity#ofExternalIpPool}): no gateway reserved, the broadcast address of every IPv4 CIDR
 * reserved, 65,536 addresses at most per range; USED is the number of distinct addresses held inside the
 * pool (a LoadBalancer address shared by Services counts once), cross-checked with status.usage.
 */
public final class ExternalIpPools implements SourcePools {

    /** A pool and its allocator, or why its ranges cannot be read. */
    private record Counted(ExternalIpPool pool, PoolCapacity capacity, String invalid) {}

    private final List<Counted> pools = new ArrayList<>();
    private final List<ExternalIpUser> users;

    /**
     * @param egresses the Egresses (static ones, without spec.externalIPPool, are no pool's and are left out)
     * @param services the Services (those of type LoadBalancer with the pool annotation take addresses)
     */
    public ExternalIpPools(List<ExternalIpPool> pools, List<ExternalIpUser> egresses, ServiceIndex services) {
        for (ExternalIpPool p : pools) {
            try {
                this.pools.add(new Counted(p, PoolCapacity.ofExternalIpPool(p.ranges()), null));
            } catch (IllegalArgumentException e) {
                this.pools.add(new Counted(p, null, e.getMessage()));
            }
        }
        List<ExternalIpUser> all = new ArrayList<>();
        egresses.stream().filter(e -> e.pool() != null && !e.pool().isEmpty()).forEach(all::add);
        services.all().forEach(s -> ExternalIpUser.of(s).ifPresent(all::add));
        this.users = List.copyOf(all);
    }

    @Override
    public IpamSource source() {
        return IpamSource.EXTERNAL_IP;
    }

    @Override
    public List<SourceUsage> usages() {
        return pools.stream().map(this::usage).toList();
    }

    private SourceUsage usage(Counted c) {
        ExternalIpPool p = c.pool();
        String label = ExternalIpPool.label(p.name());
        List<String> warnings = new ArrayList<>();
        BigInteger total = BigInteger.ZERO;
        long used = 0;
        if (c.capacity() == null) {
            warnings.add(label + ": " + c.invalid() + "; its TOTAL is shown as 0");
        } else {
            total = c.capacity().total();
            used = held(c).keySet().size();
            for (String r : c.capacity().rangesCountedBelowZero()) {
                warnings.add(label + ": range " + r + " holds no address; Antrea counts it as -1 in status.usage.total "
                        + "(antrea#7149), ipamctl as 0");
            }
            for (String r : c.capacity().cappedRanges()) {
                warnings.add(
                        label + ": range " + r + " is larger than Antrea's 65,536 addresses per range; the addresses "
                                + "past them are never handed out");
            }
            if (p.reportedTotal() != null
                    && !BigInteger.valueOf(p.reportedTotal())
                            .equals(c.capacity().antreaTotal())) {
                warnings.add(label + ": status.usage.total is " + p.reportedTotal() + " but Antrea counts "
                        + c.capacity().antreaTotal() + " for its ranges");
            }
            if (p.reportedUsed() != null && p.reportedUsed() != used) {
                warnings.add(label + ": status.usage.used is " + p.reportedUsed() + " but Egresses and Services hold "
                        + used + " of its addresses");
            }
        }
        String subnet =
                p.gateway() == null ? null : p.gateway() + (p.prefixLength() == null ? "" : "/" + p.prefixLength());
        return new SourceUsage(
                source(),
                p.name(),
                null,
                label,
                ExternalIpPool.API_VERSION,
                p.ranges().stream().map(PoolRangeSpec::text).toList(),
                subnet,
                p.gateway(),
                p.prefixLength(),
                p.vlan(),
                new Fill(total, used),
                null,
                warnings,
                p.created());
    }

    /** The pool's addresses that its users hold (inside the pool, as Antrea's allocator has them), each with its holders. */
    private Map<IpAddress, List<ExternalIpUser>> held(Counted c) {
        Map<IpAddress, List<ExternalIpUser>> out = new TreeMap<>();
        if (c.capacity() == null) {
            return out;
        }
        for (ExternalIpUser u : users) {
            if (u.pool().equals(c.pool().name())) {
                IpAddress.tryParse(u.ip())
                        .filter(c.capacity()::isAllocatable)
                        .ifPresent(ip ->
                                out.computeIfAbsent(ip, k -> new ArrayList<>()).add(u));
            }
        }
        return out;
    }

    @Override
    public List<String> poolNames() {
        return pools.stream().map(c -> c.pool().name()).toList();
    }

    @Override
    public List<AddressHolder> holders(SourceUsage row) {
        Counted c = pools.stream()
                .filter(x -> x.pool().name().equals(row.name()))
                .findFirst()
                .orElseThrow();
        List<AddressHolder> out = new ArrayList<>();
        held(c).forEach((ip, list) -> list.forEach(u -> out.add(holder(c.pool().name(), ip, u))));
        return out;
    }

    private static AddressHolder holder(String pool, IpAddress ip, ExternalIpUser u) {
        return new AddressHolder(
                pool, ip.toString(), "Allocated", u.owner(), u.kind().toString(), u.node(), null);
    }

    /** The addresses each pool's ranges name (a CIDR whole), as Antrea's webhook compares them. */
    @Override
    public List<PoolBlock> blocks() {
        List<PoolBlock> out = new ArrayList<>();
        for (Counted c : pools) {
            List<IpRange> spans = c.pool().ranges().stream()
                    .flatMap(r -> r.addresses().stream())
                    .toList();
            if (!spans.isEmpty()) {
                out.add(new PoolBlock(
                        source(), c.pool().name(), ExternalIpPool.label(c.pool().name()), IpRangeSet.union(spans)));
            }
        }
        return out;
    }

    @Override
    public List<AddressState> addressStates(IpAddress ip) {
        List<AddressState> out = new ArrayList<>();
        for (Counted c : pools) {
            if (c.capacity() == null) {
                continue;
            }
            c.capacity().stateOf(ip, source(), c.pool().name()).ifPresent(state -> {
                List<ExternalIpUser> holders = users.stream()
                        .filter(u -> u.pool().equals(c.pool().name())
                                && IpAddress.tryParse(u.ip()).map(ip::equals).orElse(false))
                        .toList();
                if (holders.isEmpty()) {
                    out.add(state);
                }
                holders.forEach(u -> out.add(
                        state.held(AddressState.State.ALLOCATED, holder(c.pool().name(), ip, u))));
            });
        }
        return out;
    }

    /**
     * Addresses outside the pool their holder names, one address held by two holders (Services that all
     * allow sharing excepted), and Egresses or Services naming a pool that does not exist. Overlaps (with
     * each other and with the pools of other sources: Antrea's webhook compares ExternalIPPools only among
     * themselves) are found across sources.
     */
    @Override
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        Map<String, Counted> byName = new LinkedHashMap<>();
        pools.forEach(c -> byName.put(c.pool().name(), c));
        Map<IpAddress, List<ExternalIpUser>> byIp = new TreeMap<>();
        for (ExternalIpUser u : users) {
            Counted pool = byName.get(u.pool());
            Optional<IpAddress> ip = IpAddress.tryParse(u.ip());
            ip.ifPresent(a -> byIp.computeIfAbsent(a, k -> new ArrayList<>()).add(u));
            if (pool == null) {
                problems.add(new Problem(
                        Problem.Kind.DANGLING_REFERENCE,
                        source(),
                        u.pool(),
                        u.ip(),
                        u.owner(),
                        "the "
                                + u.kind() + " names ExternalIPPool " + u.pool() + ", which does not exist: "
                                + (u.ip() == null
                                        ? "it gets no address"
                                        : "it still holds " + u.ip()
                                                + ", which Antrea releases when the pool is deleted")));
            } else if (u.ip() != null && ip.isEmpty()) {
                problems.add(new Problem(
                        Problem.Kind.OUT_OF_RANGE,
                        source(),
                        u.pool(),
                        u.ip(),
                        u.owner(),
                        "\"" + u.ip() + "\" is not an IP address"));
            } else if (ip.isPresent()
                    && pool.capacity() != null
                    && !pool.capacity().isAllocatable(ip.get())) {
                problems.add(new Problem(
                        Problem.Kind.OUT_OF_RANGE, source(), u.pool(), u.ip(), u.owner(), outside(pool, ip.get())));
            }
        }
        byIp.forEach((ip, list) -> heldTwice(ip, list).ifPresent(problems::add));
        return problems;
    }

    /** Only Services may share an address, and only when every one of them allows it. */
    private Optional<Problem> heldTwice(IpAddress ip, List<ExternalIpUser> holders) {
        boolean services = holders.stream().allMatch(u -> u.kind() == ExternalIpUser.Kind.SERVICE);
        if (holders.size() < 2 || services && holders.stream().allMatch(ExternalIpUser::sharing)) {
            return Optional.empty();
        }
        String why = services
                ? "Services share a LoadBalancer address only when every one of them has "
                        + "service.antrea.io/allow-shared-load-balancer-ip: \"true\""
                : "Antrea gives an address of a pool to one Egress or Service only";
        return Optional.of(new Problem(
                Problem.Kind.DUPLICATE,
                source(),
                String.join(
                        ", ",
                        holders.stream().map(ExternalIpUser::pool).distinct().toList()),
                ip.toString(),
                String.join(", ", holders.stream().map(ExternalIpUser::owner).toList()),
                "held by " + holders.size() + " owners; " + why));
    }

    private String outside(Counted pool, IpAddress ip) {
        String label = ExternalIpPool.label(pool.pool().name());
        return pool.capacity()
                .stateOf(ip, source(), pool.pool().name())
                .map(s -> (s.detail() == null ? "reserved" : s.detail()) + " (" + label + ")")
                .orElse("outside the ranges of " + label + " ("
                        + String.join(
                                ",",
                                pool.pool().ranges().stream()
                                        .map(PoolRangeSpec::text)
                                        .toList()) + ")");
    }
}
