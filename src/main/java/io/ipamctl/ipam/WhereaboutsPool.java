package io.ipamctl.ipam;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Whereabouts IPPool (whereabouts.cni.cncf.io/v1alpha1): one range, its allocations keyed by offset.
 *
 * @param range   spec.range as written
 * @param created metadata.creationTimestamp, or null when unknown
 */
public record WhereaboutsPool(
        String namespace,
        String name,
        String range,
        List<WhereaboutsAllocation> allocations,
        String resourceVersion,
        Instant created) {

    /** The one API version of Whereabouts' CRDs. */
    public static final String API_VERSION = "whereabouts.cni.cncf.io/v1alpha1";

    public WhereaboutsPool {
        allocations = List.copyOf(allocations);
    }

    /** A pool whose creation time is not known. */
    public WhereaboutsPool(
            String namespace,
            String name,
            String range,
            List<WhereaboutsAllocation> allocations,
            String resourceVersion) {
        this(namespace, name, range, allocations, resourceVersion, null);
    }

    public String qualifiedName() {
        return namespace + "/" + name;
    }

    /** "whereabouts pool kube-system/192.168.20.0-24". */
    public String label() {
        return "whereabouts pool " + qualifiedName();
    }

    /** The allocations whose key Whereabouts reads as an address. */
    public List<WhereaboutsAllocation> valid() {
        return allocations.stream().filter(a -> a.ip() != null).toList();
    }

    public Optional<WhereaboutsAllocation> allocationOf(IpAddress ip) {
        return valid().stream().filter(a -> IpAddress.parse(a.ip()).equals(ip)).findFirst();
    }

    /**
     * What Whereabouts hands out from this pool's range.
     *
     * @param networks the NetworkAttachmentDefinitions ("ns/name") whose configs use it
     * @param usable   the union of what they hand out (spec.range alone when none uses it)
     * @param gateway  the first of their gateways, or null
     */
    public record Handout(List<String> networks, IpRangeSet usable, String gateway) {}

    /** Requires a spec.range that is a CIDR. */
    public Handout handout(List<WhereaboutsNetwork> networks) {
        List<String> users = new ArrayList<>();
        IpRangeSet usable = IpRangeSet.empty();
        String gateway = null;
        for (WhereaboutsNetwork n : networks) {
            List<WhereaboutsRange> mine = n.rangesIn(name);
            if (mine.isEmpty()) {
                continue;
            }
            users.add(n.nad());
            for (WhereaboutsRange r : mine) {
                usable = usable.plus(r.usable());
            }
            if (gateway == null && n.gateway() != null) {
                gateway = n.gateway();
            }
        }
        if (users.isEmpty()) {
            usable = WhereaboutsRange.parse(range, null, null, List.of()).usable();
        }
        return new Handout(users, usable, gateway);
    }

    /**
     * TOTAL from the IPAM configs of the NetworkAttachmentDefinitions that use this pool (the union of their
     * usable addresses); without one, from spec.range alone. USED = allocations Whereabouts reads.
     */
    public SourceUsage usage(List<WhereaboutsNetwork> networks) {
        List<String> warnings = new ArrayList<>();
        String where = label();
        Optional<Cidr> cidr = Cidr.tryParse(range);
        if (cidr.isEmpty()) {
            warnings.add(where + ": spec.range \"" + range + "\" is not a CIDR; Whereabouts cannot use it");
            return new SourceUsage(
                    IpamSource.WHEREABOUTS,
                    name,
                    namespace,
                    label(),
                    API_VERSION,
                    List.of(String.valueOf(range)),
                    null,
                    null,
                    null,
                    null,
                    new Fill(BigInteger.ZERO, valid().size()),
                    List.of(),
                    warnings,
                    created);
        }
        Handout h = handout(networks);
        List<String> users = h.networks();
        IpRangeSet usable = h.usable();
        String gateway = h.gateway();
        if (users.isEmpty()) {
            warnings.add(where + ": no NetworkAttachmentDefinition uses this range; TOTAL counted from spec.range");
        }
        IpRangeSet handedOut = usable;
        IpAddress.tryParse(gateway)
                .filter(handedOut::contains)
                .ifPresent(g -> warnings.add(where + ": gateway " + g
                        + " lies in the usable range; Whereabouts hands it out unless it is excluded"));
        for (WhereaboutsAllocation a : allocations) {
            if (a.ip() == null) {
                warnings.add(where + ": allocation key \"" + a.offset()
                        + "\" is not an offset in the range; Whereabouts ignores it");
            } else if (!usable.contains(IpAddress.parse(a.ip()))) {
                warnings.add(where + ": allocated address " + a.ip() + " (offset " + a.offset() + ", " + a.podRef()
                        + ") is outside the usable range");
            }
        }
        List<String> rangeTexts = usable.isEmpty()
                ? List.of(cidr.get().toString())
                : usable.ranges().stream().map(IpRange::toString).toList();
        return new SourceUsage(
                IpamSource.WHEREABOUTS,
                name,
                namespace,
                label(),
                API_VERSION,
                rangeTexts,
                cidr.get().network() + "/" + cidr.get().prefixLength(),
                gateway,
                cidr.get().prefixLength(),
                null,
                new Fill(usable.size(), valid().size()),
                users,
                warnings,
                created);
    }
}
