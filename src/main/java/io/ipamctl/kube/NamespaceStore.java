package io.ipamctl.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.NamespacePools;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Namespaces and their pool annotation. Writes touch only that one annotation. */
public final class NamespaceStore {

    /** A Namespace as the views read it: its name and its pool annotation (null when it has none). */
    record Annotated(String name, String pools) {}

    /** The Namespaces as the warm server keeps them: name and pool annotation only. */
    static final CachedKind<Annotated> CACHED = CachedKind.ofTree(
            "Namespaces",
            "api/v1/namespaces",
            "namespaces",
            (client, o) -> new Annotated(
                    o.path("metadata").path("name").asText(null),
                    o.path("metadata")
                            .path("annotations")
                            .path(Annotations.IPPOOLS)
                            .asText(null)));

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final ObjectMapper json = new ObjectMapper();

    public NamespaceStore(KubernetesClient client) {
        this(client, ClusterCache.NONE);
    }

    /** A store whose bindings come through the warm server's cache where it keeps the Namespaces. */
    public NamespaceStore(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.cache = cache;
    }

    public Namespace get(String name) {
        try {
            Namespace ns = client.namespaces().withName(name).get();
            if (ns == null) {
                throw IpamctlException.failed("namespace \"" + name + "\" not found");
            }
            return ns;
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    public static String annotation(Namespace ns, String key) {
        Map<String, String> a = ns.getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }

    /**
     * Sets (value non-null) or removes (null) one annotation with a JSON merge patch that carries
     * the resourceVersion we checked, so a concurrent change makes the server answer 409 instead of
     * being overwritten; other annotations are never sent, so edits to them always survive. With
     * serverDryRun the server checks the patch and stores nothing.
     */
    public void patchAnnotation(
            String namespace, String resourceVersion, String key, String value, boolean serverDryRun) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(key, value);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resourceVersion", resourceVersion);
        metadata.put("annotations", annotations);
        try {
            String patch = json.writeValueAsString(Map.of("metadata", metadata));
            client.namespaces()
                    .withName(namespace)
                    .dryRun(serverDryRun)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pools each bound Namespace names, in annotation order (Antrea's reading of the value). */
    public List<NamespacePools> bindings() {
        return bindings(null);
    }

    /**
     * The same for the Namespaces the label selector matches (null: all): from the warm server's cache
     * when it keeps the Namespaces and no selector is given (a selector is the server's to apply).
     */
    public List<NamespacePools> bindings(String labelSelector) {
        return CACHED.list(client, cache, labelSelector).stream()
                .filter(ns -> ns.pools() != null)
                .map(ns -> new NamespacePools(ns.name(), Annotations.pools(ns.pools())))
                .toList();
    }

    /** The namespace's Pods (read in pages). */
    public List<Pod> pods(String namespace) {
        return Pages.all(client, options -> client.pods().inNamespace(namespace).list(options));
    }
}
