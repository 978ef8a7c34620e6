package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Whether the API server serves a resource, from API discovery (a group not installed answers 404). */
final class ApiDiscovery {

    private ApiDiscovery() {}

    /** Whether every one of the resources (plural names) is served in that group version: one request. */
    static boolean serves(KubernetesClient client, String apiVersion, String... plurals) {
        try {
            APIResourceList list = client.getApiResources(apiVersion);
            return list != null
                    && list.getResources() != null
                    && java.util.Arrays.stream(plurals)
                            .allMatch(plural -> list.getResources().stream().anyMatch(r -> plural.equals(r.getName())));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }
}
