package io.ipamctl.kube;

import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Whether the API server serves a resource, from API discovery (a group not installed answers 404). */
final class ApiDiscovery {

    private ApiDiscovery() {}

    /** Whether every one of the resources (plural names) is served in that group version, asked now. */
    static boolean serves(KubernetesClient client, String apiVersion, String... plurals) {
        return serves(client, ClusterCache.NONE, apiVersion, plurals);
    }

    /**
     * The same, answered by the warm server's cache where it can tell (see {@link ApiCatalog}), else
     * asked now.
     */
    static boolean serves(KubernetesClient client, ClusterCache cache, String apiVersion, String... plurals) {
        return cache.served(apiVersion, () -> ask(client, apiVersion)).containsAll(List.of(plurals));
    }

    /**
     * The resources served in that group version (none when it is not: 404), one request; their names
     * read off the response ({@link ListStream}; fabric8's typed APIResourceList cost ~4% of a cold
     * `pool usage`'s CPU in data binding, bench/findings.md).
     */
    static Set<String> ask(KubernetesClient client, String apiVersion) {
        Set<String> served = new HashSet<>();
        String path = (apiVersion.contains("/") ? "apis/" : "api/") + apiVersion;
        try {
            new ListStream(client).get(path, "application/json", "an API resource list", (field, p) -> {
                if (field.equals("resources") && p.currentToken() == JsonToken.START_ARRAY) {
                    ListStream.each(p, r -> {
                        String name = ListStream.fields(r, "name")[0];
                        if (name != null) {
                            served.add(name);
                        }
                    });
                } else {
                    p.skipChildren();
                }
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Set.of();
            }
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
        return Set.copyOf(served);
    }
}
