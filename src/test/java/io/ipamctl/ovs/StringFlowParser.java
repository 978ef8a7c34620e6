package io.ipamctl.ovs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * FlowParser as it was before it read bytes (a BufferedReader of chars, String.strip, substrings): the
 * oracle {@link FlowParserEquivalenceTest} holds the byte parser to, on real and mutated dumps.
 */
final class StringFlowParser {

    /** Fields OVS prints before the match, separated by ", ". */
    private static final Set<String> STAT_KEYS = Set.of(
            "cookie",
            "duration",
            "table",
            "n_packets",
            "n_bytes",
            "idle_age",
            "hard_age",
            "idle_timeout",
            "hard_timeout",
            "importance",
            "send_flow_rem",
            "reset_counts",
            "no_packet_counts",
            "no_byte_counts",
            "check_overlap",
            "out_port",
            "out_group");

    private StringFlowParser() {}

    /** Reads a whole stream line by line, so 100k flows never need to be held as text. */
    public static void stream(InputStream in, Consumer<OvsFlow> flows, Consumer<FlowParser.Malformed> malformed) {
        lines(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16), flows, malformed);
    }

    public static List<OvsFlow> parseAll(String text, List<FlowParser.Malformed> malformed) {
        List<OvsFlow> out = new ArrayList<>();
        lines(new BufferedReader(new StringReader(text)), out::add, malformed::add);
        return out;
    }

    /** Lines end at \n, \r or \r\n, as BufferedReader reads them, for streamed and whole text alike. */
    private static void lines(BufferedReader r, Consumer<OvsFlow> flows, Consumer<FlowParser.Malformed> malformed) {
        try (r) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                parseLine(line, n, flows, malformed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void parseLine(
            String raw, long n, Consumer<OvsFlow> flows, Consumer<FlowParser.Malformed> malformed) {
        String line = raw.strip();
        if (line.isEmpty()
                || line.startsWith("NXST_FLOW reply")
                || line.startsWith("OFPST_FLOW reply")
                || line.startsWith("OFPST_FLOW_DESC reply")) {
            return;
        }
        try {
            flows.accept(parse(line));
        } catch (OvsParseException e) {
            malformed.accept(new FlowParser.Malformed(n, line, e.getMessage()));
        }
    }

    public static OvsFlow parse(String line) {
        int a = line.indexOf(" actions=");
        int start = a < 0 ? (line.startsWith("actions=") ? 0 : -1) : a + 1;
        if (start < 0) {
            throw new OvsParseException("no actions= in flow");
        }
        String head = line.substring(0, start).strip();
        if (head.endsWith(",")) {
            head = head.substring(0, head.length() - 1);
        }
        String actions = line.substring(start + "actions=".length());
        if (actions.isEmpty()) {
            throw new OvsParseException("empty actions");
        }
        String table = "0";
        Long packets = null;
        Long bytes = null;
        String cookie = null;
        List<String> extras = new ArrayList<>();
        String match = "";
        List<String> tokens = fields(head);
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            int eq = t.indexOf('=');
            String key = eq < 0 ? t : t.substring(0, eq);
            boolean last = i == tokens.size() - 1;
            if (!STAT_KEYS.contains(key) || (last && t.indexOf(',') >= 0)) {
                if (!last) {
                    throw new OvsParseException("unexpected field \"" + t + "\" before the match");
                }
                match = t;
                break;
            }
            String value = eq < 0 ? "" : t.substring(eq + 1);
            switch (key) {
                case "table" -> table = unquoted(value);
                case "n_packets" -> packets = number(value, t);
                case "n_bytes" -> bytes = number(value, t);
                case "cookie" -> cookie = value;
                default -> extras.add(t);
            }
        }
        int priority = OvsFlow.DEFAULT_PRIORITY;
        if (match.startsWith("priority=")) {
            int comma = match.indexOf(',');
            String p = comma < 0 ? match.substring(9) : match.substring(9, comma);
            long n = number(p, "priority=" + p);
            if (n < 0 || n > 65535) {
                throw new OvsParseException("\"priority=" + p + "\" is not an OpenFlow priority (0-65535)");
            }
            priority = (int) n;
            match = comma < 0 ? "" : match.substring(comma + 1);
        }
        return new OvsFlow(table, priority, match, actions, packets, bytes, cookie, List.copyOf(extras));
    }

    /** The head split at ", ", except inside a quoted name (--names quotes names like "Out, put"). */
    private static List<String> fields(String head) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',' && i + 1 < head.length() && head.charAt(i + 1) == ' ') {
                out.add(head.substring(start, i));
                start = i + 2;
                i++;
            }
        }
        if (start < head.length() || !out.isEmpty()) {
            out.add(head.substring(start));
        }
        return out;
    }

    private static String unquoted(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    private static Long number(String value, String token) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new OvsParseException("\"" + token + "\" is not a number");
        }
    }
}
