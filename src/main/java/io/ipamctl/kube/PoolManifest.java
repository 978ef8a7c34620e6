package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.ipam.PoolDefinition;
import io.ipamctl.ipam.PoolRangeSpec;

/**
 * Reads an IPPool manifest (YAML or JSON, crd.antrea.io v1beta1 or v1alpha2) into a
 * {@link PoolDefinition}, refusing anything that is not exactly one IPPool.
 */
public final class PoolManifest {

    private static final Set<String> BETA_SPEC = Set.of("ipRanges", "subnetInfo");
    private static final Set<String> ALPHA_SPEC = Set.of("ipVersion", "ipRanges");

    /** The pool and, for v1alpha2, its ipVersion (0 when not given). */
    public record Parsed(PoolDefinition definition, int ipVersion, String apiVersion) {
    }

    private PoolManifest() {
    }

    public static Parsed parse(byte[] bytes, String source) {
        return fromNode(ManifestDocument.parse(bytes, source), SafeText.printable(source));
    }

    public static Parsed read(String file, java.nio.file.Path cwd, java.io.InputStream stdin) {
        return fromNode(ManifestDocument.read(file, cwd, stdin), SafeText.printable(file.equals("-") ? "stdin" : file));
    }

    private static Parsed fromNode(JsonNode doc, String source) {
        if (!doc.isObject()) {
            throw IpamctlException.invalid(source + " is not a Kubernetes object (expected apiVersion, kind, metadata, spec)");
        }
        String kind = text(doc, "kind");
        String apiVersion = text(doc, "apiVersion");
        if (!"IPPool".equals(kind)) {
            throw IpamctlException.invalid(source + " holds kind \"" + SafeText.printable(String.valueOf(kind))
                    + "\"; expected kind IPPool");
        }
        boolean beta = "crd.antrea.io/v1beta1".equals(apiVersion);
        boolean alpha = "crd.antrea.io/v1alpha2".equals(apiVersion);
        if (!beta && !alpha) {
            throw IpamctlException.invalid(source + " has apiVersion \"" + SafeText.printable(String.valueOf(apiVersion))
                    + "\"; expected crd.antrea.io/v1beta1 or crd.antrea.io/v1alpha2 (whereabouts IPPools are not Antrea pools)");
        }
        String name = doc.path("metadata").path("name").asText(null);
        JsonNode spec = doc.path("spec");
        if (!spec.isObject()) {
            throw IpamctlException.invalid(source + " has no spec");
        }
        unknownFields(spec, beta ? BETA_SPEC : ALPHA_SPEC, "spec", source);
        List<PoolRangeSpec> ranges = new ArrayList<>();
        String gateway = null;
        int prefix = 0;
        int vlan = 0;
        int ipVersion = 0;
        JsonNode rangesNode = spec.path("ipRanges");
        if (!rangesNode.isArray()) {
            throw IpamctlException.invalid(source + ": spec.ipRanges must be a list");
        }
        Set<String> rangeFields = beta ? Set.of("cidr", "start", "end")
                : Set.of("cidr", "start", "end", "gateway", "prefixLength", "vlan");
        for (JsonNode r : rangesNode) {
            unknownFields(r, rangeFields, "spec.ipRanges[]", source);
            ranges.add(new PoolRangeSpec(text(r, "cidr"), text(r, "start"), text(r, "end")));
            if (alpha && gateway == null) {
                gateway = text(r, "gateway");
                prefix = integer(r, "prefixLength", source);
                vlan = integer(r, "vlan", source);
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
            unknownFields(s, Set.of("gateway", "prefixLength", "vlan"), "spec.subnetInfo", source);
            gateway = text(s, "gateway");
            prefix = integer(s, "prefixLength", source);
            vlan = integer(s, "vlan", source);
        } else {
            ipVersion = integer(spec, "ipVersion", source);
            if (ipVersion != 4 && ipVersion != 6) {
                throw IpamctlException.invalid(source + ": spec.ipVersion must be 4 or 6");
            }
        }
        return new Parsed(new PoolDefinition(name, ranges, gateway, prefix, vlan), ipVersion, apiVersion);
    }

    private static void unknownFields(JsonNode node, Set<String> known, String path, String source) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw IpamctlException.invalid(source + ": unknown field " + path + "." + SafeText.printable(f)
                        + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
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
            throw IpamctlException.invalid(source + ": " + field + " must be an integer, got \""
                    + SafeText.printable(v.asText()) + "\"");
        }
        return v.intValue();
    }
}
