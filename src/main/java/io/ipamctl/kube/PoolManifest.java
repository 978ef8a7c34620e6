package io.ipamctl.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.ipam.PoolDefinition;
import io.ipamctl.ipam.PoolRangeSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads an IPPool manifest (YAML or JSON, crd.antrea.io v1beta1 or v1alpha2) into a
 * {@link PoolDefinition}, refusing anything that is not exactly one IPPool.
 */
public final class PoolManifest {

    private static final Set<String> BETA_SPEC = Set.of("ipRanges", "subnetInfo");
    private static final Set<String> ALPHA_SPEC = Set.of("ipVersion", "ipRanges");

    /** The pool and, for v1alpha2, its ipVersion (0 when not given). */
    public record Parsed(PoolDefinition definition, int ipVersion, String apiVersion) {}

    private PoolManifest() {}

    public static Parsed parse(byte[] bytes, String source) {
        return fromNode(ManifestDocument.parse(bytes, source), SafeText.printable(source));
    }

    public static Parsed read(String file, java.nio.file.Path cwd, java.io.InputStream stdin) {
        return fromNode(ManifestDocument.read(file, cwd, stdin), SafeText.printable(file.equals("-") ? "stdin" : file));
    }

    private static Parsed fromNode(JsonNode doc, String source) {
        if (!doc.isObject()) {
            throw IpamctlException.invalid(
                    source + " is not a Kubernetes object (expected apiVersion, kind, metadata, spec)");
        }
        String kind = text(doc, "kind");
        String apiVersion = text(doc, "apiVersion");
        if (!"IPPool".equals(kind)) {
            throw IpamctlException.invalid(
                    source + " holds kind \"" + SafeText.printable(String.valueOf(kind)) + "\"; expected kind IPPool");
        }
        boolean beta = "crd.antrea.io/v1beta1".equals(apiVersion);
        boolean alpha = "crd.antrea.io/v1alpha2".equals(apiVersion);
        if (!beta && !alpha) {
            throw IpamctlException.invalid(
                    source + " has apiVersion \"" + SafeText.printable(String.valueOf(apiVersion))
                            + "\"; expected crd.antrea.io/v1beta1 or crd.antrea.io/v1alpha2 (whereabouts IPPools are not Antrea pools)");
        }
        String name = doc.path("metadata").path("name").asText(null);
        JsonNode spec = doc.path("spec");
        if (absent(spec)) {
            throw IpamctlException.invalid(source + ": spec is missing");
        }
        if (!spec.isObject()) {
            throw IpamctlException.invalid(source + ": spec must be an object (with ipRanges and "
                    + (beta ? "subnetInfo" : "ipVersion") + ")");
        }
        unknownFields(spec, beta ? BETA_SPEC : ALPHA_SPEC, "spec", source);
        List<PoolRangeSpec> ranges = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        String gateway = null;
        int prefix = 0;
        int vlan = 0;
        int ipVersion = 0;
        JsonNode rangesNode = spec.path("ipRanges");
        if (absent(rangesNode)) {
            missing.add("spec.ipRanges");
        } else if (!rangesNode.isArray()) {
            throw IpamctlException.invalid(source + ": spec.ipRanges must be a list");
        }
        Set<String> rangeFields = beta
                ? Set.of("cidr", "start", "end")
                : Set.of("cidr", "start", "end", "gateway", "prefixLength", "vlan");
        int i = 0;
        for (JsonNode r : rangesNode.isArray() ? rangesNode : List.<JsonNode>of()) {
            String at = "spec.ipRanges[" + i++ + "]";
            unknownFields(r, rangeFields, "spec.ipRanges[]", source);
            ranges.add(new PoolRangeSpec(text(r, "cidr"), text(r, "start"), text(r, "end")));
            if (alpha) {
                required(r, at, missing, "gateway", "prefixLength");
                if (gateway == null) {
                    gateway = text(r, "gateway");
                    prefix = integer(r, "prefixLength", source);
                    vlan = integer(r, "vlan", source);
                }
            }
        }
        for (PoolRangeSpec r : ranges) {
            boolean cidr = r.cidr() != null;
            boolean startEnd = r.start() != null || r.end() != null;
            if (cidr == startEnd || (startEnd && (r.start() == null || r.end() == null))) {
                throw IpamctlException.invalid(source + ": each range needs either cidr, or start and end");
            }
        }
        if (beta) {
            JsonNode s = spec.path("subnetInfo");
            if (absent(s)) {
                missing.add("spec.subnetInfo (with gateway and prefixLength)");
            } else {
                unknownFields(s, Set.of("gateway", "prefixLength", "vlan"), "spec.subnetInfo", source);
                required(s, "spec.subnetInfo", missing, "gateway", "prefixLength");
            }
            gateway = text(s, "gateway");
            prefix = integer(s, "prefixLength", source);
            vlan = integer(s, "vlan", source);
        } else {
            required(spec, "spec", missing, "ipVersion");
            ipVersion = integer(spec, "ipVersion", source);
            if (missing.isEmpty() && ipVersion != 4 && ipVersion != 6) {
                throw IpamctlException.invalid(source + ": spec.ipVersion must be 4 or 6");
            }
        }
        if (!missing.isEmpty()) {
            // every required field the CRD schema names, at once, rather than the first consequence of one missing
            throw IpamctlException.invalid(
                    missing.stream().map(m -> source + ": " + m + " is missing").toList());
        }
        return new Parsed(new PoolDefinition(name, ranges, gateway, prefix, vlan), ipVersion, apiVersion);
    }

    private static boolean absent(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull();
    }

    /** Adds "at.field" to missing for each field that is absent, null or an empty string. */
    private static void required(JsonNode node, String at, List<String> missing, String... fields) {
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (absent(v) || (v.isTextual() && v.asText().isEmpty())) {
                missing.add(at + "." + f);
            }
        }
    }

    private static void unknownFields(JsonNode node, Set<String> known, String path, String source) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw IpamctlException.invalid(
                        source + ": unknown field " + path + "." + SafeText.printable(f) + " (known: "
                                + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static int integer(JsonNode n, String field, String source) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw IpamctlException.invalid(
                    source + ": " + field + " must be an integer, got \"" + SafeText.printable(v.asText()) + "\"");
        }
        return v.intValue();
    }
}
