package io.ipamctl.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.ipamctl.ipam.PodFacts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Pod reduced to its addresses: status.podIPs, ipam.antrea.io/pod-ips, and Multus' network-status. */
public final class PodFactsReader {

    /** Multus writes the attached networks and their addresses here. */
    public static final String NETWORK_STATUS = "k8s.v1.cni.cncf.io/network-status";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PodFactsReader() {}

    public static PodFacts of(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        boolean hostNetwork =
                p.getSpec() != null && Boolean.TRUE.equals(p.getSpec().getHostNetwork());
        List<String> ips = new ArrayList<>();
        if (p.getStatus() != null
                && p.getStatus().getPodIPs() != null
                && !p.getStatus().getPodIPs().isEmpty()) {
            p.getStatus().getPodIPs().stream().map(PodIP::getIp).forEach(ips::add);
        } else if (p.getStatus() != null && p.getStatus().getPodIP() != null) {
            ips.add(p.getStatus().getPodIP());
        }
        Map<String, String> annotations = p.getMetadata().getAnnotations() == null
                ? Map.of()
                : p.getMetadata().getAnnotations();
        return new PodFacts(
                PodDirectory.key(p),
                p.getSpec() == null ? null : p.getSpec().getNodeName(),
                phase,
                hostNetwork,
                ips,
                Annotations.podIps(annotations.get(Annotations.POD_IPS)),
                Annotations.pools(annotations.get(Annotations.IPPOOLS)),
                secondary(p.getMetadata().getNamespace(), annotations.get(NETWORK_STATUS)));
    }

    /** The non-default entries; an unreadable annotation counts as none (Multus owns it, not us). */
    static List<PodFacts.SecondaryNetwork> secondary(String namespace, String networkStatus) {
        List<PodFacts.SecondaryNetwork> out = new ArrayList<>();
        if (networkStatus == null) {
            return out;
        }
        JsonNode list;
        try {
            list = JSON.readTree(networkStatus);
        } catch (IOException e) {
            return out;
        }
        for (JsonNode n : list) {
            String name = n.path("name").asText("");
            if (n.path("default").asBoolean(false) || name.isEmpty()) {
                continue;
            }
            List<String> ips = new ArrayList<>();
            n.path("ips").forEach(ip -> ips.add(ip.asText()));
            out.add(new PodFacts.SecondaryNetwork(
                    name.contains("/") ? name : namespace + "/" + name,
                    n.path("interface").asText(null),
                    ips));
        }
        return out;
    }
}
