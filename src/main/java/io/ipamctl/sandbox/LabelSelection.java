package io.ipamctl.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ipamctl.kube.LabelSelectors;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's label selectors on the sandbox's lists. The mock knows key=value, key!=value, key and !key
 * only, and ignores the set-based key in (a,b) and key notin (a,b): the sandbox lists without the selector and
 * keeps the items whose labels match all of it, as kube-apiserver does.
 */
final class LabelSelection {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXISTS = Pattern.compile("(!?)\\s*([^\\s!=(),]+)");
    private static final Pattern EQUALS = Pattern.compile("([^\\s!=(),]+)\\s*(==|=|!=)\\s*([^\\s!=(),]*)");
    private static final Pattern IN_SET = Pattern.compile("([^\\s!=(),]+)\\s+(in|notin)\\s*\\(([^()]*)\\)");

    private LabelSelection() {}

    /** The labelSelector of a list request (a watch keeps the mock's own), decoded; empty without one. */
    static Optional<String> of(String path) {
        String query = URI.create(path).getRawQuery();
        if (query == null
                || Arrays.asList(query.split("&")).contains("watch=1")
                || Arrays.asList(query.split("&")).contains("watch=true")) {
            return Optional.empty();
        }
        return Arrays.stream(query.split("&"))
                .filter(p -> p.startsWith("labelSelector="))
                .map(p -> URLDecoder.decode(p.substring("labelSelector=".length()), StandardCharsets.UTF_8))
                .filter(s -> !s.isBlank())
                .findFirst();
    }

    /** The path without its labelSelector parameter. */
    static String without(String path) {
        URI uri = URI.create(path);
        String rest = Arrays.stream(uri.getRawQuery().split("&"))
                .filter(p -> !p.startsWith("labelSelector="))
                .reduce((a, b) -> a + "&" + b)
                .orElse("");
        return uri.getRawPath() + (rest.isEmpty() ? "" : "?" + rest);
    }

    /** A list answer (JSON) with only the items whose labels match; anything else unchanged. */
    static byte[] filter(byte[] list, String selector) {
        JsonNode root;
        try {
            root = JSON.readTree(list);
        } catch (IOException e) {
            return list; // not a list: the mock's own error answer, passed on
        }
        if (!(root instanceof ObjectNode o) || !(o.get("items") instanceof ArrayNode items)) {
            return list;
        }
        Predicate<Map<String, String>> wanted = predicate(selector);
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode item : items) {
            Map<String, String> labels = JSON.convertValue(
                    item.path("metadata").path("labels"),
                    JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            if (wanted.test(labels == null ? Map.of() : labels)) {
                kept.add(item);
            }
        }
        o.set("items", kept);
        try {
            return JSON.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every requirement of the selector (commas inside a set belong to it); one that does not parse matches nothing. */
    static Predicate<Map<String, String>> predicate(String selector) {
        Predicate<Map<String, String>> all = labels -> true;
        for (String requirement : LabelSelectors.requirements(selector)) {
            all = all.and(requirement(requirement.trim()));
        }
        return all;
    }

    private static Predicate<Map<String, String>> requirement(String r) {
        Matcher m;
        if ((m = IN_SET.matcher(r)).matches()) {
            String key = m.group(1);
            boolean in = m.group(2).equals("in");
            List<String> values =
                    Arrays.stream(m.group(3).split(",")).map(String::trim).toList();
            return in
                    ? labels -> labels.containsKey(key) && values.contains(labels.get(key))
                    : labels -> !labels.containsKey(key) || !values.contains(labels.get(key));
        }
        if ((m = EQUALS.matcher(r)).matches()) {
            String key = m.group(1);
            String value = m.group(3);
            return m.group(2).equals("!=")
                    ? labels -> !value.equals(labels.get(key))
                    : labels -> value.equals(labels.get(key));
        }
        if ((m = EXISTS.matcher(r)).matches()) {
            String key = m.group(2);
            return m.group(1).isEmpty() ? labels -> labels.containsKey(key) : labels -> !labels.containsKey(key);
        }
        return labels -> false;
    }
}
