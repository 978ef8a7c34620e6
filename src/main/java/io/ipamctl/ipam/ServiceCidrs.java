package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kubernetes ServiceCIDRs of a cluster and the IPAddress objects the API server's ClusterIP allocator
 * keeps (networking.k8s.io/v1, the allocator of Kubernetes 1.33+). One row per ServiceCIDR, counted as the
 * allocator counts ({@link ServiceCidrRange}); USED = the IPAddresses labelled managed-by ipallocator.k8s.io
 * inside it. ServiceCIDRs may overlap: an address in two of them counts in both rows (as the API server's
 * per-CIDR metrics do), and the rows say how many addresses all of them hold together. `pool check` speaks
 * the API server's repair loop (pkg/registry/core/service/ipallocator/controller/repairip.go).
 */
public final class ServiceCidrs implements SourcePools {

    /** A ServiceCIDR with its CIDRs read (those that parse) and the problems of the rest. */
    private record Counted(ServiceCidr cidr, List<ServiceCidrRange> ranges, List<String> unreadable) {

        BigInteger total() {
            return ranges.stream().map(ServiceCidrRange::size).reduce(BigInteger.ZERO, BigInteger::add);
        }

        /** Whether this ServiceCIDR's allocators count the address as used (inside one of them, in range). */
        boolean counts(IpAddress ip) {
            return ranges.stream().anyMatch(r -> r.hasAllocator() && r.inRange(ip));
        }

        IpRangeSet whole() {
            return IpRangeSet.union(ranges.stream().map(r -> r.cidr().asRange()).toList());
        }

        IpRangeSet usable() {
            return IpRangeSet.union(
                    ranges.stream().flatMap(r -> r.usable().stream()).toList());
        }
    }

    private final List<Counted> cidrs = new ArrayList<>();
    private final List<IpAddressObject> allocations;
    private final List<IpAddressObject> others;
    private final ServiceIndex services;

    /**
     * @param addresses every IPAddress (those of other allocators are held but not counted)
     * @param services  the Services, when the run checks them (pool check), else {@link ServiceIndex#none()}
     */
    public ServiceCidrs(List<ServiceCidr> cidrs, List<IpAddressObject> addresses, ServiceIndex services) {
        for (ServiceCidr c : cidrs) {
            List<ServiceCidrRange> ranges = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            for (String text : c.cidrs()) {
                Cidr.tryParse(text)
                        .ifPresentOrElse(x -> ranges.add(new ServiceCidrRange(x)), () -> unreadable.add(text));
            }
            this.cidrs.add(new Counted(c, ranges, unreadable));
        }
        this.allocations = addresses.stream().filter(IpAddressObject::clusterIp).toList();
        this.others = addresses.stream().filter(a -> !a.clusterIp()).toList();
        this.services = services;
    }

    @Override
    public IpamSource source() {
        return IpamSource.SERVICE_CIDR;
    }

    @Override
    public List<SourceUsage> usages() {
        return cidrs.stream().map(this::usage).toList();
    }

    private SourceUsage usage(Counted c) {
        String name = c.cidr().name();
        String label = ServiceCidr.label(name);
        List<String> warnings = new ArrayList<>();
        c.unreadable().forEach(t -> warnings.add(label + ": \"" + t + "\" is not a CIDR (left out)"));
        for (ServiceCidrRange r : c.ranges()) {
            if (!r.hasAllocator()) {
                warnings.add(label + ": " + r.cidr()
                        + " is shorter than /64: the API server gives it no allocator (\"shortest "
                        + "allowed prefix length for service CIDR is 64\"), so it holds no ClusterIPs");
            }
        }
        if (c.cidr().notReady() != null) {
            warnings.add(label + " takes no new ClusterIPs: " + c.cidr().notReady());
        }
        overlapNote(c).ifPresent(warnings::add);
        long used = allocations.stream()
                .filter(a -> IpAddress.tryParse(a.ip()).map(c::counts).orElse(false))
                .count();
        Integer prefix = c.ranges().size() == 1 ? c.ranges().get(0).cidr().prefixLength() : null;
        return new SourceUsage(
                source(),
                name,
                null,
                label,
                ServiceCidr.API_VERSION,
                c.cidr().cidrs(),
                String.join(",", c.cidr().cidrs()),
                null,
                prefix,
                null,
                new Fill(c.total(), used),
                null,
                warnings,
                c.cidr().created());
    }

    /**
     * For a ServiceCIDR that shares addresses with others: where, and what all ServiceCIDRs hold together
     * (the union: an address in two of them is one address).
     */
    private Optional<String> overlapNote(Counted c) {
        List<String> shared = new ArrayList<>();
        for (Counted other : cidrs) {
            if (other == c) {
                continue;
            }
            List<IpRange> common = new ArrayList<>();
            for (IpRange r : other.whole().ranges()) {
                common.addAll(c.whole().intersect(r).ranges());
            }
            if (!common.isEmpty()) {
                shared.add(ServiceCidr.label(other.cidr().name()) + " at " + IpRangeSet.union(common));
            }
        }
        if (shared.isEmpty()) {
            return Optional.empty();
        }
        IpRangeSet all = IpRangeSet.empty();
        for (Counted x : cidrs) {
            all = all.plus(x.usable());
        }
        IpRangeSet union = all;
        long usedOnce = allocations.stream()
                .map(a -> IpAddress.tryParse(a.ip()))
                .filter(ip -> ip.isPresent() && cidrs.stream().anyMatch(x -> x.counts(ip.get())))
                .map(Optional::get)
                .distinct()
                .count();
        return Optional.of(ServiceCidr.label(c.cidr().name()) + " shares addresses with " + String.join(", ", shared)
                + ": they count in both rows; all ServiceCIDRs together hold " + union.size() + " addresses, "
                + usedOnce
                + " in use");
    }

    @Override
    public List<String> poolNames() {
        return cidrs.stream().map(c -> c.cidr().name()).toList();
    }

    @Override
    public List<AddressHolder> holders(SourceUsage row) {
        Counted c = cidrs.stream()
                .filter(x -> x.cidr().name().equals(row.name()))
                .findFirst()
                .orElseThrow();
        List<AddressHolder> out = new ArrayList<>();
        for (IpAddressObject a : allocations) {
            if (IpAddress.tryParse(a.ip()).map(c::counts).orElse(false)) {
                out.add(holder(c.cidr().name(), a));
            }
        }
        return out;
    }

    private static AddressHolder holder(String pool, IpAddressObject a) {
        return new AddressHolder(
                pool, a.ip(), "Allocated", a.owner(), a.ofService() ? "Service" : a.parentResource(), null, null);
    }

    @Override
    public List<PoolBlock> blocks() {
        return cidrs.stream()
                .filter(c -> !c.ranges().isEmpty())
                .map(c -> new PoolBlock(
                        source(), c.cidr().name(), ServiceCidr.label(c.cidr().name()), c.whole()))
                .toList();
    }

    /** Overlapping ServiceCIDRs are allowed: the API server keeps one IPAddress per address across them. */
    @Override
    public boolean sharesAddressesOnPurpose() {
        return true;
    }

    @Override
    public List<AddressState> addressStates(IpAddress ip) {
        List<AddressState> out = new ArrayList<>();
        List<IpAddressObject> holders = new ArrayList<>(allocations);
        holders.addAll(others);
        holders.removeIf(a -> !IpAddress.tryParse(a.ip()).map(ip::equals).orElse(false));
        for (Counted c : cidrs) {
            for (ServiceCidrRange r : c.ranges()) {
                if (!r.cidr().contains(ip)) {
                    continue;
                }
                AddressState state = r.stateOf(ip, c.cidr().name());
                if (holders.isEmpty()) {
                    out.add(state);
                }
                holders.forEach(a -> out.add(
                        state.held(AddressState.State.ALLOCATED, holder(c.cidr().name(), a))));
            }
        }
        return out;
    }

    /**
     * What the API server's repair loop would report, in its own words (event reasons first in DETAIL):
     * Services whose ClusterIP has no IPAddress (ClusterIPNotAllocated), lies in no ServiceCIDR
     * (ClusterIPOutOfRange) or does not parse (ClusterIPNotValid), ClusterIPs of two Services
     * (ClusterIPAlreadyAllocated), and IPAddresses whose Service is gone or is not a Service
     * (IPAddressNotAllocated) or does not have that address (IPAddressWrongReference).
     */
    @Override
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        Map<IpAddress, IpAddressObject> byIp = new TreeMap<>();
        allocations.forEach(a -> IpAddress.tryParse(a.ip()).ifPresent(ip -> byIp.put(ip, a)));
        Map<IpAddress, List<ServiceFacts>> holders = new TreeMap<>();
        for (ServiceFacts s : services.all()) {
            for (String text : s.clusterIps()) {
                Optional<IpAddress> ip = IpAddress.tryParse(text);
                if (ip.isEmpty()) {
                    problems.add(problem(
                            Problem.Kind.OUT_OF_RANGE,
                            null,
                            text,
                            s.owner(),
                            "ClusterIPNotValid: \"" + text + "\" is not an IP address"));
                    continue;
                }
                holders.computeIfAbsent(ip.get(), k -> new ArrayList<>()).add(s);
                String pool = poolOf(ip.get());
                IpAddressObject record = byIp.get(ip.get());
                if (pool == null) {
                    problems.add(
                            problem(
                                    Problem.Kind.OUT_OF_RANGE,
                                    null,
                                    ip.get().toString(),
                                    s.owner(),
                                    "ClusterIPOutOfRange: "
                                            + "not within any ServiceCIDR; the API server cannot repair it: recreate the Service"));
                } else if (record == null) {
                    problems.add(problem(
                            Problem.Kind.UNRECORDED,
                            pool,
                            ip.get().toString(),
                            s.owner(),
                            "ClusterIPNotAllocated: " + "no IPAddress " + ip.get()
                                    + " for it; the API server's repair loop creates one"));
                } else if (!record.ofService()
                        || services.get(record.parentNamespace(), record.parentName())
                                .isEmpty()) {
                    // a record of another live Service is ClusterIPAlreadyAllocated (below) or that record's own
                    // problem
                    problems.add(problem(
                            Problem.Kind.UNRECORDED,
                            pool,
                            ip.get().toString(),
                            s.owner(),
                            "ClusterIPNotAllocated: " + "its IPAddress names " + record.owner()
                                    + "; the API server's repair loop recreates it"));
                }
            }
        }
        holders.forEach((ip, list) -> {
            if (list.size() > 1) {
                problems.add(problem(
                        Problem.Kind.DUPLICATE,
                        poolOf(ip),
                        ip.toString(),
                        String.join(", ", list.stream().map(ServiceFacts::owner).toList()),
                        "ClusterIPAlreadyAllocated: " + list.size()
                                + " Services have this ClusterIP; recreate all but one"));
            }
        });
        byIp.forEach((ip, a) -> leak(ip, a).ifPresent(problems::add));
        return problems;
    }

    private Optional<Problem> leak(IpAddress ip, IpAddressObject a) {
        String pool = poolOf(ip);
        if (!a.ofService()) {
            return Optional.of(problem(
                    Problem.Kind.LEAKED,
                    pool,
                    ip.toString(),
                    a.owner(),
                    "IPAddressNotAllocated: it does not "
                            + "reference a Service; the API server's repair loop deletes it"));
        }
        Optional<ServiceFacts> parent = services.get(a.parentNamespace(), a.parentName());
        if (parent.isEmpty()) {
            return Optional.of(problem(
                    Problem.Kind.LEAKED,
                    pool,
                    ip.toString(),
                    a.owner(),
                    "IPAddressNotAllocated: service " + a.parentNamespace() + "/" + a.parentName()
                            + " not found; the API server's repair loop deletes it"));
        }
        boolean listed = parent.get().clusterIps().stream()
                .anyMatch(t -> IpAddress.tryParse(t).map(ip::equals).orElse(false));
        if (!listed) {
            return Optional.of(problem(
                    Problem.Kind.LEAKED,
                    pool,
                    ip.toString(),
                    a.owner(),
                    "IPAddressWrongReference: the service's "
                            + "ClusterIPs are "
                            + (parent.get().clusterIps().isEmpty()
                                    ? "none"
                                    : String.join(", ", parent.get().clusterIps()))
                            + "; the API server's repair loop deletes it"));
        }
        return Optional.empty();
    }

    /** The first ServiceCIDR (in listing order) the address is in range of, or null. */
    private String poolOf(IpAddress ip) {
        return cidrs.stream()
                .filter(c -> c.ranges().stream().anyMatch(r -> r.inRange(ip)))
                .map(c -> c.cidr().name())
                .findFirst()
                .orElse(null);
    }

    private Problem problem(Problem.Kind kind, String pool, String ip, String owner, String detail) {
        return new Problem(kind, source(), pool, ip, owner, detail);
    }
}
