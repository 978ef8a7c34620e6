package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.ipam.ServiceFacts;
import io.ipamctl.ipam.ServiceIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** All Services of the cluster, from one paged list, reduced to {@link ServiceFacts}. */
public final class ServiceDirectory {

    /** The ExternalIPPool a LoadBalancer Service takes its address from (Antrea's ServiceExternalIP). */
    public static final String EXTERNAL_IP_POOL = "service.antrea.io/external-ip-pool";
    /** "true" on every Service that may share its LoadBalancer address with others (Antrea 2.1+). */
    public static final String SHARED_IP = "service.antrea.io/allow-shared-load-balancer-ip";

    private ServiceDirectory() {}

    /** The Services as the warm server keeps them: each reduced to its {@link ServiceFacts} as it arrives. */
    static final CachedKind<ServiceFacts> CACHED = CachedKind.ofTree(
            "Services",
            "api/v1/services",
            "services",
            (client, o) -> factsOf(client.getKubernetesSerialization().convertValue(o, Service.class)));

    public static ServiceIndex facts(KubernetesClient client) {
        List<Service> all =
                Pages.all(client, options -> client.services().inAnyNamespace().list(options));
        return ServiceIndex.of(all.stream().map(ServiceDirectory::factsOf).toList());
    }

    /** The same, from the warm server's cache when it keeps the Services (a run of its own lists them as above). */
    public static ServiceIndex facts(KubernetesClient client, ClusterCache cache) {
        return cache.keeps() ? ServiceIndex.of(CACHED.list(client, cache)) : facts(client);
    }

    public static ServiceFacts factsOf(Service s) {
        ServiceSpec spec = s.getSpec() == null ? new ServiceSpec() : s.getSpec();
        List<String> clusterIps = new ArrayList<>(
                spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()
                        ? spec.getClusterIPs()
                        : spec.getClusterIP() == null ? List.of() : List.of(spec.getClusterIP()));
        clusterIps.removeIf(ip -> ip == null || ip.isEmpty() || "None".equals(ip));
        List<String> ingress = new ArrayList<>();
        if (s.getStatus() != null
                && s.getStatus().getLoadBalancer() != null
                && s.getStatus().getLoadBalancer().getIngress() != null) {
            for (LoadBalancerIngress i : s.getStatus().getLoadBalancer().getIngress()) {
                ingress.add(i.getIp() == null ? "" : i.getIp());
            }
        }
        Map<String, String> a = s.getMetadata().getAnnotations() == null
                ? Map.of()
                : s.getMetadata().getAnnotations();
        return new ServiceFacts(
                s.getMetadata().getNamespace(),
                s.getMetadata().getName(),
                spec.getType() == null ? "ClusterIP" : spec.getType(),
                clusterIps,
                spec.getLoadBalancerIP(),
                ingress,
                a.get(EXTERNAL_IP_POOL),
                "true".equals(a.get(SHARED_IP)));
    }
}
