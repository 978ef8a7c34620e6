package io.ipamctl.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sandbox's objects on disk: the seed scenario (cli/cluster/seed.yaml, built into the jar) and the
 * state file, a JSON List like {@code kubectl get -o json} prints, in a stable order.
 */
final class SandboxState {

    /** The order objects are listed in (namespaces first, as one would apply them); other kinds follow. */
    private static final List<String> ORDER = List.of(
            "v1/Namespace",
            "v1/Node",
            "crd.antrea.io/v1beta1/IPPool",
            "k8s.cni.cncf.io/v1/NetworkAttachmentDefinition",
            "whereabouts.cni.cncf.io/v1alpha1/IPPool",
            "v1/Service",
            "networking.k8s.io/v1/NetworkPolicy",
            "v1/Pod",
            "crd.antrea.io/v1beta1/ExternalIPPool",
            "crd.antrea.io/v1beta1/Egress",
            "networking.k8s.io/v1/ServiceCIDR",
            "networking.k8s.io/v1/IPAddress",
            "crd.antrea.io/v1beta1/Traceflow");

    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxState() {}

    /** The seed scenario's objects, with the default ServiceCIDR kube-apiserver makes at the cluster's start. */
    static List<ObjectNode> seed() throws IOException {
        try (InputStream in = SandboxState.class.getResourceAsStream("/io/ipamctl/sandbox/seed.yaml")) {
            if (in == null) {
                throw new IOException("the seed scenario is missing from the build");
            }
            List<ObjectNode> objects = new ArrayList<>();
            try (var it = new ObjectMapper(new YAMLFactory())
                    .readerFor(JsonNode.class)
                    .<JsonNode>readValues(in)) {
                while (it.hasNext()) {
                    JsonNode n = it.next();
                    if (n != null && n.isObject()) {
                        objects.add((ObjectNode) n);
                    }
                }
            }
            objects.add(JSON.valueToTree(SandboxServices.defaultServiceCidr(clusterCreated(objects))));
            return sorted(objects);
        }
    }

    /** When the seed's cluster was made: its kube-system Namespace's creationTimestamp (null: none given). */
    private static String clusterCreated(List<ObjectNode> objects) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals("Namespace")
                        && o.path("metadata").path("name").asText().equals("kube-system"))
                .map(o -> o.path("metadata").path("creationTimestamp").asText(null))
                .findFirst()
                .orElse(null);
    }

    /** The objects of a state file. */
    static List<ObjectNode> read(Path file) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        JSON.readTree(Files.readAllBytes(file)).path("items").forEach(n -> {
            if (n.isObject()) {
                objects.add((ObjectNode) n);
            }
        });
        return sorted(objects);
    }

    /** A state file's content for these objects (JSON texts as the API server stores them). */
    static byte[] write(List<String> objects) throws IOException {
        List<ObjectNode> nodes = new ArrayList<>();
        for (String o : objects) {
            nodes.add((ObjectNode) JSON.readTree(o));
        }
        StringBuilder sb = new StringBuilder("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[");
        List<ObjectNode> list = sorted(nodes);
        for (int i = 0; i < list.size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n").append(JSON.writeValueAsString(list.get(i)));
        }
        return sb.append("\n]}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<ObjectNode> sorted(List<ObjectNode> objects) {
        List<ObjectNode> copy = new ArrayList<>(objects);
        // stable: within a kind the order stays (the seed's order decides the OVS ports' numbers)
        copy.sort(Comparator.comparingInt(SandboxState::rank)
                .thenComparing(o ->
                        o.path("apiVersion").asText() + "/" + o.path("kind").asText()));
        return copy;
    }

    private static int rank(JsonNode o) {
        int i = ORDER.indexOf(
                o.path("apiVersion").asText() + "/" + o.path("kind").asText());
        return i < 0 ? ORDER.size() : i;
    }
}
