package io.ipamctl.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.ipamctl.ipam.IpAddressObject;
import io.ipamctl.ipam.ServiceCidr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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

    private final KubernetesClient client;
    private final ObjectMapper json = new ObjectMapper();

    public ServiceCidrStore(KubernetesClient client) {
        this.client = client;
    }

    /** Both kinds served in networking.k8s.io/v1 (the new allocator; a server with the old bitmap serves neither). */
    public boolean installed() {
        return ApiDiscovery.serves(client, API_VERSION, "servicecidrs", "ipaddresses");
    }

    /** Every ServiceCIDR, sorted by name. */
    public List<ServiceCidr> cidrs() {
        return cidrs(null);
    }

    /** The ServiceCIDRs whose labels match the selector (null: all), sorted by name; the server applies it. */
    public List<ServiceCidr> cidrs(String labelSelector) {
        List<ServiceCidr> out = new ArrayList<>();
        for (GenericKubernetesResource r : CIDRS.listAll(client, labelSelector)) {
            JsonNode o = json.valueToTree(r.getAdditionalProperties());
            List<String> cidrs = new ArrayList<>();
            o.path("spec").path("cidrs").forEach(c -> cidrs.add(c.asText()));
            out.add(new ServiceCidr(
                    r.getMetadata().getName(),
                    cidrs,
                    notReady(r, o.path("status").path("conditions")),
                    CreationTime.of(r)));
        }
        out.sort(Comparator.comparing(ServiceCidr::name));
        return out;
    }

    /** Only a Ready (or not yet judged) ServiceCIDR that is not being deleted takes new ClusterIPs. */
    private static String notReady(GenericKubernetesResource r, JsonNode conditions) {
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
        if (r.getMetadata().getDeletionTimestamp() != null) {
            return "it is being deleted" + (because == null ? "" : "; " + because);
        }
        return because;
    }

    /** Every IPAddress, sorted by address text. */
    public List<IpAddressObject> addresses() {
        List<IpAddressObject> out = new ArrayList<>();
        for (GenericKubernetesResource r : ADDRESSES.listAll(client)) {
            JsonNode ref =
                    json.valueToTree(r.getAdditionalProperties()).path("spec").path("parentRef");
            Map<String, String> labels = r.getMetadata().getLabels();
            out.add(new IpAddressObject(
                    r.getMetadata().getName(),
                    labels == null ? null : labels.get(MANAGED_BY),
                    ref.path("group").asText(""),
                    ref.path("resource").asText(""),
                    ref.path("namespace").asText(""),
                    ref.path("name").asText("")));
        }
        return out;
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
