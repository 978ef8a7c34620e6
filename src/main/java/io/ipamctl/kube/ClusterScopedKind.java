package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/**
 * A cluster-scoped kind read as generic objects, without a generated model (ExternalIPPool, Egress,
 * ServiceCIDR, IPAddress): only a few fields of each are needed, and a model per kind would pin versions.
 */
record ClusterScopedKind(ResourceDefinitionContext context) {

    static ClusterScopedKind of(String group, String version, String plural, String kind) {
        return new ClusterScopedKind(new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withPlural(plural)
                .withKind(kind)
                .withNamespaced(false)
                .build());
    }

    /** Every object of the kind, page by page. */
    List<GenericKubernetesResource> listAll(KubernetesClient client) {
        return listAll(client, null);
    }

    /** Every object whose labels match the selector (null: every object), page by page. */
    List<GenericKubernetesResource> listAll(KubernetesClient client, String labelSelector) {
        return Pages.selected(
                client,
                labelSelector,
                options -> client.genericKubernetesResources(context).list(options));
    }
}
