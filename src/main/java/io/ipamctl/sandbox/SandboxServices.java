package io.ipamctl.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.ipamctl.ipam.ExternalIpPool;
import io.ipamctl.ipam.ExternalIpUser;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpAddressObject;
import io.ipamctl.ipam.PoolCapacity;
import io.ipamctl.kube.ExternalIpPoolStore;
import io.ipamctl.kube.ServiceDirectory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sandbox-only stand-in for what hands out Service and Egress addresses on a real cluster: the API
 * server's ClusterIP allocator (its default ServiceCIDR `kubernetes`, the `kubernetes` Service, one
 * IPAddress per ClusterIP, removed with its Service) and Antrea's ExternalIPPool controller (the lowest
 * free address for a new Egress or LoadBalancer Service, released when its pool is gone, and the pools'
 * status.usage). The mock API server has no allocator: ClusterIPs are taken as the seed or the client
 * writes them. Called on the sandbox's controller thread whenever Services, Egresses, ExternalIPPools,
 * ServiceCIDRs or IPAddresses change; it writes only what differs, so its own writes settle.
 */
final class SandboxServices {

    /** --service-cluster-ip-range of the test cluster, whose API server makes the same default ServiceCIDR. */
    static final List<String> SERVICE_CIDRS = List.of("10.96.0.0/16", "fd00:10:96::/112");

    private final KubernetesClient client;

    SandboxServices(KubernetesClient client) {
        this.client = client;
    }

    private MixedOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            resources(String apiVersion, String kind) {
        return client.genericKubernetesResources(apiVersion, kind);
    }

    /** The API server's defaults, then the ClusterIP records, then the external addresses and the pools' usage. */
    synchronized void reconcile() {
        defaults();
        List<Service> services = client.services().inAnyNamespace().list().getItems();
        recordClusterIps(services);
        allocateExternalIps(services);
    }

    /**
     * The default ServiceCIDR kube-apiserver makes when it first starts (Ready), created at that moment (null: now).
     * The seed carries it with the cluster's own age ({@link SandboxState#seed()}); a deleted one comes back now.
     */
    static GenericKubernetesResource defaultServiceCidr(String createdAt) {
        GenericKubernetesResource c = new GenericKubernetesResource();
        c.setApiVersion("networking.k8s.io/v1");
        c.setKind("ServiceCIDR");
        c.setMetadata(new ObjectMetaBuilder()
                .withName("kubernetes")
                .withCreationTimestamp(createdAt)
                .build());
        c.setAdditionalProperty("spec", Map.of("cidrs", SERVICE_CIDRS));
        c.setAdditionalProperty(
                "status",
                Map.of(
                        "conditions",
                        List.of(Map.of(
                                "type",
                                "Ready",
                                "status",
                                "True",
                                "reason",
                                "",
                                "message",
                                "Kubernetes Service CIDR is ready",
                                "lastTransitionTime",
                                "2026-01-01T00:00:00Z"))));
        return c;
    }

    /** What kube-apiserver makes at start: the default ServiceCIDR and the `kubernetes` Service (network+1). */
    private void defaults() {
        var cidrs = resources("networking.k8s.io/v1", "ServiceCIDR");
        if (cidrs.withName("kubernetes").get() == null) {
            GenericKubernetesResource c = defaultServiceCidr(null);
            Object status = c.getAdditionalProperties().remove("status");
            GenericKubernetesResource created = cidrs.resource(c).create();
            created.setAdditionalProperty("status", status);
            cidrs.resource(created).updateStatus();
        }
        if (client.services().inNamespace("default").withName("kubernetes").get() == null) {
            client.services()
                    .inNamespace("default")
                    .resource(new ServiceBuilder()
                            .withMetadata(new ObjectMetaBuilder()
                                    .withName("kubernetes")
                                    .withNamespace("default")
                                    .addToLabels("component", "apiserver")
                                    .addToLabels("provider", "kubernetes")
                                    .build())
                            .withNewSpec()
                            .withType("ClusterIP")
                            .withClusterIP("10.96.0.1")
                            .withClusterIPs("10.96.0.1")
                            .withPorts(new ServicePortBuilder()
                                    .withName("https")
                                    .withPort(443)
                                    .withProtocol("TCP")
                                    .build())
                            .endSpec()
                            .build())
                    .create();
        }
    }

    /** One IPAddress per ClusterIP, as the allocator writes it (an address already recorded is left as it is). */
    private void recordClusterIps(List<Service> services) {
        var addresses = resources("networking.k8s.io/v1", "IPAddress");
        Set<String> recorded = new HashSet<>();
        releaseGone(services, addresses, addresses.list().getItems())
                .forEach(a -> recorded.add(a.getMetadata().getName()));
        for (Service s : services) {
            for (String text : ServiceDirectory.factsOf(s).clusterIps()) {
                Optional<IpAddress> ip = IpAddress.tryParse(text);
                if (ip.isEmpty() || !recorded.add(ip.get().toString())) {
                    continue;
                }
                GenericKubernetesResource a = new GenericKubernetesResource();
                a.setApiVersion("networking.k8s.io/v1");
                a.setKind("IPAddress");
                a.setMetadata(new ObjectMetaBuilder()
                        .withName(ip.get().toString())
                        .addToLabels(
                                "ipaddress.kubernetes.io/ip-family",
                                ip.get().family().toString())
                        .addToLabels("ipaddress.kubernetes.io/managed-by", IpAddressObject.CLUSTER_IP_ALLOCATOR)
                        .build());
                a.setAdditionalProperty(
                        "spec",
                        Map.of(
                                "parentRef",
                                Map.of(
                                        "group",
                                        "",
                                        "resource",
                                        "services",
                                        "namespace",
                                        s.getMetadata().getNamespace(),
                                        "name",
                                        s.getMetadata().getName())));
                addresses.resource(a).create();
            }
        }
    }

    /** The ClusterIPs of deleted Services are free again: their IPAddresses go (the allocator's records only); the rest is kept. */
    private List<GenericKubernetesResource> releaseGone(
            List<Service> services,
            MixedOperation<
                            GenericKubernetesResource,
                            GenericKubernetesResourceList,
                            Resource<GenericKubernetesResource>>
                    addresses,
            List<GenericKubernetesResource> recorded) {
        List<GenericKubernetesResource> kept = new ArrayList<>();
        Set<String> live = new HashSet<>();
        services.forEach(s ->
                live.add(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()));
        for (GenericKubernetesResource a : recorded) {
            Object spec = a.getAdditionalProperties().get("spec");
            Object ref = spec instanceof Map<?, ?> m ? m.get("parentRef") : null;
            boolean allocator = IpAddressObject.CLUSTER_IP_ALLOCATOR.equals(
                    a.getMetadata().getLabels() == null
                            ? null
                            : a.getMetadata().getLabels().get("ipaddress.kubernetes.io/managed-by"));
            if (allocator
                    && ref instanceof Map<?, ?> r
                    && "services".equals(r.get("resource"))
                    && !live.contains(r.get("namespace") + "/" + r.get("name"))) {
                addresses.withName(a.getMetadata().getName()).delete();
            } else {
                kept.add(a);
            }
        }
        return kept;
    }

    /**
     * Antrea's ExternalIPPool controller: one allocator per pool shared by Egresses and Services; a new user
     * gets the lowest free address (a Service its spec.loadBalancerIP when that is in the pool and free, or
     * shared by Services that all allow it); a user of a pool that is gone loses its address.
     */
    private void allocateExternalIps(List<Service> services) {
        ExternalIpPoolStore store = new ExternalIpPoolStore(client);
        Map<String, ExternalIpPool> pools = new LinkedHashMap<>();
        store.pools().forEach(p -> pools.put(p.name(), p));
        List<ExternalIpUser> users = new ArrayList<>(
                store.egresses().stream().filter(e -> e.pool() != null).toList());
        services.forEach(s -> ExternalIpUser.of(ServiceDirectory.factsOf(s)).ifPresent(users::add));
        Map<String, Set<IpAddress>> taken = new LinkedHashMap<>();
        pools.keySet().forEach(name -> taken.put(name, new HashSet<>()));
        users.forEach(u -> IpAddress.tryParse(u.ip())
                .ifPresent(ip ->
                        taken.computeIfAbsent(u.pool(), k -> new HashSet<>()).add(ip)));
        for (ExternalIpUser u : users) {
            ExternalIpPool pool = pools.get(u.pool());
            if (pool == null) {
                if (u.kind() == ExternalIpUser.Kind.EGRESS) {
                    egress(u.name(), null, "ExternalIPPool " + u.pool() + " does not exist");
                } else if (u.ip() != null) {
                    lbIngress(u, null);
                }
                continue;
            }
            if (u.ip() != null) {
                continue;
            }
            PoolCapacity capacity = PoolCapacity.ofExternalIpPool(pool.ranges());
            Optional<IpAddress> ip = u.kind() == ExternalIpUser.Kind.SERVICE
                    ? requested(u, services, users, capacity)
                    : Optional.empty();
            if (ip.isEmpty() && !(u.kind() == ExternalIpUser.Kind.SERVICE && loadBalancerIp(u, services) != null)) {
                ip = capacity.firstFree(taken.get(u.pool()));
            }
            ip.ifPresent(a -> taken.get(u.pool()).add(a));
            if (u.kind() == ExternalIpUser.Kind.EGRESS) {
                egress(
                        u.name(),
                        ip.orElse(null),
                        ip.isPresent()
                                ? null
                                : "error when allocating IP for Egress " + u.name() + " from ExternalIPPool " + u.pool()
                                        + ": cannot allocate IP in any range");
            } else {
                ip.ifPresent(a -> lbIngress(u, a));
            }
        }
        for (ExternalIpPool p : pools.values()) {
            usage(p, taken.get(p.name()));
        }
    }

    private static String loadBalancerIp(ExternalIpUser u, List<Service> services) {
        return services.stream()
                .filter(s -> s.getMetadata().getNamespace().equals(u.namespace())
                        && s.getMetadata().getName().equals(u.name()))
                .findFirst()
                .map(s -> s.getSpec() == null ? null : s.getSpec().getLoadBalancerIP())
                .filter(x -> !x.isEmpty())
                .orElse(null);
    }

    /** spec.loadBalancerIP when the pool holds it and it is free (or held only by Services that all allow sharing). */
    private static Optional<IpAddress> requested(
            ExternalIpUser u, List<Service> services, List<ExternalIpUser> users, PoolCapacity capacity) {
        Optional<IpAddress> want =
                IpAddress.tryParse(loadBalancerIp(u, services)).filter(capacity::isAllocatable);
        if (want.isEmpty()) {
            return Optional.empty();
        }
        List<ExternalIpUser> holders = users.stream()
                .filter(x -> IpAddress.tryParse(x.ip()).equals(want))
                .toList();
        boolean shareable =
                u.sharing() && holders.stream().allMatch(x -> x.kind() == ExternalIpUser.Kind.SERVICE && x.sharing());
        return holders.isEmpty() || shareable ? want : Optional.empty();
    }

    /** spec.egressIP as Antrea's controller patches it, the IPAllocated condition, and the agent's status (first Node). */
    private void egress(String name, IpAddress ip, String error) {
        var egresses = resources(ExternalIpPool.API_VERSION, "Egress");
        GenericKubernetesResource e = egresses.withName(name).get();
        if (e == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = new LinkedHashMap<>(
                (Map<String, Object>) e.getAdditionalProperties().get("spec"));
        if (ip == null) {
            spec.remove("egressIP");
        } else {
            spec.put("egressIP", ip.toString());
        }
        Map<String, Object> status = new LinkedHashMap<>();
        if (ip != null) {
            status.put("egressIP", ip.toString());
            firstNode().ifPresent(n -> status.put("egressNode", n));
        }
        status.put(
                "conditions",
                List.of(
                        error == null
                                ? Map.of(
                                        "type",
                                        "IPAllocated",
                                        "status",
                                        "True",
                                        "reason",
                                        "Allocated",
                                        "message",
                                        "EgressIP is successfully allocated")
                                : Map.of(
                                        "type",
                                        "IPAllocated",
                                        "status",
                                        "False",
                                        "reason",
                                        "AllocationError",
                                        "message",
                                        "Cannot allocate EgressIP from ExternalIPPool: " + error)));
        if (spec.equals(e.getAdditionalProperties().get("spec"))
                && status.equals(e.getAdditionalProperties().get("status"))) {
            return; // nothing to write: a write would only come back as an event
        }
        e.setAdditionalProperty("spec", spec);
        GenericKubernetesResource updated = egresses.resource(e).update();
        updated.setAdditionalProperty("status", status);
        egresses.resource(updated).updateStatus();
    }

    private Optional<String> firstNode() {
        return client.nodes().list().getItems().stream()
                .map(Node::getMetadata)
                .map(m -> m.getName())
                .sorted()
                .findFirst();
    }

    private void lbIngress(ExternalIpUser u, IpAddress ip) {
        Service s =
                client.services().inNamespace(u.namespace()).withName(u.name()).get();
        if (s == null) {
            return;
        }
        ServiceStatus status = new ServiceStatus();
        status.setLoadBalancer(
                ip == null
                        ? new LoadBalancerStatusBuilder().build()
                        : new LoadBalancerStatusBuilder()
                                .withIngress(new LoadBalancerIngressBuilder()
                                        .withIp(ip.toString())
                                        .build())
                                .build());
        if (status.equals(s.getStatus())) {
            return; // nothing to write: a write would only come back as a change
        }
        s.setStatus(status);
        client.services().inNamespace(u.namespace()).resource(s).updateStatus();
    }

    /** status.usage as Antrea's controller writes it: distinct addresses allocated, the ranges' total as Antrea counts it. */
    private void usage(ExternalIpPool p, Set<IpAddress> held) {
        PoolCapacity capacity = PoolCapacity.ofExternalIpPool(p.ranges());
        long used = held.stream().filter(capacity::isAllocatable).count();
        long total = capacity.antreaTotal().longValueExact();
        if (p.reportedUsed() != null
                && p.reportedUsed() == used
                && p.reportedTotal() != null
                && p.reportedTotal() == total) {
            return;
        }
        var pools = resources(ExternalIpPool.API_VERSION, "ExternalIPPool");
        GenericKubernetesResource r = pools.withName(p.name()).get();
        r.setAdditionalProperty("status", Map.of("usage", Map.of("used", used, "total", total)));
        pools.resource(r).updateStatus();
    }
}
