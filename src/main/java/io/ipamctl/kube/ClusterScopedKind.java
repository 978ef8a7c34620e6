package io.ipamctl.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

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
}
