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
        Instant plain = plainUtc(text);
        if (plain != null) {
            return plain;
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

    /**
     * The API server's own form, "yyyy-MM-ddTHH:mm:ssZ" with every field in range, read without java.time's
     * formatter (whose first use costs a cold run more than reading 500 of them); null for anything else,
     * which {@link Instant#parse} then reads (fractions, offsets, leap seconds) or refuses.
     */
    static Instant plainUtc(String t) {
        if (t.length() != 20
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':'
                || t.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second);
    }

    /** The decimal number of those ASCII digits, -1 if one is not a digit. */
    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
