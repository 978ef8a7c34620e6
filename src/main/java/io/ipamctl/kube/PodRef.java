package io.ipamctl.kube;

import io.ipamctl.DnsNames;
import java.util.Optional;

/** A Pod as users name it: NAMESPACE/NAME, or NAME alone (namespace null: the caller's -n applies). */
public record PodRef(String namespace, String name) {

    /** Empty when the text is neither shape or a part is not a valid Kubernetes name. */
    public static Optional<PodRef> parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length == 1 && DnsNames.isSubdomain(parts[0])) {
            return Optional.of(new PodRef(null, parts[0]));
        }
        if (parts.length == 2 && DnsNames.isLabel(parts[0]) && DnsNames.isSubdomain(parts[1])) {
            return Optional.of(new PodRef(parts[0], parts[1]));
        }
        return Optional.empty();
    }

    /** The namespace given with the name, else the default one. */
    public String namespaceOr(String defaultNamespace) {
        return namespace != null ? namespace : defaultNamespace;
    }

    /** This Pod with its namespace: the one given with the name, else the default one. */
    public PodRef inNamespace(String defaultNamespace) {
        return new PodRef(namespaceOr(defaultNamespace), name);
    }

    /** "namespace/name". */
    public String text() {
        return namespace + "/" + name;
    }
}
