package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.PoolDefinition;
import io.ipamctl.kube.crd.v1beta1.IPPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Reads and writes Antrea IPPools in whichever version the server serves (v1beta1 first). */
public final class IpPoolStore {

    /** Why nothing can be done with IPPools on this server, and how to change that. */
    public static final String NOT_SERVED = "AntreaIPAM not available: the server serves no ippools.crd.antrea.io "
            + "(enable the AntreaIPAM feature gate in the antrea-config ConfigMap, keys antrea-agent.conf "
            + "and antrea-controller.conf: featureGates: {AntreaIPAM: true})";

    /** Page size for lists: big clusters are read in pages, never in one giant response. */
    static final long PAGE = 500;

    private static final CachedKind<PoolRecord> CACHED_BETA = cachedKind(PoolVersion.V1BETA1);
    private static final CachedKind<PoolRecord> CACHED_ALPHA = cachedKind(PoolVersion.V1ALPHA2);

    private final KubernetesClient client;
    private final PoolListReader reader;
    private final ClusterCache cache;
    private PoolVersion version;
    private boolean detected;

    /** A store that reads every list from the API server. */
    public IpPoolStore(KubernetesClient client) {
        this(client, ClusterCache.NONE);
    }

    /** A store whose lists come through the warm server's cache where it holds them (writes always go to the server). */
    public IpPoolStore(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.reader = new PoolListReader(client);
        this.cache = cache;
    }

    /** The IPPools of that version as the warm server keeps them: every detail, owners included. */
    static CachedKind<PoolRecord> cached(PoolVersion v) {
        return v == PoolVersion.V1BETA1 ? CACHED_BETA : CACHED_ALPHA;
    }

    private static CachedKind<PoolRecord> cachedKind(PoolVersion v) {
        return new CachedKind<>("IPPools", "apis/" + v.apiVersion() + "/ippools", "ippools", client -> {
            PoolListReader reader = new PoolListReader(client);
            return p -> {
                PoolRecord pool = reader.item(p, v, true);
                return new CachedKind.Held<>(pool.name(), pool.resourceVersion(), pool);
            };
        });
    }

    /**
     * What compute gives for that pool as listed (e.g. its usage row): kept between commands with the
     * object the warm server holds, until it changes (its resourceVersion, which etcd never gives
     * twice, so a pool deleted and made again under the same name is a new key); else computed now.
     */
    public <M> M memo(PoolRecord pool, Class<M> type, Supplier<M> compute) {
        PoolVersion v = pool.apiVersion().equals(PoolVersion.V1ALPHA2.apiVersion())
                ? PoolVersion.V1ALPHA2
                : PoolVersion.V1BETA1;
        return cache.memo(cached(v), pool.name(), pool.resourceVersion(), type, compute);
    }

    /** The served version, asked once per run from API discovery. */
    public PoolVersion version() {
        if (!installed()) {
            throw IpamctlException.failed(NOT_SERVED);
        }
        return version;
    }

    /** True when either version of Antrea's IPPool is served (asked once; no error when none is). */
    public boolean installed() {
        if (!detected) {
            version = served(PoolVersion.V1BETA1)
                    ? PoolVersion.V1BETA1
                    : served(PoolVersion.V1ALPHA2) ? PoolVersion.V1ALPHA2 : null;
            detected = true;
        }
        return version != null;
    }

    private boolean served(PoolVersion v) {
        return ApiDiscovery.serves(client, cache, v.apiVersion(), "ippools");
    }

    /** What a list of the pools must hold; the less, the less is read. */
    public enum Detail {
        /** Definition, status.usage, and each status entry's address and phase: what usage views count and check. */
        ADDRESSES,
        /** Everything, each entry's owner (Pod, container, StatefulSet) included. */
        OWNERS
    }

    /** Every pool with everything it holds. */
    public List<PoolRecord> list() {
        return list(Detail.OWNERS);
    }

    /** Every pool, sorted by name, holding what detail asks for. */
    public List<PoolRecord> list(Detail detail) {
        return list(detail, null);
    }

    /**
     * The pools whose labels match the selector (null: every pool), sorted by name. The server applies the
     * selector; the warm server's cache holds every pool without their labels, so a selected read bypasses it.
     */
    public List<PoolRecord> list(Detail detail, String labelSelector) {
        if (labelSelector != null) {
            return Snapshot.read(
                    rv -> listAt(rv, detail, labelSelector),
                    null,
                    client.getMasterUrl().toString());
        }
        if (cache.keeps()) {
            // the cache holds every detail: one list serves every view
            List<List<PoolRecord>> out = new ArrayList<>();
            return Snapshot.read(
                    rv -> {
                        served(v -> out.add(cache.read(cached(v)).stream()
                                .map(CachedKind.Held::value)
                                .toList()));
                        return out.get(0);
                    },
                    null,
                    client.getMasterUrl().toString());
        }
        return Snapshot.read(
                rv -> listAt(rv, detail, null), null, client.getMasterUrl().toString());
    }

    /**
     * The pool names, sorted: from the warm server's cache when it holds them current, else from the
     * server's Table, where the server sends no objects, so big pools cost nothing.
     */
    public List<String> names() {
        return names(null);
    }

    /** The names of the pools whose labels match the selector (null: every pool), sorted; see {@link #names()}. */
    public List<String> names(String labelSelector) {
        if (labelSelector == null && cache.current(cached(detected ? version : PoolVersion.V1BETA1))) {
            return list(Detail.ADDRESSES).stream().map(PoolRecord::name).toList();
        }
        List<String> out = new ArrayList<>();
        Snapshot.read(
                rv -> {
                    served(v -> Pages.each(
                            null, options -> reader.namesPage(v, Pages.selected(options, labelSelector), out::add)));
                    return out;
                },
                null,
                client.getMasterUrl().toString());
        if (labelSelector == null) {
            // the next TAB answers from memory; this one did not wait for every pool's details
            cache.warm(cached(detected ? version : PoolVersion.V1BETA1));
        }
        out.sort(null);
        return out;
    }

    /** The pools sorted by name, as they are now (atRevision null) or were at exactly that revision. */
    private List<PoolRecord> listAt(String atRevision, Detail detail, String labelSelector) {
        List<PoolRecord> out = new ArrayList<>();
        served(v -> Pages.each(
                atRevision,
                options -> reader.page(v, Pages.selected(options, labelSelector), detail == Detail.OWNERS, out::add)));
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /**
     * Reads with the served version: v1beta1 straight away (every Antrea with AntreaIPAM since v1.13 serves
     * it), so a list costs no discovery request; API discovery is asked only when the server answers 404.
     */
    private void served(Consumer<PoolVersion> read) {
        if (detected) {
            read.accept(version());
            return;
        }
        try {
            read.accept(PoolVersion.V1BETA1);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            read.accept(version());
        }
    }

    /** The pools as they were at exactly that revision (see {@link Snapshot}); the current ones if the server cannot tell. */
    public List<PoolRecord> listAtRevision(String resourceVersion) {
        return Snapshot.read(
                rv -> listAt(rv, Detail.OWNERS, null),
                resourceVersion,
                client.getMasterUrl().toString());
    }

    /**
     * Calls onChange after every change of any IPPool (added, modified, deleted) until the returned
     * watch is closed, and onEnd with the reason if the server ends the watch for good. A watch, not
     * polling: nothing is asked while nothing changes.
     */
    public Watch watch(Runnable onChange, Consumer<String> onEnd) {
        try {
            return version() == PoolVersion.V1BETA1
                    ? watch(IPPool.class, onChange, onEnd)
                    : watch(io.ipamctl.kube.crd.v1alpha2.IPPool.class, onChange, onEnd);
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    private <T extends HasMetadata> Watch watch(Class<T> type, Runnable onChange, Consumer<String> onEnd) {
        return client.resources(type).watch(Watches.onAnyChange(onChange, onEnd));
    }

    public Optional<PoolRecord> find(String name) {
        try {
            if (version() == PoolVersion.V1BETA1) {
                IPPool p = client.resources(IPPool.class).withName(name).get();
                return Optional.ofNullable(p).map(PoolConversion::fromBeta);
            }
            var p = client.resources(io.ipamctl.kube.crd.v1alpha2.IPPool.class)
                    .withName(name)
                    .get();
            return Optional.ofNullable(p).map(PoolConversion::fromAlpha);
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    public PoolRecord get(String name) {
        return find(name)
                .orElseThrow(() -> IpamctlException.failed(
                        "IPPool \"" + name + "\" not found (list pools with: ipamctl pool list)"));
    }

    /** The object that {@link #create} sends, in the served version (for --dry-run=client -o yaml). */
    public Object manifest(PoolDefinition def, int ipVersion) {
        return version() == PoolVersion.V1BETA1 ? PoolConversion.toBeta(def) : PoolConversion.toAlpha(def, ipVersion);
    }

    /**
     * Creates the pool; with serverDryRun the server validates it (schema, webhook) without storing it.
     * A refusal by the server or a webhook is reported with the server's own message.
     */
    public PoolRecord create(PoolDefinition def, int ipVersion, boolean serverDryRun) {
        try {
            if (version() == PoolVersion.V1BETA1) {
                var r = client.resources(IPPool.class).resource(PoolConversion.toBeta(def));
                IPPool created = serverDryRun ? r.dryRun().create() : r.create();
                return PoolConversion.fromBeta(created);
            }
            var r = client.resources(io.ipamctl.kube.crd.v1alpha2.IPPool.class)
                    .resource(PoolConversion.toAlpha(def, ipVersion));
            var created = serverDryRun ? r.dryRun().create() : r.create();
            return PoolConversion.fromAlpha(created);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw IpamctlException.failed("IPPool \"" + def.name() + "\" already exists");
            }
            if (e.getCode() == 422 || e.getCode() == 400 || (e.getCode() == 403 && isAdmission(e))) {
                throw IpamctlException.failed(
                        "the server refused IPPool \"" + def.name() + "\": " + KubeErrors.serverMessage(e));
            }
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    private static boolean isAdmission(KubernetesClientException e) {
        return KubeErrors.serverMessage(e).contains("admission webhook");
    }

    /**
     * Deletes exactly the pool we created: only while it still has our uid, each attempt with the
     * resourceVersion just read as precondition (so a pool re-created under the name by someone
     * else is never touched). False when it is already gone or no longer ours.
     */
    public boolean deleteOwn(PoolRecord created) {
        try {
            return ConflictRetry.run("deleting IPPool " + created.name(), () -> {
                Optional<PoolRecord> now = find(created.name());
                if (now.isEmpty() || !created.uid().equals(now.get().uid())) {
                    return false;
                }
                var r = version() == PoolVersion.V1BETA1
                        ? client.resources(IPPool.class).withName(created.name())
                        : client.resources(io.ipamctl.kube.crd.v1alpha2.IPPool.class)
                                .withName(created.name());
                return !r.lockResourceVersion(now.get().resourceVersion())
                        .delete()
                        .isEmpty();
            });
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    /**
     * Removes the status.ipAddresses entry of ip (and lowers status.usage.used with it) with a JSON patch
     * guarded by the resourceVersion the caller checked the pool at; a change since answers 409, left to
     * the caller to retry. False when the pool no longer lists ip.
     */
    public boolean removeAllocation(String poolName, IpAddress ip, String checkedRevision) {
        try {
            return removeEntry(poolName, ip, checkedRevision);
        } catch (KubernetesClientException e) {
            throw KubeErrors.unlessConflict(e, client.getMasterUrl().toString());
        }
    }

    private boolean removeEntry(String poolName, IpAddress ip, String checkedRevision) {
        ResourceDefinitionContext kind = new ResourceDefinitionContext.Builder()
                .withGroup("crd.antrea.io")
                .withVersion(version().apiVersion().substring("crd.antrea.io/".length()))
                .withPlural("ippools")
                .withKind("IPPool")
                .withNamespaced(false)
                .build();
        var resource = client.genericKubernetesResources(kind).withName(poolName);
        GenericKubernetesResource pool = resource.get();
        Map<?, ?> status =
                pool == null ? null : asMap(pool.getAdditionalProperties().get("status"));
        List<?> entries = status != null && status.get("ipAddresses") instanceof List<?> l ? l : List.of();
        int index = -1;
        for (int i = 0; i < entries.size() && index < 0; i++) {
            Map<?, ?> e = asMap(entries.get(i));
            if (e != null
                    && IpAddress.tryParse(String.valueOf(e.get("ipAddress")))
                            .map(ip::equals)
                            .orElse(false)) {
                index = i;
            }
        }
        if (index < 0) {
            return false;
        }
        GuardedPatch patch = new GuardedPatch(checkedRevision).remove("status", "ipAddresses", Integer.toString(index));
        if (asMap(status.get("usage")) != null) {
            patch.replace(entries.size() - 1, "status", "usage", "used");
        }
        resource.subresource("status").patch(PatchContext.of(PatchType.JSON), patch.json());
        return true;
    }

    private static Map<?, ?> asMap(Object o) {
        return o instanceof Map<?, ?> m ? m : null;
    }

    /** Deletes the pool; refusals (Antrea's "IPPool in use cannot be deleted") come back unchanged. */
    public void delete(String name, boolean serverDryRun) {
        try {
            var r = version() == PoolVersion.V1BETA1
                    ? client.resources(IPPool.class).withName(name)
                    : client.resources(io.ipamctl.kube.crd.v1alpha2.IPPool.class)
                            .withName(name);
            var deleted = serverDryRun ? r.dryRun().delete() : r.delete();
            if (deleted.isEmpty()) {
                throw IpamctlException.failed("IPPool \"" + name + "\" not found");
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403 && isAdmission(e)) {
                throw IpamctlException.failed(
                        "the server refused to delete IPPool \"" + name + "\": " + KubeErrors.serverMessage(e));
            }
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }
}
