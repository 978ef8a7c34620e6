package io.ipamctl.ipam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cluster's Pods, reduced to {@link PodFacts} and found by "namespace/name". */
public final class PodIndex {

    private static final PodIndex NONE = new PodIndex(List.of());

    private final List<PodFacts> all;
    private final Map<String, PodFacts> byKey = new LinkedHashMap<>();

    private PodIndex(List<PodFacts> pods) {
        this.all = List.copyOf(pods);
        all.forEach(p -> byKey.put(p.key(), p));
    }

    public static PodIndex of(List<PodFacts> pods) {
        return new PodIndex(pods);
    }

    /** No Pods: for runs that do not look at them. */
    public static PodIndex none() {
        return NONE;
    }

    public List<PodFacts> all() {
        return all;
    }

    public Optional<PodFacts> get(String key) {
        return Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    public boolean exists(String key) {
        return key != null && byKey.containsKey(key);
    }

    /** The node the Pod is scheduled on, or null (not scheduled, or no such Pod). */
    public String nodeOf(String key) {
        return get(key).map(PodFacts::node).orElse(null);
    }
}
