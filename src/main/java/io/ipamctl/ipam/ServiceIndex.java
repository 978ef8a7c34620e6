package io.ipamctl.ipam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cluster's Services, reduced to {@link ServiceFacts} and found by "namespace/name". */
public final class ServiceIndex {

    private static final ServiceIndex NONE = new ServiceIndex(List.of());

    private final List<ServiceFacts> all;
    private final Map<String, ServiceFacts> byKey = new LinkedHashMap<>();

    private ServiceIndex(List<ServiceFacts> services) {
        this.all = List.copyOf(services);
        all.forEach(s -> byKey.put(s.key(), s));
    }

    public static ServiceIndex of(List<ServiceFacts> services) {
        return new ServiceIndex(services);
    }

    /** No Services: for runs that do not look at them. */
    public static ServiceIndex none() {
        return NONE;
    }

    public List<ServiceFacts> all() {
        return all;
    }

    public Optional<ServiceFacts> get(String namespace, String name) {
        return Optional.ofNullable(byKey.get(namespace + "/" + name));
    }
}
