package io.ipamctl.ipam;

import java.time.Instant;
import java.util.List;

/**
 * A Kubernetes ServiceCIDR (networking.k8s.io/v1, cluster-scoped): one or two CIDRs (one per family)
 * the API server allocates ClusterIPs from. The default one, "kubernetes", is made by the API server
 * from --service-cluster-ip-range.
 *
 * @param cidrs      spec.cidrs as written
 * @param notReady   why it takes no new ClusterIPs (its Ready condition is not True, or it is being deleted), or null
 * @param created    metadata.creationTimestamp, or null when unknown
 */
public record ServiceCidr(String name, List<String> cidrs, String notReady, Instant created) {

    public static final String API_VERSION = "networking.k8s.io/v1";

    public ServiceCidr {
        cidrs = List.copyOf(cidrs);
    }

    /** "ServiceCIDR NAME": how messages name it. */
    public static String label(String name) {
        return "ServiceCIDR " + name;
    }
}
