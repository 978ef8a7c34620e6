package io.ipamctl.ipam;

import io.ipamctl.DnsNames;
import io.ipamctl.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a pool before it is sent: first every rule of Antrea's IPPool webhook, in the webhook's
 * order and with its wording, so that a pool accepted here is never refused by the server; then the
 * rules Antrea leaves to the admin (name, VLAN, families, gateway inside a range, overlap with other pools).
 * Every problem is one line.
 */
public final class PoolValidator {

    private PoolValidator() {}

    /** Problems with the pool on its own and against the existing pools (the pool itself excluded by name). */
    public static List<String> validate(PoolDefinition pool, List<PoolDefinition> existing) {
        List<String> problems = new ArrayList<>(validateName(pool.name()));
        List<String> webhook = webhookProblems(pool);
        problems.addAll(webhook);
        if (pool.vlan() < 0 || pool.vlan() > 4094) {
            problems.add("invalid vlan " + pool.vlan() + ": a VLAN ID must be 0..4094 (0 = untagged)");
        }
        if (!webhook.isEmpty()) {
            return problems;
        }
        IpAddress gateway = IpAddress.parse(pool.gateway());
        for (PoolRangeSpec r : pool.ranges()) {
            if (r.isCidr()) {
                hostBits(r.cidr()).ifPresent(problems::add);
            } else {
                IpRange span = new IpRange(IpAddress.parse(r.start()), IpAddress.parse(r.end()));
                if (span.contains(gateway)) {
                    problems.add("gateway " + gateway + " lies inside range [" + r.text()
                            + "]: Antrea would hand it out to a Pod; shrink the range or use a CIDR range");
                }
            }
        }
        for (PoolDefinition other : existing) {
            if (other.name().equals(pool.name())) {
                continue;
            }
            overlapWith(pool, other).ifPresent(problems::add);
        }
        return problems;
    }

    /**
     * A CIDR with host bits set (10.5.0.7/24) is refused: Antrea parses it with Go's net.ParseCIDR, which
     * keeps only the network, so the pool would silently hold 10.5.0.0/24, not what was probably meant
     * (the addresses from .7 on, or a typo for 10.5.7.0/24). Nothing is sent until the text says what is used.
     */
    static Optional<String> hostBits(String text) {
        Optional<Cidr> cidr = Cidr.tryParse(text);
        if (cidr.isEmpty() || cidr.get().address().equals(cidr.get().network())) {
            return Optional.empty();
        }
        Cidr c = cidr.get();
        Cidr network = new Cidr(c.network(), c.prefixLength());
        return Optional.of("cidr " + printable(text) + " has host bits set: Antrea would use it as " + network
                + "; write " + network + ", or a start-end range " + c.address() + "-" + c.last()
                + " for the addresses from " + c.address());
    }

    public static List<String> validateName(String name) {
        if (name == null || name.isEmpty()) {
            return List.of("a pool name is required");
        }
        if (!DnsNames.isSubdomain(name)) {
            return List.of(
                    "invalid pool name \"" + printable(name) + "\": must be a DNS-1123 subdomain "
                            + "(lower case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)");
        }
        return List.of();
    }

    /** The webhook's rules (antrea pkg/controller/validation/ippool.go), first failure per range. */
    static List<String> webhookProblems(PoolDefinition pool) {
        List<String> problems = new ArrayList<>();
        if (pool.ranges().isEmpty()) {
            problems.add("a pool needs at least one range (a CIDR, or a start and an end address)");
        }
        Optional<IpAddress> gateway = IpAddress.tryParse(pool.gateway());
        if (gateway.isEmpty()) {
            problems.add("invalid gateway address " + printable(String.valueOf(pool.gateway())));
            return problems;
        }
        int maxPrefix = gateway.get().isV4() ? 31 : 127;
        if (pool.prefixLength() < 1 || pool.prefixLength() > maxPrefix) {
            problems.add("invalid prefixLength " + pool.prefixLength() + ": must be 1.." + maxPrefix + " for an "
                    + gateway.get().family() + " gateway");
            return problems;
        }
        Cidr subnet = new Cidr(gateway.get(), pool.prefixLength());
        // Antrea's webhook prints the subnet as gateway/prefixLength ("10.0.0.254/24"), which reads like an
        // address; ipamctl names the subnet itself (10.0.0.0/24), as pool list shows it.
        String subnetText = new Cidr(subnet.network(), pool.prefixLength()).toString();
        List<IpRange> accepted = new ArrayList<>();
        List<PoolRangeSpec> acceptedSpecs = new ArrayList<>();
        for (PoolRangeSpec r : pool.ranges()) {
            Optional<IpRange> span = rangeProblem(r, subnet, subnetText, problems);
            if (span.isEmpty()) {
                continue;
            }
            for (int i = 0; i < accepted.size(); i++) {
                if (accepted.get(i).overlaps(span.get())) {
                    problems.add("range [" + r.text() + "] overlaps with range ["
                            + acceptedSpecs.get(i).text() + "]");
                }
            }
            accepted.add(span.get());
            acceptedSpecs.add(r);
        }
        return problems;
    }

    private static Optional<IpRange> rangeProblem(
            PoolRangeSpec r, Cidr subnet, String subnetText, List<String> problems) {
        IpRange span;
        if (r.isCidr()) {
            Optional<Cidr> cidr = Cidr.tryParse(r.cidr());
            if (cidr.isEmpty()) {
                problems.add("invalid cidr " + printable(r.cidr()));
                return Optional.empty();
            }
            span = cidr.get().asRange();
        } else {
            Optional<IpAddress> start = IpAddress.tryParse(r.start());
            Optional<IpAddress> end = IpAddress.tryParse(r.end());
            if (start.isEmpty()) {
                problems.add("invalid start ip address " + printable(String.valueOf(r.start())));
                return Optional.empty();
            }
            if (end.isEmpty()) {
                problems.add("invalid end ip address " + printable(String.valueOf(r.end())));
                return Optional.empty();
            }
            if (start.get().family() != end.get().family()) {
                problems.add(
                        "range start " + r.start() + " and range end " + r.end() + " should belong to same family");
                return Optional.empty();
            }
            if (start.get().compareTo(end.get()) > 0) {
                problems.add("range start " + r.start() + " should not be greater than range end " + r.end());
                return Optional.empty();
            }
            span = new IpRange(start.get(), end.get());
        }
        if (span.family() != subnet.family() || !subnet.asRange().contains(span)) {
            problems.add("range [" + r.text() + "] must be a strict subset of the subnet " + subnetText);
            return Optional.empty();
        }
        return Optional.of(span);
    }

    /** One line naming the other pool and the shared addresses, when the two pools overlap. */
    public static Optional<String> overlapWith(PoolDefinition pool, PoolDefinition other) {
        return sharedAddresses(pool, other).map(shared -> shared + ": pools must not share addresses");
    }

    /** "pool A overlaps with pool B at X-Y, ..." when the two pools share addresses. */
    public static Optional<String> sharedAddresses(PoolDefinition pool, PoolDefinition other) {
        List<String> shared = new ArrayList<>();
        for (IpRange a : pool.spans()) {
            for (IpRange b : other.spans()) {
                a.intersection(b).ifPresent(x -> shared.add(x.toString()));
            }
        }
        if (shared.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("pool " + printable(pool.name()) + " overlaps with pool " + printable(other.name()) + " at "
                + String.join(", ", shared));
    }

    private static String printable(String s) {
        return SafeText.printable(s);
    }
}
