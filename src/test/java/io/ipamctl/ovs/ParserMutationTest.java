package io.ipamctl.ovs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The OVS parsers on mutated real outputs (seeded, so every run tries the same inputs): truncation,
 * changed bytes, dropped, duplicated and garbage lines, empty input. Only OvsParseException may
 * escape, and no line is ever skipped silently: FlowParser accounts for every line (a flow, a
 * reported malformed line, or a blank/reply header), ProtoTraceParser and OvsSnapshot fail on a
 * garbage line.
 */
class ParserMutationTest {

    private static final int ROUNDS = 400;
    private static final String CHARS = " \t\n\r\"',.=:;()[]{}\\/-_>0123456789abcdefxyzXYZ\u0000\u00e9\u2028\ufffd";

    /** A mutated input and what was done, for the failure message. */
    private record Mutant(String text, String how, int garbageLine) {}

    private static Mutant mutate(String text, Random rnd) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int kind = rnd.nextInt(6);
        switch (kind) {
            case 0: {
                int at = rnd.nextInt(text.length() + 1);
                return new Mutant(text.substring(0, at), "truncated at " + at, -1);
            }
            case 1: {
                StringBuilder sb = new StringBuilder(text);
                int n = 1 + rnd.nextInt(4);
                for (int i = 0; i < n && sb.length() > 0; i++) {
                    sb.setCharAt(rnd.nextInt(sb.length()), CHARS.charAt(rnd.nextInt(CHARS.length())));
                }
                return new Mutant(sb.toString(), n + " chars changed", -1);
            }
            case 2: {
                int at = rnd.nextInt(lines.size());
                lines.remove(at);
                return new Mutant(String.join("\n", lines), "line " + (at + 1) + " dropped", -1);
            }
            case 3: {
                int at = rnd.nextInt(lines.size());
                lines.add(at, lines.get(at));
                return new Mutant(String.join("\n", lines), "line " + (at + 1) + " duplicated", -1);
            }
            case 4: {
                int at = rnd.nextInt(lines.size() + 1);
                String garbage = garbage(rnd);
                lines.add(at, garbage);
                return new Mutant(String.join("\n", lines), "garbage line " + (at + 1) + ": " + garbage, at + 1);
            }
            default:
                return new Mutant(rnd.nextBoolean() ? "" : "\n", "empty", -1);
        }
    }

    /**
     * A line no OVS tool prints: it starts with a letter other than the first of a known line, is not
     * indented like an action (column 8D+4), never contains "actions=", and is not JSON.
     */
    private static String garbage(Random rnd) {
        int[] indents = {0, 1, 2, 3, 6, 7, 9, 10};
        StringBuilder sb = new StringBuilder(" ".repeat(indents[rnd.nextInt(indents.length)]));
        sb.append("qwjkz".charAt(rnd.nextInt(5)));
        int n = rnd.nextInt(40);
        for (int i = 0; i < n; i++) {
            char c = CHARS.charAt(rnd.nextInt(CHARS.length()));
            sb.append(c == '\n' || c == '\r' || c == '\u2028' ? ' ' : c);
        }
        return sb.toString();
    }

    private static <T> void onlyParseErrors(
            String fixture, long seed, Function<String, T> parser, java.util.function.BiConsumer<Mutant, T> check) {
        Random rnd = new Random(seed);
        String real = Fixtures.ovs(fixture);
        for (int round = 0; round < ROUNDS; round++) {
            Mutant m = mutate(real, rnd);
            T result;
            try {
                result = parser.apply(m.text());
            } catch (OvsParseException e) {
                continue;
            } catch (RuntimeException | Error e) {
                fail(fixture + " round " + round + " (" + m.how() + "): " + e, e);
                return;
            }
            check.accept(m, result);
        }
    }

    @Test
    void flowParserAccountsForEveryLine() {
        long seed = 1;
        for (String f :
                List.of("node-01-dump-flows.txt", "node-01-dump-flows-no-stats.txt", "node-02-dump-flows.txt")) {
            onlyParseErrors(
                    f,
                    seed++,
                    text -> {
                        List<FlowParser.Malformed> bad = new ArrayList<>();
                        List<OvsFlow> flows = FlowParser.parseAll(text, bad);
                        List<FlowParser.Malformed> streamed = new ArrayList<>();
                        List<OvsFlow> streamedFlows = new ArrayList<>();
                        FlowParser.stream(
                                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                                streamedFlows::add,
                                streamed::add);
                        return new Object[] {flows, bad, streamedFlows, streamed, text};
                    },
                    (m, r) -> {
                        @SuppressWarnings("unchecked")
                        List<OvsFlow> flows = (List<OvsFlow>) r[0];
                        @SuppressWarnings("unchecked")
                        List<FlowParser.Malformed> bad = (List<FlowParser.Malformed>) r[1];
                        long lines = new BufferedReader(new StringReader(m.text()))
                                .lines()
                                .filter(l -> !l.isBlank()
                                        && !l.strip().startsWith("OFPST_FLOW reply")
                                        && !l.strip().startsWith("NXST_FLOW reply"))
                                .count();
                        assertEquals(
                                lines,
                                flows.size() + bad.size(),
                                m.how() + ": every non-blank line is a flow or reported");
                        if (m.garbageLine() > 0) {
                            assertTrue(
                                    bad.stream().anyMatch(b -> b.line() == m.garbageLine()),
                                    m.how() + ": reported as " + bad);
                        }
                        assertEquals(flows.size(), ((List<?>) r[2]).size(), m.how() + ": stream and parseAll agree");
                        assertEquals(bad.size(), ((List<?>) r[3]).size(), m.how() + ": stream and parseAll agree");
                    });
        }
    }

    @Test
    void protoTraceParserRejectsGarbageLines() {
        long seed = 10;
        for (String f : List.of(
                "node-01-trace-delivered.txt",
                "node-01-trace-dropped.txt",
                "node-01-trace-tunnel.txt",
                "node-01-trace-nested.txt")) {
            onlyParseErrors(f, seed++, ProtoTraceParser::parse, (m, trace) -> {
                if (m.garbageLine() > 0) {
                    fail(m.how() + ": accepted as " + trace);
                }
            });
        }
    }

    @Test
    void ovsSnapshotRejectsGarbageLines() {
        long seed = 20;
        for (String f : List.of("node-01-snapshot.json", "node-02-snapshot.json")) {
            onlyParseErrors(f, seed++, OvsSnapshot::parse, (m, snapshot) -> {
                if (m.garbageLine() > 0) {
                    fail(m.how() + ": accepted as " + snapshot);
                }
            });
        }
    }

    @Test
    void emptyInput() {
        List<FlowParser.Malformed> bad = new ArrayList<>();
        assertEquals(List.of(), FlowParser.parseAll("", bad));
        assertEquals(List.of(), bad);
        assertEquals(
                "ofproto/trace output lacks the Flow: line",
                assertThrows(OvsParseException.class, () -> ProtoTraceParser.parse(""))
                        .getMessage());
        assertEquals(
                "expected 5 tables from ovs-vsctl (Interface, Port, Bridge, Flow_Table, Open_vSwitch), got 0",
                assertThrows(OvsParseException.class, () -> OvsSnapshot.parse(""))
                        .getMessage());
    }
}
