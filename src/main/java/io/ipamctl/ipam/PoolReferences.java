package io.ipamctl.ipam;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who still asks Antrea for addresses from a pool by name: Namespaces bound to it and Pods (not finished)
 * that name it, both in their ipam.antrea.io/ippools annotation. The one reading of those annotations for
 * `pool delete` (a pool still named must not go: every new Pod of theirs would get no address) and for the
 * dangling-reference check of `pool check` (a name no pool has).
 *
 * @param namespaces sorted by namespace
 * @param pods       sorted by "namespace/name"
 */
public record PoolReferences(String pool, List<NamespacePools> namespaces, List<PodFacts> pods) {

    /** How many names a message lists before "and N more". */
    private static final int SHOWN = 5;

    public PoolReferences {
        namespaces = List.copyOf(namespaces);
        pods = List.copyOf(pods);
    }

    /** The Namespaces and Pods that name pool. */
    public static PoolReferences to(String pool, List<NamespacePools> bindings, PodIndex pods) {
        return new PoolReferences(
                pool,
                bindings.stream()
                        .filter(ns -> ns.pools().contains(pool))
                        .sorted(Comparator.comparing(NamespacePools::namespace))
                        .toList(),
                naming(pods).stream()
                        .filter(p -> p.requestedPools().contains(pool))
                        .sorted(Comparator.comparing(PodFacts::key))
                        .toList());
    }

    /** Every pool name the Namespaces and Pods ask for, sorted (for finding names no pool has). */
    public static Set<String> named(List<NamespacePools> bindings, PodIndex pods) {
        Set<String> out = new TreeSet<>();
        bindings.forEach(ns -> out.addAll(ns.pools()));
        naming(pods).forEach(p -> out.addAll(p.requestedPools()));
        return out;
    }

    /** A finished Pod is never re-created (its controller makes a new Pod), so its annotation asks for nothing. */
    private static List<PodFacts> naming(PodIndex pods) {
        return pods.all().stream().filter(PodFacts::running).toList();
    }

    public boolean isEmpty() {
        return namespaces.isEmpty() && pods.isEmpty();
    }

    /**
     * "namespace ns-db (its new Pods would get no address) and pods ns-db/db-01, ns-db/db-02 (they would get none
     * when re-created)", at most five names of each, then "and N more".
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!namespaces.isEmpty()) {
            List<String> names =
                    namespaces.stream().map(NamespacePools::namespace).toList();
            parts.add(
                    names.size() == 1
                            ? "namespace " + shortList(names) + " (its new Pods would get no address)"
                            : "namespaces " + shortList(names) + " (their new Pods would get no address)");
        }
        if (!pods.isEmpty()) {
            List<String> names = pods.stream().map(PodFacts::key).toList();
            parts.add(
                    names.size() == 1
                            ? "pod " + shortList(names) + " (it would get no address when re-created)"
                            : "pods " + shortList(names) + " (they would get no address when re-created)");
        }
        return String.join(" and ", parts);
    }

    private static String shortList(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(SHOWN, names.size())));
        return names.size() > SHOWN ? shown + " (and " + (names.size() - SHOWN) + " more)" : shown;
    }
}
