package io.ipamctl.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.ipamctl.ipam.ExternalIpPool;
import io.ipamctl.ipam.ExternalIpUser;
import io.ipamctl.ipam.PoolRangeSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Antrea's ExternalIPPools and Egresses (crd.antrea.io/v1beta1, both cluster-scoped; v1beta1 is the only
 * version Antrea 2.x serves). The LoadBalancer Services that take addresses from the pools are read by
 * {@link ServiceDirectory}.
 */
public final class ExternalIpPoolStore {

    static final String API_VERSION = ExternalIpPool.API_VERSION;
    static final ClusterScopedKind POOLS =
            ClusterScopedKind.of("crd.antrea.io", "v1beta1", "externalippools", "ExternalIPPool");
    static final ClusterScopedKind EGRESSES = ClusterScopedKind.of("crd.antrea.io", "v1beta1", "egresses", "Egress");

    /** The ExternalIPPools as read (and as the warm server keeps them). */
    static final CachedKind<ExternalIpPool> CACHED_POOLS = CachedKind.ofTree(
            "ExternalIPPools", "apis/" + API_VERSION + "/externalippools", "externalippools", (client, o) -> pool(o));
    /** The Egresses as read (and as the warm server keeps them). */
    static final CachedKind<ExternalIpUser> CACHED_EGRESSES =
            CachedKind.ofTree("Egresses", "apis/" + API_VERSION + "/egresses", "egresses", (client, o) -> egress(o));

    private final KubernetesClient client;
    private final ClusterCache cache;

    public ExternalIpPoolStore(KubernetesClient client) {
        this(client, ClusterCache.NONE);
    }

    /** A store whose lists come through the warm server's cache where it keeps them. */
    public ExternalIpPoolStore(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.cache = cache;
    }

    public boolean installed() {
        return ApiDiscovery.serves(client, cache, API_VERSION, "externalippools");
    }

    /** Every ExternalIPPool, sorted by name. */
    public List<ExternalIpPool> pools() {
        return pools(null);
    }

    /** The ExternalIPPools whose labels match the selector (null: all), sorted by name; the server applies it. */
    public List<ExternalIpPool> pools(String labelSelector) {
        List<ExternalIpPool> out = new ArrayList<>(CACHED_POOLS.list(client, cache, labelSelector));
        out.sort(Comparator.comparing(ExternalIpPool::name));
        return out;
    }

    private static ExternalIpPool pool(JsonNode o) {
        JsonNode subnet = o.path("spec").path("subnetInfo");
        List<PoolRangeSpec> ranges = new ArrayList<>();
        o.path("spec")
                .path("ipRanges")
                .forEach(x -> ranges.add(
                        x.hasNonNull("cidr")
                                ? PoolRangeSpec.ofCidr(x.path("cidr").asText())
                                : PoolRangeSpec.ofStartEnd(
                                        x.path("start").asText(null),
                                        x.path("end").asText(null))));
        JsonNode usage = o.path("status").path("usage");
        return new ExternalIpPool(
                o.path("metadata").path("name").asText(null),
                ranges,
                subnet.path("gateway").asText(null),
                subnet.hasNonNull("prefixLength") ? subnet.path("prefixLength").asInt() : null,
                subnet.hasNonNull("vlan") ? subnet.path("vlan").asInt() : null,
                usage.hasNonNull("used") ? usage.path("used").asLong() : null,
                usage.hasNonNull("total") ? usage.path("total").asLong() : null,
                CreationTime.of(o));
    }

    /** Every Egress (none when Antrea's Egress CRD is not served): spec.externalIPPool, spec.egressIP, status.egressNode. */
    public List<ExternalIpUser> egresses() {
        if (!ApiDiscovery.serves(client, cache, API_VERSION, "egresses")) {
            return List.of();
        }
        List<ExternalIpUser> out = new ArrayList<>(CACHED_EGRESSES.list(client, cache));
        out.sort(Comparator.comparing(ExternalIpUser::name));
        return out;
    }

    private static ExternalIpUser egress(JsonNode o) {
        return new ExternalIpUser(
                ExternalIpUser.Kind.EGRESS,
                null,
                o.path("metadata").path("name").asText(null),
                text(o.path("spec").path("externalIPPool")),
                text(o.path("spec").path("egressIP")),
                text(o.path("status").path("egressNode")),
                false);
    }

    private static String text(JsonNode n) {
        String s = n.asText(null);
        return s == null || s.isEmpty() ? null : s;
    }

    /** Calls onChange after every change of an ExternalIPPool, an Egress or a Service (see {@link Watches}). */
    public Watch watch(Runnable onChange, Consumer<String> onEnd) {
        List<Watch> watches = new ArrayList<>();
        try {
            watches.add(client.genericKubernetesResources(POOLS.context()).watch(Watches.onAnyChange(onChange, onEnd)));
            if (ApiDiscovery.serves(client, cache, API_VERSION, "egresses")) {
                watches.add(client.genericKubernetesResources(EGRESSES.context())
                        .watch(Watches.onAnyChange(onChange, onEnd)));
            }
            watches.add(client.services().inAnyNamespace().watch(Watches.onAnyChange(onChange, onEnd)));
            return Watches.all(watches);
        } catch (KubernetesClientException e) {
            Watches.all(watches).close();
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }
}
