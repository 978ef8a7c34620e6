package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** metadata.creationTimestamp as an instant, null-safe: an object without one (or with one unreadable) has no age. */
final class CreationTime {

    private CreationTime() {}

    /** The RFC 3339 text the API server writes ("2026-11-02T08:15:00Z"), or null. */
    static Instant parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null; // not the server's form: shown as an unknown age rather than failing the listing
        }
    }

    /** Of an object read as a JSON tree (see {@link CachedKind#ofTree}). */
    static Instant of(com.fasterxml.jackson.databind.JsonNode object) {
        return parse(object.path("metadata").path("creationTimestamp").asText(null));
    }

    static Instant of(HasMetadata object) {
        return object.getMetadata() == null ? null : parse(object.getMetadata().getCreationTimestamp());
    }
}
