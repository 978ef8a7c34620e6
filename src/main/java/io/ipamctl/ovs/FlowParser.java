package io.ipamctl.ovs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses `ovs-ofctl dump-flows` lines (with or without --no-stats / --names, any OpenFlow version).
 * Reply headers are skipped; lines that are not flows are handed to the caller, never dropped.
 *
 * <p>It reads the UTF-8 bytes as they come and makes strings only of the fields a flow keeps: 100k
 * flows are 18 MB, and ipamctl's JVMs run C1-compiled code, where decoding every line to chars and
 * splitting it into substrings was a third of `ovs flows`' CPU (bench/findings.md "flows"). Lines end
 * at \n, \r or \r\n and are stripped of what {@link String#strip} strips, as BufferedReader and
 * String would have it.
 */
public final class FlowParser {

    /** Fields OVS prints before the match, separated by ", ": the first four are read, the rest kept as extras. */
    private static final byte[][] STAT_KEYS = ascii(
            "table",
            "n_packets",
            "n_bytes",
            "cookie",
            "duration",
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

    private static final int TABLE = 0;
    private static final int N_PACKETS = 1;
    private static final int N_BYTES = 2;
    private static final int COOKIE = 3;
    private static final int NOT_A_STAT = -1;

    private static final byte[] ACTIONS = ascii("actions=")[0];
    private static final byte[] PRIORITY = ascii("priority=")[0];
    private static final byte[][] REPLY_HEADERS = ascii("NXST_FLOW reply", "OFPST_FLOW reply", "OFPST_FLOW_DESC reply");

    private FlowParser() {}

    /** A line that could not be read as a flow, with its 1-based line number. */
    public record Malformed(long line, String text, String reason) {}

    /** Reads a whole stream line by line, so 100k flows never need to be held as text. */
    public static void stream(InputStream in, Consumer<OvsFlow> flows, Consumer<Malformed> malformed) {
        try (in) {
            new Lines(in, flows, malformed).read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<OvsFlow> parseAll(String text, List<Malformed> malformed) {
        List<OvsFlow> out = new ArrayList<>();
        stream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out::add, malformed::add);
        return out;
    }

    public static OvsFlow parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return new Line(b, 0, b.length, Line.ascii(b, 0, b.length), null).flow();
    }

    /** The lines of a stream, each handed to {@link Line} from the read buffer (no copy, no decoding). */
    private static final class Lines {
        private final InputStream in;
        private final Consumer<OvsFlow> flows;
        private final Consumer<Malformed> malformed;
        private final TableNames tables = new TableNames();
        private byte[] buf = new byte[1 << 16];
        private long number;

        Lines(InputStream in, Consumer<OvsFlow> flows, Consumer<Malformed> malformed) {
            this.in = in;
            this.flows = flows;
            this.malformed = malformed;
        }

        void read() throws IOException {
            int start = 0; // of the current line
            int end = 0; // of the bytes read
            int scanned = 0; // bytes of the current line looked at
            boolean skipLf = false; // a \r ended the last line: a \n right after it ends nothing
            int any = 0; // the bytes of the current line or'ed: negative when one is not ASCII
            while (true) {
                int n = in.read(buf, end, buf.length - end);
                if (n < 0) {
                    if (start < end) {
                        line(start, end, any >= 0);
                    }
                    return;
                }
                end += n;
                int i = scanned;
                if (skipLf && i < end) {
                    skipLf = false;
                    if (buf[i] == '\n') {
                        start = ++i;
                    }
                }
                for (; i < end; i++) {
                    byte c = buf[i];
                    any |= c;
                    if (c == '\n' || c == '\r') {
                        line(start, i, any >= 0);
                        any = 0;
                        if (c == '\r') {
                            if (i + 1 == end) {
                                skipLf = true;
                            } else if (buf[i + 1] == '\n') {
                                i++;
                            }
                        }
                        start = i + 1;
                    }
                }
                scanned = end - start;
                if (start > 0) { // keep the unfinished line at the front
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                } else if (end == buf.length) { // a line longer than the buffer
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
        }

        private void line(int from, int to, boolean ascii) {
            number++;
            int f = stripStart(buf, from, to);
            int t = stripEnd(buf, f, to);
            if (f == t || startsWithAny(buf, f, t, REPLY_HEADERS)) {
                return;
            }
            Line line = new Line(buf, f, t, ascii, tables);
            try {
                flows.accept(line.flow());
            } catch (OvsParseException e) {
                malformed.accept(new Malformed(number, text(buf, f, t), e.getMessage()));
            }
        }
    }

    /** One line's bytes [from, to) and the flow read from them. */
    private static final class Line {
        private final byte[] b;
        private final int from;
        private final int to;
        private final TableNames tables;
        private final boolean ascii;

        /** @param ascii whether every byte of the line is ASCII (its strings are then copied, not decoded) */
        Line(byte[] b, int from, int to, boolean ascii, TableNames tables) {
            this.b = b;
            this.from = from;
            this.to = to;
            this.tables = tables;
            this.ascii = ascii;
        }

        static boolean ascii(byte[] b, int from, int to) {
            int any = 0;
            for (int i = from; i < to; i++) {
                any |= b[i];
            }
            return any >= 0;
        }

        OvsFlow flow() {
            int a = indexOf(b, from, to, (byte) ' ', ACTIONS);
            int start = a < 0 ? (startsWith(b, from, to, ACTIONS) ? from : -1) : a + 1;
            if (start < 0) {
                throw new OvsParseException("no actions= in flow");
            }
            int headFrom = stripStart(b, from, start);
            int headTo = stripEnd(b, headFrom, start);
            if (headTo > headFrom && b[headTo - 1] == ',') {
                headTo--;
            }
            int actionsFrom = start + ACTIONS.length;
            if (actionsFrom == to) {
                throw new OvsParseException("empty actions");
            }
            String table = "0";
            Long packets = null;
            Long bytes = null;
            String cookie = null;
            List<String> extras = List.of();
            int matchFrom = 0;
            int matchTo = 0;
            // the head split at ", ", except inside a quoted name (--names quotes names like "Out, put")
            boolean quoted = false;
            int t = headFrom;
            // no field in an empty head; after a split there is always one more (maybe empty)
            while (headFrom < headTo) {
                int tEnd = headTo;
                boolean last = true;
                for (int i = t; i < headTo; i++) {
                    byte c = b[i];
                    if (c == '\\' && quoted) {
                        i++;
                    } else if (c == '"') {
                        quoted = !quoted;
                    } else if (!quoted && c == ',' && i + 1 < headTo && b[i + 1] == ' ') {
                        tEnd = i;
                        last = false;
                        break;
                    }
                }
                int eq = indexOf(b, t, tEnd, (byte) '=', null);
                int key = statKey(b, t, eq < 0 ? tEnd : eq);
                if (key == NOT_A_STAT || (last && indexOf(b, t, tEnd, (byte) ',', null) >= 0)) {
                    if (!last) {
                        throw new OvsParseException("unexpected field \"" + text(b, t, tEnd) + "\" before the match");
                    }
                    matchFrom = t;
                    matchTo = tEnd;
                    break;
                }
                int v = eq < 0 ? tEnd : eq + 1;
                switch (key) {
                    case TABLE -> table = tables == null ? unquoted(string(v, tEnd)) : tables.name(this, v, tEnd);
                    case N_PACKETS -> packets = number(v, tEnd, t);
                    case N_BYTES -> bytes = number(v, tEnd, t);
                    case COOKIE -> cookie = string(v, tEnd);
                    default -> {
                        if (extras.isEmpty()) {
                            extras = new ArrayList<>(4);
                        }
                        extras.add(string(t, tEnd));
                    }
                }
                if (last) {
                    break;
                }
                t = tEnd + 2;
            }
            int priority = OvsFlow.DEFAULT_PRIORITY;
            if (startsWith(b, matchFrom, matchTo, PRIORITY)) {
                int comma = indexOf(b, matchFrom, matchTo, (byte) ',', null);
                int pTo = comma < 0 ? matchTo : comma;
                long n = number(matchFrom + PRIORITY.length, pTo, matchFrom);
                if (n < 0 || n > 65535) {
                    throw new OvsParseException(
                            "\"" + text(b, matchFrom, pTo) + "\" is not an OpenFlow priority (0-65535)");
                }
                priority = (int) n;
                matchFrom = comma < 0 ? matchTo : comma + 1;
            }
            return new OvsFlow(
                    table,
                    priority,
                    string(matchFrom, matchTo),
                    string(actionsFrom, to),
                    packets,
                    bytes,
                    cookie,
                    extras.isEmpty() ? List.of() : List.copyOf(extras));
        }

        String string(int f, int t) {
            return f == t ? "" : new String(b, f, t - f, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }

        /** Long.parseLong's number (its error: the token up to {@code to} is not a number). */
        private long number(int f, int t, int token) {
            int len = t - f;
            if (len > 0 && len <= 18) {
                long n = 0;
                int i = f;
                for (; i < t && b[i] >= '0' && b[i] <= '9'; i++) {
                    n = n * 10 + (b[i] - '0');
                }
                if (i == t) {
                    return n;
                }
            }
            try {
                return Long.parseLong(text(b, f, t)); // signs, other scripts' digits: as Long.parseLong says
            } catch (NumberFormatException e) {
                throw new OvsParseException("\"" + text(b, token, t) + "\" is not a number");
            }
        }
    }

    /**
     * table=NAME as a string, the same string for the same bytes as the line before (a dump lists each
     * table's flows together): one string per table, not per flow.
     */
    private static final class TableNames {
        private byte[] last = new byte[0];
        private String name;

        String name(Line line, int f, int t) {
            if (name == null || !Arrays.equals(last, 0, last.length, line.b, f, t)) {
                last = Arrays.copyOfRange(line.b, f, t);
                name = unquoted(line.string(f, t));
            }
            return name;
        }
    }

    private static String unquoted(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    /** The index of a stat key in STAT_KEYS, or NOT_A_STAT. */
    private static int statKey(byte[] b, int f, int t) {
        int len = t - f;
        for (int k = 0; k < STAT_KEYS.length; k++) {
            byte[] key = STAT_KEYS[k];
            if (key.length == len && key[0] == b[f] && Arrays.equals(key, 0, len, b, f, t)) {
                return k;
            }
        }
        return NOT_A_STAT;
    }

    private static String text(byte[] b, int f, int t) {
        return new String(b, f, t - f, StandardCharsets.UTF_8);
    }

    /** The first index of {@code first} (followed by {@code rest}, when given) in [f, t), or -1. */
    private static int indexOf(byte[] b, int f, int t, byte first, byte[] rest) {
        int last = rest == null ? t - 1 : t - 1 - rest.length;
        for (int i = f; i <= last; i++) {
            // the second byte before the call: the head has a space after every comma
            if (b[i] == first
                    && (rest == null
                            || (b[i + 1] == rest[0]
                                    && Arrays.equals(rest, 0, rest.length, b, i + 1, i + 1 + rest.length)))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int f, int t, byte[] prefix) {
        return t - f >= prefix.length && Arrays.equals(prefix, 0, prefix.length, b, f, f + prefix.length);
    }

    private static boolean startsWithAny(byte[] b, int f, int t, byte[][] prefixes) {
        for (byte[] p : prefixes) {
            if (startsWith(b, f, t, p)) {
                return true;
            }
        }
        return false;
    }

    /** After the leading white space that String.strip removes (Character.isWhitespace), in UTF-8. */
    static int stripStart(byte[] b, int f, int t) {
        while (f < t) {
            int n = whitespaceAt(b, f, t);
            if (n == 0) {
                return f;
            }
            f += n;
        }
        return f;
    }

    /** Before the trailing white space that String.strip removes, in UTF-8. */
    static int stripEnd(byte[] b, int f, int t) {
        while (t > f) {
            if (whitespaceAt(b, t - 1, t) == 1) {
                t--;
            } else if (t - 3 >= f && whitespaceAt(b, t - 3, t) == 3) {
                t -= 3;
            } else {
                return t;
            }
        }
        return t;
    }

    /**
     * The length of the white space character at i (0 for none): ASCII's (\t-\r, \x1c-\x1f, space) and
     * the UTF-8 forms of U+1680, U+2000-2006, U+2008-200A, U+2028, U+2029, U+205F and U+3000.
     */
    private static int whitespaceAt(byte[] b, int i, int t) {
        int c = b[i] & 0xff;
        if (c < 0x80) {
            return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f) ? 1 : 0;
        }
        if (i + 2 >= t) {
            return 0;
        }
        int c1 = b[i + 1] & 0xff;
        int c2 = b[i + 2] & 0xff;
        boolean ws = switch (c) {
            case 0xe1 -> c1 == 0x9a && c2 == 0x80;
            case 0xe2 ->
                c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x86) || (c2 >= 0x88 && c2 <= 0x8a) || c2 == 0xa8 || c2 == 0xa9)
                        || c1 == 0x81 && c2 == 0x9f;
            case 0xe3 -> c1 == 0x80 && c2 == 0x80;
            default -> false;
        };
        return ws ? 3 : 0;
    }

    private static byte[][] ascii(String... words) {
        byte[][] out = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            out[i] = words[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
