package io.ipamctl.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's JSONPath template ({@code {.items[*].name}}, {@code {range .items[*]}{.name}{"\n"}{end}},
 * literal text between the braces) translated onto Jayway JsonPath, which evaluates each expression.
 * As kubectl (--allow-missing-template-keys=true, its default), a path that matches nothing prints
 * nothing; several matches are joined by spaces; strings print bare, objects and lists as JSON.
 * A bad template is exit 2 with kubectl's "error parsing jsonpath" wording.
 */
public final class JsonPathTemplate {

    /** One piece of a template: literal text, an expression, or a range over an expression's matches. */
    private sealed interface Part permits Text, Expr, Range {}

    private record Text(String text) implements Part {}

    private record Expr(JsonPath path) implements Part {}

    private record Range(JsonPath path, List<Part> body) implements Part {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Configuration CONF = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
            .mappingProvider(new JacksonMappingProvider(MAPPER))
            .options(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS)
            .build();

    private final String source;
    private final List<Part> parts;

    private JsonPathTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** The template, or exit 2 naming what is wrong with it. */
    public static JsonPathTemplate parse(String template) {
        List<List<Part>> open = new ArrayList<>();
        List<JsonPath> ranges = new ArrayList<>();
        open.add(new ArrayList<>());
        int i = 0;
        while (i < template.length()) {
            int brace = template.indexOf('{', i);
            if (brace < 0) {
                last(open).add(new Text(template.substring(i)));
                break;
            }
            if (brace > i) {
                last(open).add(new Text(template.substring(i, brace)));
            }
            int close = closing(template, brace);
            if (close < 0) {
                throw error(template, "unclosed action");
            }
            String action = template.substring(brace + 1, close).trim();
            i = close + 1;
            if (action.equals("end")) {
                if (ranges.isEmpty()) {
                    throw error(template, "{end} without a {range}");
                }
                List<Part> body = open.remove(open.size() - 1);
                last(open).add(new Range(ranges.remove(ranges.size() - 1), List.copyOf(body)));
            } else if (action.startsWith("range ") || action.equals("range")) {
                ranges.add(compile(template, action.substring("range".length()).trim()));
                open.add(new ArrayList<>());
            } else if (action.startsWith("\"")) {
                last(open).add(new Text(literal(template, action)));
            } else {
                last(open).add(new Expr(compile(template, action)));
            }
        }
        if (!ranges.isEmpty()) {
            throw error(template, "{range} not closed with {end}");
        }
        return new JsonPathTemplate(template, List.copyOf(open.get(0)));
    }

    /** The matches of one kubectl path ({@code .items[*].name}, {@code {.name}}) in a document, for columns and sorting. */
    public static List<JsonNode> matches(String template, String path, JsonNode document) {
        return read(compile(template, path), document);
    }

    /** The text the template gives for the document. */
    public String execute(JsonNode document) {
        StringBuilder out = new StringBuilder();
        run(parts, document, out);
        return out.toString();
    }

    public String source() {
        return source;
    }

    private static void run(List<Part> parts, JsonNode current, StringBuilder out) {
        for (Part p : parts) {
            if (p instanceof Text t) {
                out.append(t.text());
            } else if (p instanceof Expr e) {
                // values from the cluster cannot break lines; the template's own literals ({"\n"}) can
                out.append(SafeText.printable(String.join(
                        " ",
                        read(e.path(), current).stream()
                                .map(JsonPathTemplate::text)
                                .toList())));
            } else if (p instanceof Range r) {
                read(r.path(), current).forEach(item -> run(r.body(), item, out));
            }
        }
    }

    private static List<JsonNode> read(JsonPath path, JsonNode document) {
        JsonNode result = path.read(document, CONF);
        List<JsonNode> out = new ArrayList<>();
        if (result != null) {
            result.forEach(out::add);
        }
        return out;
    }

    /** A match as kubectl prints it: strings bare, null empty, objects and lists as compact JSON. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /**
     * kubectl's path onto Jayway's: {@code .a.b}, {@code @.a} and {@code $.a} all start at the current
     * object; {@code {.a}} may keep its braces (custom-columns and --sort-by take both forms).
     */
    private static JsonPath compile(String template, String path) {
        String p = path.trim();
        if (p.startsWith("{") && p.endsWith("}")) {
            p = p.substring(1, p.length() - 1).trim();
        }
        if (p.isEmpty()) {
            throw error(template, "empty expression");
        }
        if (p.chars().filter(c -> c == '[').count()
                != p.chars().filter(c -> c == ']').count()) {
            throw error(template, "unclosed bracket in \"" + path.trim() + "\""); // Jayway takes "$.a[" as "$.a"
        }
        if (p.startsWith("@") || p.startsWith("$")) {
            p = p.substring(1);
        }
        if (!p.isEmpty() && !p.startsWith(".") && !p.startsWith("[")) {
            p = "." + p;
        }
        try {
            return JsonPath.compile("$" + p);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw error(template, "invalid expression \"" + path.trim() + "\"");
        }
    }

    /** The index of the brace closing the action opened at {@code open}, skipping quoted strings and [..] filters. */
    private static int closing(String template, int open) {
        boolean quoted = false;
        int brackets = 0;
        for (int i = open + 1; i < template.length(); i++) {
            char c = template.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets--;
            } else if (c == '}' && brackets <= 0) {
                return i;
            }
        }
        return -1;
    }

    /** {"\n"}, {"\t"}, {"text"}: a quoted literal with Go's common escapes. */
    private static String literal(String template, String action) {
        if (action.length() < 2 || !action.endsWith("\"")) {
            throw error(template, "unterminated quoted string " + action);
        }
        String body = action.substring(1, action.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                out.append(c);
                continue;
            }
            char n = body.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '"', '\\' -> out.append(n);
                default -> throw error(template, "unknown escape \\" + n + " in " + action);
            }
        }
        return out.toString();
    }

    private static List<Part> last(List<List<Part>> open) {
        return open.get(open.size() - 1);
    }

    private static IpamctlException error(String template, String why) {
        return IpamctlException.invalid("error parsing jsonpath " + SafeText.printable(template) + ", " + why);
    }
}
