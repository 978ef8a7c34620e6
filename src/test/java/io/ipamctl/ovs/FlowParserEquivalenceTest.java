package io.ipamctl.ovs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte parser gives what the char parser it replaced gave ({@link StringFlowParser}): the same flows
 * and the same malformed lines (number, text, reason) for real dumps, for mutated ones (seeded), for every
 * line ending, for Unicode white space at the edges, and whatever the chunks the stream hands over.
 */
class FlowParserEquivalenceTest {

    /** Edges and troublemakers: line ends, quotes, escapes, commas, Unicode white space (strip) and non-ASCII. */
    private static final String[] PIECES = {
        "\n",
        "\r",
        "\r\n",
        "\n\r",
        " ",
        "\t",
        "\u2028",
        "\u3000",
        "\u1680",
        "\u2007",
        "\u00a0",
        "\u0085",
        "é",
        "\ufffd",
        "\"",
        "\\",
        ",",
        ", ",
        "=",
        " actions=",
        "actions=",
        "priority=",
        "table=",
        "n_packets=",
        "n_bytes=",
        "cookie=0x1",
        "duration=1.5s",
        "idle_age=3",
        "+7",
        "-1",
        "１２",
        "99999999999999999999",
        "65536",
        "0",
        "x",
        "ip",
        "drop",
        "NXST_FLOW reply",
        "\u0000",
        "\u001c"
    };

    private static final List<String> DUMPS = List.of(
            "node-01-dump-flows.txt",
            "node-01-dump-flows-no-stats.txt",
            "node-02-dump-flows.txt",
            "node-02-dump-flows-no-stats.txt");

    @Test
    void realDumpsParseAlike() {
        for (String f : DUMPS) {
            same(Fixtures.ovs(f), f);
        }
        same(Fixtures.antrea("ovs-pipeline-doc-flows.txt"), "ovs-pipeline-doc-flows.txt");
        same(Fixtures.antrea("antctl-get-ovsflows-doc.txt"), "antctl-get-ovsflows-doc.txt");
    }

    @Test
    void mutatedDumpsParseAlike() {
        Random rnd = new Random(42);
        for (int round = 0; round < 3000; round++) {
            String base = Fixtures.ovs(DUMPS.get(rnd.nextInt(DUMPS.size())));
            String[] lines = base.split("\n", -1);
            StringBuilder text = new StringBuilder();
            int from = rnd.nextInt(lines.length);
            for (int i = from; i < Math.min(lines.length, from + 1 + rnd.nextInt(4)); i++) {
                StringBuilder line = new StringBuilder(lines[i]);
                for (int k = rnd.nextInt(4); k > 0; k--) {
                    String piece = PIECES[rnd.nextInt(PIECES.length)];
                    int at = rnd.nextInt(4) == 0
                            ? (rnd.nextBoolean() ? 0 : line.length())
                            : rnd.nextInt(line.length() + 1);
                    if (rnd.nextBoolean() && line.length() > 0) {
                        int end = Math.min(line.length(), at + rnd.nextInt(3));
                        line.replace(at, end, piece);
                    } else {
                        line.insert(at, piece);
                    }
                }
                text.append(line).append(PIECES[rnd.nextInt(4)]);
            }
            same(text.toString(), "round " + round + ": " + text);
        }
    }

    @Test
    void linesLongerThanTheReadBufferParseAlike() {
        String actions = "output:1,".repeat(30_000) + "drop";
        String text = " table=0, priority=1 actions=drop\r\n table=1, priority=2,ip actions=" + actions + "\r"
                + "\n table=2, priority=3 actions=drop\n" + "x".repeat(200_000) + "\n";
        same(text, "long lines");
        List<OvsFlow> flows = FlowParser.parseAll(text, new ArrayList<>());
        assertEquals(3, flows.size());
        assertEquals(actions, flows.get(1).actions());
    }

    @Test
    void singleFlowsParseAlike() {
        for (String line : List.of(
                "table=0, priority=1 actions=drop",
                "actions=drop",
                " table=\"Out, put\", n_packets=3, n_bytes=4, priority=7,ip actions=output:\"a\\\"b\"",
                "table=\"a\\\\b\", priority=1 actions=drop",
                "cookie=0x0, table=0, , priority=1 actions=drop",
                "table=0, n_packets=1 actions=drop",
                "table=0,  priority=1 actions=drop",
                "priority=+5,ip actions=drop",
                "table=0, priority=70000,ip actions=drop",
                "table=0, n_packets=１２, priority=1 actions=drop",
                "table=0, bogus=1, priority=1 actions=drop",
                "table=0, priority=1\u2028 actions=drop")) {
            Object expected;
            Object actual;
            try {
                expected = StringFlowParser.parse(line);
            } catch (OvsParseException e) {
                expected = e.getMessage();
            }
            try {
                actual = FlowParser.parse(line);
            } catch (OvsParseException e) {
                actual = e.getMessage();
            }
            assertEquals(expected, actual, line);
        }
    }

    private static void same(String text, String what) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<FlowParser.Malformed> expectedBad = new ArrayList<>();
        List<OvsFlow> expected = new ArrayList<>();
        StringFlowParser.stream(new ByteArrayInputStream(bytes), expected::add, expectedBad::add);
        for (int chunk : new int[] {1, 2, 7, 1 << 20}) {
            List<FlowParser.Malformed> bad = new ArrayList<>();
            List<OvsFlow> flows = new ArrayList<>();
            FlowParser.stream(chunked(bytes, chunk), flows::add, bad::add);
            assertEquals(expected, flows, what + " (chunks of " + chunk + ")");
            assertEquals(expectedBad, bad, what + " (chunks of " + chunk + ")");
        }
    }

    /** A stream that hands over at most {@code size} bytes per read, as a socket may. */
    private static InputStream chunked(byte[] bytes, int size) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, size));
            }
        };
    }
}
