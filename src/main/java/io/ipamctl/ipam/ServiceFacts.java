package io.ipamctl.ipam;

import java.util.List;

/**
 * What the pool commands need to know of one Service.
 *
 * @param type             spec.type (ClusterIP, NodePort, LoadBalancer, ExternalName)
 * @param clusterIps       spec.clusterIPs (else spec.clusterIP), without "None" (headless) and ""
 * @param loadBalancerIp   spec.loadBalancerIP (the address asked for), or null
 * @param ingressIps       status.loadBalancer.ingress[].ip, in order (Antrea reads the first only)
 * @param externalIpPool   the ExternalIPPool of annotation service.antrea.io/external-ip-pool, or null
 * @param sharesIp         annotation service.antrea.io/allow-shared-load-balancer-ip is "true"
 */
public record ServiceFacts(
        String namespace,
        String name,
        String type,
        List<String> clusterIps,
        String loadBalancerIp,
        List<String> ingressIps,
        String externalIpPool,
        boolean sharesIp) {

    public ServiceFacts {
        clusterIps = List.copyOf(clusterIps);
        ingressIps = List.copyOf(ingressIps);
    }

    /** "namespace/name". */
    public String key() {
        return namespace + "/" + name;
    }

    /** "service/namespace/name": how an owner that is a Service is named. */
    public String owner() {
        return ownerName(namespace, name);
    }

    public static String ownerName(String namespace, String name) {
        return "service/" + namespace + "/" + name;
    }

    public boolean loadBalancer() {
        return "LoadBalancer".equals(type);
    }
}
