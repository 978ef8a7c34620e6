package io.ipamctl.ovs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of `ovs-vsctl --format=json --data=json list TABLE` (one JSON object per listed table:
 * {"headings":[...],"data":[[...],...]}), with OVSDB's JSON atoms decoded: ["uuid",u] to u,
 * ["set",[...]] to a list, ["map",[[k,v],...]] to a map, and "no value" (empty set) to null.
 */
public record OvsdbTable(List<String> headings, List<Map<String, Object>> rows) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every table in the output, in order (several `list` commands joined with `--`). */
    public static List<OvsdbTable> parseAll(String output) {
        List<OvsdbTable> tables = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(output)) {
            while (it.hasNext()) {
                tables.add(of(it.next()));
            }
        } catch (OvsParseException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new OvsParseException("ovs-vsctl output is not OVSDB JSON: " + firstLine(e.getMessage()));
        }
        return tables;
    }

    static OvsdbTable of(JsonNode node) {
        JsonNode headings = node.path("headings");
        JsonNode data = node.path("data");
        if (!headings.isArray() || !data.isArray()) {
            throw new OvsParseException("ovs-vsctl JSON lacks headings/data");
        }
        List<String> names = new ArrayList<>();
        headings.forEach(h -> names.add(h.asText()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode row : data) {
            if (!row.isArray() || row.size() != names.size()) {
                throw new OvsParseException(
                        "ovs-vsctl JSON row has " + row.size() + " cells for " + names.size() + " columns");
            }
            Map<String, Object> r = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                r.put(names.get(i), atom(row.get(i)));
            }
            rows.add(r);
        }
        return new OvsdbTable(List.copyOf(names), rows);
    }

    private static Object atom(JsonNode v) {
        if (v.isArray() && v.size() == 2 && v.get(0).isTextual()) {
            String tag = v.get(0).asText();
            JsonNode body = v.get(1);
            switch (tag) {
                case "uuid", "named-uuid":
                    return body.asText();
                case "set": {
                    List<Object> items = new ArrayList<>();
                    body.forEach(x -> items.add(atom(x)));
                    return items.isEmpty() ? null : items;
                }
                case "map": {
                    Map<String, String> m = new LinkedHashMap<>();
                    for (JsonNode pair : body) {
                        if (!pair.isArray() || pair.size() != 2) {
                            throw new OvsParseException("ovs-vsctl JSON map entry is not a [key, value] pair: " + pair);
                        }
                        m.put(pair.get(0).asText(), String.valueOf(atom(pair.get(1))));
                    }
                    return m;
                }
                default:
                    break;
            }
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.asText();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
