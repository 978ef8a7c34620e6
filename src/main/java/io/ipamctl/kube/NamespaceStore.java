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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Namespaces and their pool annotation. Writes touch only that one annotation. */
public final class NamespaceStore {

    private final KubernetesClient client;
    private final ObjectMapper json = new ObjectMapper();

    public NamespaceStore(KubernetesClient client) {
        this.client = client;
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

    /** Namespaces that carry the pool annotation, sorted by name (read in pages). */
    public List<Namespace> bound() {
        return bound(null);
    }

    /** The bound Namespaces among those the label selector matches (null: all), the selector applied by the server. */
    public List<Namespace> bound(String labelSelector) {
        List<Namespace> out = new ArrayList<>();
        for (Namespace ns : Pages.selected(
                client, labelSelector, options -> client.namespaces().list(options))) {
            if (annotation(ns, Annotations.IPPOOLS) != null) {
                out.add(ns);
            }
        }
        out.sort((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()));
        return out;
    }

    /** The pools each bound Namespace names, in annotation order (Antrea's reading of the value). */
    public List<NamespacePools> bindings() {
        return bound().stream()
                .map(ns -> new NamespacePools(
                        ns.getMetadata().getName(), Annotations.pools(annotation(ns, Annotations.IPPOOLS))))
                .toList();
    }

    /** The namespace's Pods (read in pages). */
    public List<Pod> pods(String namespace) {
        return Pages.all(client, options -> client.pods().inNamespace(namespace).list(options));
    }
}
