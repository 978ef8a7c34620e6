package io.ipamctl.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.NodeSlicePool;
import io.ipamctl.ipam.WhereaboutsAllocation;
import io.ipamctl.ipam.WhereaboutsNetwork;
import io.ipamctl.ipam.WhereaboutsPool;
import io.ipamctl.ipam.WhereaboutsRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Whereabouts IPPools (whereabouts.cni.cncf.io/v1alpha1, namespaced, allocations in spec) and the
 * NetworkAttachmentDefinitions (k8s.cni.cncf.io/v1) whose IPAM is Whereabouts.
 */
public final class WhereaboutsStore {

    public static final String API_VERSION = WhereaboutsPool.API_VERSION;
    static final ResourceDefinitionContext IPPOOLS = new ResourceDefinitionContext.Builder()
            .withGroup("whereabouts.cni.cncf.io")
            .withVersion("v1alpha1")
            .withPlural("ippools")
            .withKind("IPPool")
            .withNamespaced(true)
            .build();
    static final ResourceDefinitionContext NADS = new ResourceDefinitionContext.Builder()
            .withGroup("k8s.cni.cncf.io")
            .withVersion("v1")
            .withPlural("network-attachment-definitions")
            .withKind("NetworkAttachmentDefinition")
            .withNamespaced(true)
            .build();

    static final ResourceDefinitionContext RESERVATIONS = new ResourceDefinitionContext.Builder()
            .withGroup("whereabouts.cni.cncf.io")
            .withVersion("v1alpha1")
            .withPlural("overlappingrangeipreservations")
            .withKind("OverlappingRangeIPReservation")
            .withNamespaced(true)
            .build();

    static final ResourceDefinitionContext NODE_SLICES = new ResourceDefinitionContext.Builder()
            .withGroup("whereabouts.cni.cncf.io")
            .withVersion("v1alpha1")
            .withPlural("nodeslicepools")
            .withKind("NodeSlicePool")
            .withNamespaced(true)
            .build();

    /** The IPPools as read (and as the warm server keeps them): each reduced to a {@link WhereaboutsPool}. */
    static final CachedKind<WhereaboutsPool> CACHED_POOLS = CachedKind.ofTree(
            "Whereabouts IPPools", "apis/whereabouts.cni.cncf.io/v1alpha1/ippools", "ippools", (client, o) -> pool(o));
    /** The NADs: each reduced to its key and its config text, read for Whereabouts' IPAM when a run reads them. */
    static final CachedKind<Nad> CACHED_NADS = CachedKind.ofTree(
            "NetworkAttachmentDefinitions",
            "apis/k8s.cni.cncf.io/v1/network-attachment-definitions",
            "network-attachment-definitions",
            (client, o) -> new Nad(
                    o.path("metadata").path("namespace").asText("") + "/"
                            + o.path("metadata").path("name").asText(""),
                    o.path("spec").path("config").isTextual()
                            ? o.path("spec").path("config").asText()
                            : null));

    /** The NodeSlicePools as read (and as the warm server keeps them). */
    static final CachedKind<NodeSlicePool> CACHED_SLICES = CachedKind.ofTree(
            "Whereabouts NodeSlicePools",
            "apis/whereabouts.cni.cncf.io/v1alpha1/nodeslicepools",
            "nodeslicepools",
            (client, o) -> nodeSlicePool(o));

    /** A NetworkAttachmentDefinition: "namespace/name" and spec.config (null when absent). */
    record Nad(String key, String config) {}

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final ObjectMapper json = new ObjectMapper();

    public WhereaboutsStore(KubernetesClient client) {
        this(client, ClusterCache.NONE);
    }

    /** A store whose lists come through the warm server's cache where it keeps them (writes always go to the server). */
    public WhereaboutsStore(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.cache = cache;
    }

    public boolean installed() {
        return ApiDiscovery.serves(client, cache, API_VERSION, "ippools");
    }

    /** Every IPPool in every namespace, sorted by namespace/name. */
    public List<WhereaboutsPool> pools() {
        return pools(null);
    }

    /** The IPPools whose labels match the selector (null: all), sorted by namespace/name; the server applies it. */
    public List<WhereaboutsPool> pools(String labelSelector) {
        List<WhereaboutsPool> out = new ArrayList<>(CACHED_POOLS.list(client, cache, labelSelector));
        out.sort(Comparator.comparing(WhereaboutsPool::qualifiedName));
        return out;
    }

    /** The Whereabouts networks of all NADs (none when the NAD CRD is not installed); unreadable configs are warned about. */
    public List<WhereaboutsNetwork> networks(Consumer<String> warn) {
        if (!ApiDiscovery.serves(client, cache, "k8s.cni.cncf.io/v1", "network-attachment-definitions")) {
            return List.of();
        }
        List<WhereaboutsNetwork> out = new ArrayList<>();
        for (Nad nad : CACHED_NADS.list(client, cache)) {
            try {
                NadConfig.parse(nad.key(), nad.config()).ifPresent(out::add);
            } catch (IllegalArgumentException e) {
                warn.accept("NetworkAttachmentDefinition " + nad.key() + ": " + e.getMessage() + " (left out)");
            }
        }
        out.sort(Comparator.comparing(WhereaboutsNetwork::nad));
        return out;
    }

    /** Every NodeSlicePool (none when the CRD is not installed: node slices are experimental upstream). */
    public List<NodeSlicePool> nodeSlicePools() {
        return nodeSlicePools(null);
    }

    /** The NodeSlicePools whose labels match the selector (null: all); the server applies it. */
    public List<NodeSlicePool> nodeSlicePools(String labelSelector) {
        if (!ApiDiscovery.serves(client, cache, API_VERSION, "nodeslicepools")) {
            return List.of();
        }
        return CACHED_SLICES.list(client, cache, labelSelector);
    }

    public Optional<WhereaboutsPool> find(String namespace, String name) {
        try {
            GenericKubernetesResource r = client.genericKubernetesResources(IPPOOLS)
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            return Optional.ofNullable(r).map(x -> pool(json.valueToTree(x)));
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    /** Calls onChange after every change of a Whereabouts IPPool, NodeSlicePool or a NetworkAttachmentDefinition (see {@link Watches}). */
    public Watch watch(Runnable onChange, Consumer<String> onEnd) {
        List<Watch> watches = new ArrayList<>();
        try {
            watches.add(client.genericKubernetesResources(IPPOOLS)
                    .inAnyNamespace()
                    .watch(Watches.onAnyChange(onChange, onEnd)));
            if (ApiDiscovery.serves(client, cache, "k8s.cni.cncf.io/v1", "network-attachment-definitions")) {
                watches.add(client.genericKubernetesResources(NADS)
                        .inAnyNamespace()
                        .watch(Watches.onAnyChange(onChange, onEnd)));
            }
            if (ApiDiscovery.serves(client, cache, API_VERSION, "nodeslicepools")) {
                watches.add(client.genericKubernetesResources(NODE_SLICES)
                        .inAnyNamespace()
                        .watch(Watches.onAnyChange(onChange, onEnd)));
            }
            return Watches.all(watches);
        } catch (KubernetesClientException e) {
            Watches.all(watches).close();
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    /**
     * Removes one allocation and the address's OverlappingRangeIPReservation of that owner, the first
     * guarded by the resourceVersion it was checked at (as Whereabouts itself does); a concurrent change
     * answers 409, left to the caller to retry.
     */
    public void release(WhereaboutsPool pool, WhereaboutsAllocation allocation) {
        try {
            client.genericKubernetesResources(IPPOOLS)
                    .inNamespace(pool.namespace())
                    .withName(pool.name())
                    .patch(
                            PatchContext.of(PatchType.JSON),
                            new GuardedPatch(pool.resourceVersion())
                                    .remove("spec", "allocations", allocation.offset())
                                    .json());
            removeReservation(pool, IpAddress.parse(allocation.ip()), allocation.podRef());
        } catch (KubernetesClientException e) {
            throw KubeErrors.unlessConflict(e, client.getMasterUrl().toString());
        }
    }

    /**
     * Deletes the OverlappingRangeIPReservation of ip (named after the address, after "NETWORK-" for a named
     * network) when it still names owner, so the address is free across overlapping ranges too.
     */
    private void removeReservation(WhereaboutsPool pool, IpAddress ip, String owner) {
        if (!ApiDiscovery.serves(client, cache, API_VERSION, "overlappingrangeipreservations")) {
            return;
        }
        String normalized =
                pool.range() == null ? "" : pool.range().replace(':', '-').replace('/', '-');
        String network = pool.name().endsWith("-" + normalized)
                ? pool.name().substring(0, pool.name().length() - normalized.length() - 1) + "-"
                : "";
        var r = client.genericKubernetesResources(RESERVATIONS)
                .inNamespace(pool.namespace())
                .withName(network + ip.toString().replace(':', '-'));
        GenericKubernetesResource reservation = r.get();
        if (reservation != null
                && owner != null
                && owner.equals(json.valueToTree(reservation.getAdditionalProperties())
                        .path("spec")
                        .path("podref")
                        .asText())) {
            r.delete();
        }
    }

    /** One IPPool object (its JSON tree): range and allocations from spec, the rest from metadata. */
    private static WhereaboutsPool pool(JsonNode o) {
        JsonNode spec = o.path("spec");
        String range = spec.path("range").asText(null);
        List<WhereaboutsAllocation> allocations = new ArrayList<>();
        spec.path("allocations").properties().forEach(e -> {
            JsonNode a = e.getValue();
            String ip = WhereaboutsRange.addressAt(range, e.getKey())
                    .map(Object::toString)
                    .orElse(null);
            allocations.add(new WhereaboutsAllocation(
                    e.getKey(),
                    ip,
                    a.path("id").asText(null),
                    a.path("podref").asText(null),
                    a.path("ifname").asText(null)));
        });
        JsonNode meta = o.path("metadata");
        return new WhereaboutsPool(
                meta.path("namespace").asText(null),
                meta.path("name").asText(null),
                range,
                allocations,
                meta.path("resourceVersion").asText(null),
                CreationTime.of(o));
    }

    private static NodeSlicePool nodeSlicePool(JsonNode o) {
        List<NodeSlicePool.Slice> slices = new ArrayList<>();
        for (JsonNode a : o.path("status").path("allocations")) {
            slices.add(new NodeSlicePool.Slice(
                    a.path("nodeName").asText(""), a.path("sliceRange").asText("")));
        }
        JsonNode meta = o.path("metadata");
        return new NodeSlicePool(
                meta.path("namespace").asText(null),
                meta.path("name").asText(null),
                o.path("spec").path("range").asText(null),
                o.path("spec").path("sliceSize").asText(null),
                slices,
                CreationTime.of(o));
    }
}
