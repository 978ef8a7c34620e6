package io.ipamctl.ipam;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * `pool check`: what each source finds in its own records ({@link SourcePools#problems()}), and what
 * only shows across sources: two running Pods with one Pod-network address, and pools of different
 * systems that share addresses ({@link Overlaps}). Reads only; each finding names source, pool, address
 * and owner.
 */
public final class ConsistencyCheck {

    private ConsistencyCheck() {}

    /** @param pods the cluster's Pods (the same the sources were read with) */
    public static List<Problem> run(List<SourcePools> sources, PodIndex pods) {
        List<Problem> problems = new ArrayList<>();
        sources.forEach(s -> problems.addAll(s.problems()));
        problems.addAll(podsSharingAnAddress(sources, pods));
        problems.addAll(Overlaps.among(sources));
        problems.sort(Comparator.comparing(Problem::kind)
                .thenComparing(Problem::source)
                .thenComparing(p -> String.valueOf(p.pool()))
                .thenComparing(
                        p -> IpAddress.tryParse(p.ip()).orElse(null), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(p -> String.valueOf(p.owner())));
        return List.copyOf(problems);
    }

    /** Two live Pods on the Pod network with the same address, reported by the source that hands it out. */
    private static List<Problem> podsSharingAnAddress(List<SourcePools> sources, PodIndex pods) {
        Map<IpAddress, List<String>> byIp = new TreeMap<>();
        for (PodFacts pod : pods.all()) {
            if (pod.holdsPodNetworkIps()) {
                pod.ips()
                        .forEach(t -> IpAddress.tryParse(t)
                                .ifPresent(ip -> byIp.computeIfAbsent(ip, k -> new ArrayList<>())
                                        .add(pod.key())));
            }
        }
        List<Problem> out = new ArrayList<>();
        byIp.forEach((ip, owners) -> {
            if (owners.size() < 2) {
                return;
            }
            for (SourcePools s : sources) {
                Optional<SourcePools.PodAddressClaim> claim = s.claimPodAddress(ip);
                if (claim.isPresent()) {
                    out.add(new Problem(
                            Problem.Kind.DUPLICATE,
                            s.source(),
                            claim.get().pool(),
                            ip.toString(),
                            String.join(", ", owners),
                            owners.size() + " running pods have this address"));
                    return;
                }
            }
        });
        return out;
    }
}
