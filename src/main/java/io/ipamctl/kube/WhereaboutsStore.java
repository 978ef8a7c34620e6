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

    private final KubernetesClient client;
    private final ObjectMapper json = new ObjectMapper();

    public WhereaboutsStore(KubernetesClient client) {
        this.client = client;
    }

    public boolean installed() {
        return ApiDiscovery.serves(client, API_VERSION, "ippools");
    }

    /** Every IPPool in every namespace, sorted by namespace/name. */
    public List<WhereaboutsPool> pools() {
        return pools(null);
    }

    /** The IPPools whose labels match the selector (null: all), sorted by namespace/name; the server applies it. */
    public List<WhereaboutsPool> pools(String labelSelector) {
        List<WhereaboutsPool> out = new ArrayList<>();
        Pages.selected(
                        client,
                        labelSelector,
                        options -> client.genericKubernetesResources(IPPOOLS)
                                .inAnyNamespace()
                                .list(options))
                .forEach(r -> out.add(pool(r)));
        out.sort(Comparator.comparing(WhereaboutsPool::qualifiedName));
        return out;
    }

    /** The Whereabouts networks of all NADs (none when the NAD CRD is not installed); unreadable configs are warned about. */
    public List<WhereaboutsNetwork> networks(Consumer<String> warn) {
        if (!ApiDiscovery.serves(client, "k8s.cni.cncf.io/v1", "network-attachment-definitions")) {
            return List.of();
        }
        List<WhereaboutsNetwork> out = new ArrayList<>();
        for (GenericKubernetesResource r : listAll(NADS)) {
            String key = r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
            JsonNode config =
                    json.valueToTree(r.getAdditionalProperties()).path("spec").path("config");
            try {
                NadConfig.parse(key, config.isTextual() ? config.asText() : null)
                        .ifPresent(out::add);
            } catch (IllegalArgumentException e) {
                warn.accept("NetworkAttachmentDefinition " + key + ": " + e.getMessage() + " (left out)");
            }
        }
        out.sort(Comparator.comparing(WhereaboutsNetwork::nad));
        return out;
    }

    /** Every NodeSlicePool (none when the CRD is not installed: node slices are experimental upstream). */
    public List<NodeSlicePool> nodeSlicePools() {
        if (!ApiDiscovery.serves(client, API_VERSION, "nodeslicepools")) {
            return List.of();
        }
        List<NodeSlicePool> out = new ArrayList<>();
        for (GenericKubernetesResource r : listAll(NODE_SLICES)) {
            JsonNode o = json.valueToTree(r.getAdditionalProperties());
            List<NodeSlicePool.Slice> slices = new ArrayList<>();
            for (JsonNode a : o.path("status").path("allocations")) {
                slices.add(new NodeSlicePool.Slice(
                        a.path("nodeName").asText(""), a.path("sliceRange").asText("")));
            }
            out.add(new NodeSlicePool(
                    r.getMetadata().getNamespace(),
                    r.getMetadata().getName(),
                    o.path("spec").path("range").asText(null),
                    o.path("spec").path("sliceSize").asText(null),
                    slices,
                    CreationTime.of(r)));
        }
        return out;
    }

    public Optional<WhereaboutsPool> find(String namespace, String name) {
        try {
            GenericKubernetesResource r = client.genericKubernetesResources(IPPOOLS)
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            return Optional.ofNullable(r).map(this::pool);
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
            if (ApiDiscovery.serves(client, "k8s.cni.cncf.io/v1", "network-attachment-definitions")) {
                watches.add(client.genericKubernetesResources(NADS)
                        .inAnyNamespace()
                        .watch(Watches.onAnyChange(onChange, onEnd)));
            }
            if (ApiDiscovery.serves(client, API_VERSION, "nodeslicepools")) {
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
        if (!ApiDiscovery.serves(client, API_VERSION, "overlappingrangeipreservations")) {
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

    private List<GenericKubernetesResource> listAll(ResourceDefinitionContext kind) {
        return Pages.all(
                client,
                options ->
                        client.genericKubernetesResources(kind).inAnyNamespace().list(options));
    }

    private WhereaboutsPool pool(GenericKubernetesResource r) {
        JsonNode spec = json.valueToTree(r.getAdditionalProperties()).path("spec");
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
        return new WhereaboutsPool(
                r.getMetadata().getNamespace(),
                r.getMetadata().getName(),
                range,
                allocations,
                r.getMetadata().getResourceVersion(),
                CreationTime.of(r));
    }
}
