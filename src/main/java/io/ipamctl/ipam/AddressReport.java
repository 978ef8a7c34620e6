package io.ipamctl.ipam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * `ipamctl ip`: everything the cluster's sources say about one address, and whether it is held twice.
 *
 * @param states    one per pool of every source whose addresses include it (one per holder when held), in
 *                  source order; empty when it lies outside every pool
 * @param unpooled  running Pods that have it while no pool includes it (status.podIPs or a Multus network-status
 *                  address), else empty
 * @param conflicts what makes it held twice (empty when it is not)
 */
public record AddressReport(
        IpAddress ip, List<AddressState> states, List<AddressHolder> unpooled, List<Conflict> conflicts) {

    public AddressReport {
        states = List.copyOf(states);
        unpooled = List.copyOf(unpooled);
        conflicts = List.copyOf(conflicts);
    }

    /**
     * Why an address counts as held twice.
     *
     * @param holders "Pod default/a (antrea pool-ap)", one per holder involved
     */
    public record Conflict(Kind kind, String detail, List<String> holders) {

        public enum Kind {
            /** Two different owners hold it (a Pod and an Egress, two Pods, ...). */
            TWO_OWNERS("two-owners"),
            /** Pools of two sources record it as handed out (even to one owner: both may hand it out again). */
            TWO_SOURCES("two-sources");

            private final String text;

            Kind(String text) {
                this.text = text;
            }

            @Override
            public String toString() {
                return text;
            }
        }
    }

    /**
     * @param sharing sources whose pools share addresses on purpose ({@link SourcePools#sharesAddressesOnPurpose()}):
     *                the same address held in two of their pools (Whereabouts networks kept apart) is no conflict
     * @param pods    the cluster's Pods, for the holders of an address no pool includes
     */
    public static AddressReport of(
            IpAddress ip, List<AddressState> states, Set<IpamSource> sharing, List<PodFacts> pods) {
        List<AddressHolder> unpooled = states.isEmpty() ? podsHolding(ip, pods) : List.of();
        List<Conflict> conflicts = new ArrayList<>();
        List<Held> held = new ArrayList<>();
        for (AddressState s : states) {
            if (s.holder() != null) {
                held.add(new Held(s.source(), s.pool(), s.holder()));
            }
        }
        unpooled.forEach(h -> held.add(new Held(null, null, h)));
        twoOwners(held, sharing).ifPresent(conflicts::add);
        List<Held> pooled = held.stream().filter(h -> h.source != null).toList();
        List<String> sources = distinct(pooled, h -> h.source.toString()).stream()
                .map(h -> h.source.toString())
                .toList();
        if (sources.size() >= 2) {
            conflicts.add(new Conflict(
                    Conflict.Kind.TWO_SOURCES,
                    "recorded as handed out by " + String.join(" and ", sources) + ", whose pools overlap",
                    pooled.stream().map(Held::text).toList()));
        }
        return new AddressReport(ip, states, unpooled, conflicts);
    }

    /** Distinct owners (kind and name); an allocation without an owner counts as an owner of its own. */
    private static Optional<Conflict> twoOwners(List<Held> held, Set<IpamSource> sharing) {
        Map<String, Held> owners = new LinkedHashMap<>();
        for (Held h : held) {
            owners.putIfAbsent(h.ownerKey(), h);
        }
        if (owners.size() < 2) {
            return Optional.empty();
        }
        List<Held> distinctOwners = List.copyOf(owners.values());
        boolean keptApart = distinctOwners.stream().allMatch(h -> h.source != null && sharing.contains(h.source))
                && distinct(distinctOwners, h -> h.source + "/" + h.pool).size() == distinctOwners.size()
                && distinct(distinctOwners, h -> String.valueOf(h.source)).size() == 1;
        if (keptApart) {
            return Optional.empty();
        }
        return Optional.of(new Conflict(
                Conflict.Kind.TWO_OWNERS,
                distinctOwners.size() + " owners hold it",
                held.stream().map(Held::text).toList()));
    }

    private static List<Held> distinct(List<Held> held, Function<Held, String> key) {
        Map<String, Held> out = new LinkedHashMap<>();
        held.forEach(h -> out.putIfAbsent(key.apply(h), h));
        return List.copyOf(out.values());
    }

    /** Running Pods with the address on their Pod network or on a Multus secondary network. */
    private static List<AddressHolder> podsHolding(IpAddress ip, List<PodFacts> pods) {
        List<AddressHolder> out = new ArrayList<>();
        for (PodFacts p : pods) {
            if (!p.running()) {
                continue;
            }
            boolean primary = !p.hostNetwork() && p.ips().stream().anyMatch(t -> same(ip, t));
            boolean secondary =
                    p.secondary().stream().anyMatch(n -> n.ips().stream().anyMatch(t -> same(ip, t)));
            if (primary || secondary) {
                out.add(new AddressHolder(null, ip.toString(), p.phase(), p.key(), "Pod", p.node(), null));
            }
        }
        return out;
    }

    private static boolean same(IpAddress ip, String text) {
        return IpAddress.tryParse(text).map(ip::equals).orElse(false);
    }

    /**
     * kubectl's TYPE/NAME: "pod/default/web-0", "egress/egress-web", "service/ns-ap/web-lb" (owners that already
     * carry their kind keep it), "(no owner)" for an allocation that records none.
     */
    public static String ownerText(AddressHolder h) {
        if (h.owner() == null) {
            return "(no owner)";
        }
        String prefix = h.ownerKind() == null ? "" : h.ownerKind().toLowerCase(java.util.Locale.ROOT) + "/";
        return h.owner().startsWith(prefix) ? h.owner() : prefix + h.owner();
    }

    /** Whether no pool of any source read includes the address. */
    public boolean outsideEveryPool() {
        return states.isEmpty();
    }

    /** One holder as conflicts name it; source null for a Pod holding an address of no pool. */
    private record Held(IpamSource source, String pool, AddressHolder holder) {

        String ownerKey() {
            return holder.owner() == null ? "no owner in " + source + "/" + pool : ownerText(holder);
        }

        String text() {
            return ownerText(holder) + (source == null ? " (no pool)" : " (" + source + " " + pool + ")");
        }
    }
}
