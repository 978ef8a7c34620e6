package io.ipamctl.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON Patch (RFC 6902) that first sets metadata.resourceVersion to the version the change was checked
 * at: the API server then answers 409 Conflict when the object changed in between, which
 * {@link ConflictRetry} repeats with a fresh read. Used where a merge patch cannot remove a list item.
 */
final class GuardedPatch {

    private final List<Map<String, Object>> ops = new ArrayList<>();

    GuardedPatch(String resourceVersion) {
        ops.add(Map.of("op", "replace", "path", "/metadata/resourceVersion", "value", resourceVersion));
    }

    GuardedPatch remove(String... path) {
        ops.add(Map.of("op", "remove", "path", pointer(path)));
        return this;
    }

    GuardedPatch replace(Object value, String... path) {
        ops.add(Map.of("op", "replace", "path", pointer(path), "value", value));
        return this;
    }

    /** A JSON Pointer of the given keys, each escaped ("~" and "/"). */
    private static String pointer(String... keys) {
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            sb.append('/').append(k.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    String json() {
        try {
            return new ObjectMapper().writeValueAsString(ops);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
