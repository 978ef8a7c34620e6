package io.ipamctl.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.ipamctl.ipam.IpAddressObject;
import io.ipamctl.ipam.ServiceCidr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Kubernetes ServiceCIDRs and IPAddresses (networking.k8s.io/v1, GA in 1.33, both cluster-scoped): the
 * ClusterIP allocator's ranges and its record of every address handed out. Older servers serve neither.
 */
public final class ServiceCidrStore {

    static final String API_VERSION = ServiceCidr.API_VERSION;
    static final ClusterScopedKind CIDRS =
            ClusterScopedKind.of("networking.k8s.io", "v1", "servicecidrs", "ServiceCIDR");
    static final ClusterScopedKind ADDRESSES =
            ClusterScopedKind.of("networking.k8s.io", "v1", "ipaddresses", "IPAddress");
    /** The label the allocator sets on its IPAddresses. */
    static final String MANAGED_BY = "ipaddress.kubernetes.io/managed-by";

    /** The ServiceCIDRs as read (and as the warm server keeps them). */
    static final CachedKind<ServiceCidr> CACHED_CIDRS = CachedKind.ofTree(
            "ServiceCIDRs", "apis/" + API_VERSION + "/servicecidrs", "servicecidrs", (client, o) -> cidr(o));
    /** The IPAddresses as read (and as the warm server keeps them). */
    static final CachedKind<IpAddressObject> CACHED_ADDRESSES = CachedKind.ofTree(
            "IPAddresses", "apis/" + API_VERSION + "/ipaddresses", "ipaddresses", (client, o) -> address(o));

    private final KubernetesClient client;
    private final ClusterCache cache;

    public ServiceCidrStore(KubernetesClient client) {
        this(client, ClusterCache.NONE);
    }

    /** A store whose lists come through the warm server's cache where it keeps them. */
    public ServiceCidrStore(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.cache = cache;
    }

    /** Both kinds served in networking.k8s.io/v1 (the new allocator; a server with the old bitmap serves neither). */
    public boolean installed() {
        return ApiDiscovery.serves(client, cache, API_VERSION, "servicecidrs", "ipaddresses");
    }

    /** Every ServiceCIDR, sorted by name. */
    public List<ServiceCidr> cidrs() {
        return cidrs(null);
    }

    /** The ServiceCIDRs whose labels match the selector (null: all), sorted by name; the server applies it. */
    public List<ServiceCidr> cidrs(String labelSelector) {
        List<ServiceCidr> out = new ArrayList<>(CACHED_CIDRS.list(client, cache, labelSelector));
        out.sort(Comparator.comparing(ServiceCidr::name));
        return out;
    }

    private static ServiceCidr cidr(JsonNode o) {
        List<String> cidrs = new ArrayList<>();
        o.path("spec").path("cidrs").forEach(c -> cidrs.add(c.asText()));
        return new ServiceCidr(
                o.path("metadata").path("name").asText(null),
                cidrs,
                notReady(o.path("metadata"), o.path("status").path("conditions")),
                CreationTime.of(o));
    }

    /** Only a Ready (or not yet judged) ServiceCIDR that is not being deleted takes new ClusterIPs. */
    private static String notReady(JsonNode meta, JsonNode conditions) {
        String because = null;
        for (JsonNode c : conditions) {
            if ("Ready".equals(c.path("type").asText())
                    && !"True".equals(c.path("status").asText())) {
                String reason = c.path("reason").asText("");
                String message = c.path("message").asText("");
                because = "its Ready condition is " + c.path("status").asText()
                        + (reason.isEmpty() ? "" : " (" + reason + (message.isEmpty() ? "" : ": " + message) + ")");
            }
        }
        if (meta.hasNonNull("deletionTimestamp")) {
            return "it is being deleted" + (because == null ? "" : "; " + because);
        }
        return because;
    }

    /** Every IPAddress, sorted by address text. */
    public List<IpAddressObject> addresses() {
        return CACHED_ADDRESSES.list(client, cache);
    }

    private static IpAddressObject address(JsonNode o) {
        JsonNode ref = o.path("spec").path("parentRef");
        return new IpAddressObject(
                o.path("metadata").path("name").asText(null),
                o.path("metadata").path("labels").path(MANAGED_BY).asText(null),
                ref.path("group").asText(""),
                ref.path("resource").asText(""),
                ref.path("namespace").asText(""),
                ref.path("name").asText(""));
    }

    /** Calls onChange after every change of a ServiceCIDR or an IPAddress (see {@link Watches}). */
    public Watch watch(Runnable onChange, Consumer<String> onEnd) {
        List<Watch> watches = new ArrayList<>();
        try {
            watches.add(client.genericKubernetesResources(CIDRS.context()).watch(Watches.onAnyChange(onChange, onEnd)));
            watches.add(
                    client.genericKubernetesResources(ADDRESSES.context()).watch(Watches.onAnyChange(onChange, onEnd)));
            return Watches.all(watches);
        } catch (KubernetesClientException e) {
            Watches.all(watches).close();
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }
}
