package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Who still asks Antrea for addresses from a pool: Namespaces bound to it and Pods that name it, both
 * in their ipam.antrea.io/ippools annotation. Deleting the pool leaves every new Pod of theirs without one.
 *
 * @param namespaces "ns-db", sorted
 * @param pods       "ns-db/db-01", sorted
 */
public record PoolReferences(String pool, List<String> namespaces, List<String> pods) {

    /** How many names a message lists before "and N more". */
    private static final int SHOWN = 5;

    public PoolReferences {
        namespaces = List.copyOf(namespaces);
        pods = List.copyOf(pods);
    }

    /** Reads every Namespace and Pod (paged). */
    public static PoolReferences of(KubernetesClient client, String pool) {
        List<String> namespaces = new ArrayList<>();
        Pages.all(client, options -> client.namespaces().list(options)).stream()
                .filter(ns -> names(ns, pool)).forEach(ns -> namespaces.add(ns.getMetadata().getName()));
        List<String> pods = new ArrayList<>();
        Pages.all(client, options -> client.pods().inAnyNamespace().list(options)).stream()
                .filter(p -> names(p, pool)).forEach(p -> pods.add(PodDirectory.key(p)));
        namespaces.sort(null);
        pods.sort(null);
        return new PoolReferences(pool, namespaces, pods);
    }

    private static boolean names(HasMetadata object, String pool) {
        Map<String, String> a = object.getMetadata().getAnnotations();
        return a != null && Annotations.pools(a.get(Annotations.IPPOOLS)).contains(pool);
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
            parts.add(namespaces.size() == 1 ? "namespace " + shortList(namespaces) + " (its new Pods would get no address)"
                    : "namespaces " + shortList(namespaces) + " (their new Pods would get no address)");
        }
        if (!pods.isEmpty()) {
            parts.add(pods.size() == 1 ? "pod " + shortList(pods) + " (it would get no address when re-created)"
                    : "pods " + shortList(pods) + " (they would get no address when re-created)");
        }
        return String.join(" and ", parts);
    }

    private static String shortList(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(SHOWN, names.size())));
        return names.size() > SHOWN ? shown + " (and " + (names.size() - SHOWN) + " more)" : shown;
    }
}
