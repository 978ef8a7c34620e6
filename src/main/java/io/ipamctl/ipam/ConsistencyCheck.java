package io.ipamctl.ipam;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * `pool check`: compares what each IPAM source records with the Pods that exist. Reads only; each
 * finding names source, pool, address and owner.
 */
public final class ConsistencyCheck {

    /** An Antrea IPPool as the check sees it. */
    public record AntreaPool(PoolDefinition definition, List<Allocation> allocations) {
    }

    /** Everything the check compares. */
    public record Inputs(Set<IpamSource> sources, List<AntreaPool> antrea, List<WhereaboutsPool> whereabouts,
                         List<WhereaboutsNetwork> networks, List<PodFacts> pods) {
    }

    /** One holder of an address, for the duplicate test. */
    private record Holder(String pool, String owner) {
    }

    private final Inputs in;
    private final Map<String, PodFacts> pods = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    private ConsistencyCheck(Inputs in) {
        this.in = in;
        in.pods().forEach(p -> pods.put(p.key(), p));
    }

    public static List<Problem> run(Inputs in) {
        ConsistencyCheck c = new ConsistencyCheck(in);
        if (in.sources().contains(IpamSource.ANTREA)) {
            c.antrea();
        }
        if (in.sources().contains(IpamSource.WHEREABOUTS)) {
            c.whereabouts();
        }
        c.podsSharingAnAddress();
        c.problems.sort(Comparator.comparing(Problem::kind).thenComparing(Problem::source)
                .thenComparing(p -> String.valueOf(p.pool()))
                .thenComparing(p -> IpAddress.tryParse(p.ip()).orElse(null), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(p -> String.valueOf(p.owner())));
        return List.copyOf(c.problems);
    }

    private void add(Problem.Kind kind, IpamSource source, String pool, String ip, String owner, String detail) {
        problems.add(new Problem(kind, source, pool, ip, owner, detail));
    }

    private void antrea() {
        Map<IpAddress, List<Holder>> holders = new TreeMap<>();
        for (AntreaPool p : in.antrea()) {
            String pool = p.definition().name();
            for (Allocation a : p.allocations()) {
                if (a.podOwner() != null && !pods.containsKey(a.podOwner())) {
                    add(Problem.Kind.LEAKED, IpamSource.ANTREA, pool, a.ip(), a.podOwner(),
                            "pod not found; release with: ipamctl pool release " + a.ip() + " --pool " + pool);
                }
                IpAddress.tryParse(a.ip()).ifPresent(ip -> holders.computeIfAbsent(ip, k -> new ArrayList<>())
                        .add(new Holder(pool, a.ownerText())));
            }
        }
        duplicates(IpamSource.ANTREA, holders);
        for (PodFacts pod : in.pods()) {
            if (!pod.holdsPodNetworkIps()) {
                continue;
            }
            for (String text : pod.ips()) {
                Optional<IpAddress> ip = IpAddress.tryParse(text);
                Optional<AntreaPool> pool = ip.flatMap(this::antreaPoolOf);
                if (pool.isEmpty()) {
                    continue;
                }
                Optional<Allocation> entry = pool.get().allocations().stream()
                        .filter(a -> IpAddress.tryParse(a.ip()).equals(ip)).findFirst();
                if (entry.isEmpty()) {
                    add(Problem.Kind.UNRECORDED, IpamSource.ANTREA, pool.get().definition().name(), text, pod.key(),
                            "the pool's status.ipAddresses has no entry for it");
                } else if (!pod.key().equals(entry.get().podOwner())) {
                    add(Problem.Kind.UNRECORDED, IpamSource.ANTREA, pool.get().definition().name(), text, pod.key(),
                            "the pool records it for " + entry.get().ownerText());
                }
            }
            pinnedIpsMismatch(pod);
        }
    }

    private Optional<AntreaPool> antreaPoolOf(IpAddress ip) {
        return in.antrea().stream().filter(p -> covers(p.definition(), ip)).findFirst();
    }

    private static boolean covers(PoolDefinition def, IpAddress ip) {
        try {
            return PoolCapacity.of(def).covers(ip);
        } catch (IllegalArgumentException e) {
            return false; // an invalid pool is reported by pool usage
        }
    }

    private void pinnedIpsMismatch(PodFacts pod) {
        List<IpAddress> actual = pod.ips().stream().flatMap(t -> IpAddress.tryParse(t).stream()).toList();
        for (String wanted : pod.pinnedIps()) {
            Optional<IpAddress> w = IpAddress.tryParse(wanted);
            Optional<IpAddress> got = w.flatMap(x -> actual.stream().filter(a -> a.family() == x.family()).findFirst());
            if (w.isEmpty()) {
                add(Problem.Kind.POD_IPS_MISMATCH, IpamSource.ANTREA, null, null, pod.key(),
                        "ipam.antrea.io/pod-ips has \"" + wanted + "\", which is not an IP address");
            } else if (got.isPresent() && !got.get().equals(w.get())) {
                add(Problem.Kind.POD_IPS_MISMATCH, IpamSource.ANTREA, antreaPoolOf(w.get()).map(p -> p.definition().name())
                        .orElse(null), got.get().toString(), pod.key(),
                        "ipam.antrea.io/pod-ips asks for " + w.get() + " but the pod has " + got.get());
            }
        }
    }

    private void whereabouts() {
        Map<IpAddress, List<Holder>> holders = new TreeMap<>();
        for (WhereaboutsPool p : in.whereabouts()) {
            for (WhereaboutsAllocation a : p.valid()) {
                if (!pods.containsKey(a.podRef())) {
                    add(Problem.Kind.LEAKED, IpamSource.WHEREABOUTS, p.qualifiedName(), a.ip(), a.podRef(),
                            "pod not found; release with: ipamctl pool release " + a.ip() + " --pool " + p.qualifiedName());
                }
                holders.computeIfAbsent(IpAddress.parse(a.ip()), k -> new ArrayList<>())
                        .add(new Holder(p.qualifiedName(), a.podRef()));
            }
        }
        duplicates(IpamSource.WHEREABOUTS, holders);
        for (PodFacts pod : in.pods()) {
            if (!pod.running()) {
                continue;
            }
            for (PodFacts.SecondaryNetwork net : pod.secondary()) {
                Optional<WhereaboutsNetwork> config = in.networks().stream()
                        .filter(n -> n.nad().equals(net.network())).findFirst();
                if (config.isEmpty()) {
                    continue; // not a Whereabouts network
                }
                for (String text : net.ips()) {
                    networkStatusRecorded(pod, net, config.get(), text);
                }
            }
        }
    }

    private void networkStatusRecorded(PodFacts pod, PodFacts.SecondaryNetwork net, WhereaboutsNetwork config, String text) {
        Optional<IpAddress> ip = IpAddress.tryParse(text);
        List<WhereaboutsPool> candidates = in.whereabouts().stream()
                .filter(p -> !config.rangesIn(p.name()).isEmpty()).toList();
        String where = net.iface() + " of " + net.network();
        if (ip.isEmpty()) {
            add(Problem.Kind.NETWORK_STATUS_UNRECORDED, IpamSource.WHEREABOUTS, null, text, pod.key(),
                    where + " lists \"" + text + "\", which is not an IP address");
            return;
        }
        for (WhereaboutsPool p : candidates) {
            Optional<WhereaboutsAllocation> a = p.allocationOf(ip.get());
            if (a.isPresent()) {
                if (!a.get().podRef().equals(pod.key())) {
                    add(Problem.Kind.NETWORK_STATUS_UNRECORDED, IpamSource.WHEREABOUTS, p.qualifiedName(), text, pod.key(),
                            where + ": Whereabouts records it for " + a.get().podRef());
                }
                return;
            }
        }
        String pool = candidates.isEmpty() ? null : candidates.get(0).qualifiedName();
        add(Problem.Kind.NETWORK_STATUS_UNRECORDED, IpamSource.WHEREABOUTS, pool, text, pod.key(),
                where + ": no Whereabouts allocation" + (pool == null ? " (its IPPool does not exist)" : ""));
    }

    private void duplicates(IpamSource source, Map<IpAddress, List<Holder>> holders) {
        holders.forEach((ip, list) -> {
            if (list.size() > 1) {
                add(Problem.Kind.DUPLICATE, source, String.join(", ", list.stream().map(Holder::pool).distinct().toList()),
                        ip.toString(), String.join(", ", list.stream().map(h -> Objects.toString(h.owner(), "<none>")).toList()),
                        "allocated " + list.size() + " times");
            }
        });
    }

    /** Two live Pods on the Pod network with the same address, whichever IPAM gave it. */
    private void podsSharingAnAddress() {
        Map<IpAddress, List<String>> byIp = new TreeMap<>();
        for (PodFacts pod : in.pods()) {
            if (pod.holdsPodNetworkIps()) {
                pod.ips().forEach(t -> IpAddress.tryParse(t).ifPresent(ip -> byIp.computeIfAbsent(ip, k -> new ArrayList<>())
                        .add(pod.key())));
            }
        }
        byIp.forEach((ip, owners) -> {
            if (owners.size() < 2) {
                return;
            }
            Optional<AntreaPool> pool = antreaPoolOf(ip);
            IpamSource source = pool.isPresent() ? IpamSource.ANTREA : IpamSource.NODE;
            if (in.sources().contains(source)) {
                add(Problem.Kind.DUPLICATE, source, pool.map(p -> p.definition().name()).orElse(null), ip.toString(),
                        String.join(", ", owners), owners.size() + " running pods have this address");
            }
        });
    }
}
