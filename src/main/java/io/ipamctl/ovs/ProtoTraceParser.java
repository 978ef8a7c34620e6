package io.ipamctl.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses `ovs-appctl ofproto/trace BRIDGE FLOW` output, every pass of a recirculating trace.
 * Nesting is read from the indentation OVS uses: at depth D a table line starts in columns 8D-4..8D+1
 * (its number right-aligned in two columns) and its actions in column 8D+4; a resubmit that is not
 * the flow's last action, or a group bucket, opens depth D+1. Anything else is an error naming the
 * line, never skipped.
 */
public final class ProtoTraceParser {

    /** "22. ip,nw_dst=10.211.1.15, priority 190, cookie 0x1", " 7. priority 0", "11. No match." (after the indentation). */
    private static final Pattern STEP =
            Pattern.compile("(\\d{1,3})\\. (.*?)(?:, priority (\\d{1,5}))?(?:, cookie 0x[0-9a-f]+)?");

    private static final Pattern CATCH_ALL = Pattern.compile("priority (\\d{1,5})(?:, cookie 0x[0-9a-f]+)?");
    private static final Pattern RESUME = Pattern.compile("Resuming from table \\d{1,3}");
    private static final Pattern RECIRC = Pattern.compile("recirc\\(0x[0-9a-f]+\\) - .*");

    private ProtoTraceParser() {}

    public static ProtoTrace parse(String text) {
        return new Run().parse(text);
    }

    /** A step while its actions are read. */
    private static final class Open {
        final int depth;
        final int table;
        final String match;
        final Integer priority;
        final List<String> actions = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Open(int depth, int table, String match, Integer priority) {
            this.depth = depth;
            this.table = table;
            this.match = match;
            this.priority = priority;
        }

        ProtoTrace.Step done() {
            return new ProtoTrace.Step(depth, table, match, priority, List.copyOf(actions), List.copyOf(notes));
        }
    }

    /** The state of one parse. */
    private static final class Run {
        String flow;
        String finalFlow;
        String megaflow;
        String datapath;
        final List<Open> steps = new ArrayList<>();
        /** open.get(d): the step whose actions column 8d+4 holds, or null. */
        final List<Open> open = new ArrayList<>();

        boolean inBridge;
        int lineNo;

        ProtoTrace parse(String text) {
            for (String line : text.split("\n", -1)) {
                lineNo++;
                if (inBridge) {
                    bridgeLine(line);
                } else {
                    outerLine(line);
                }
            }
            if (flow == null || datapath == null) {
                throw new OvsParseException("ofproto/trace output lacks "
                        + (flow == null ? "the Flow: line" : "the Datapath actions: line"));
            }
            return new ProtoTrace(flow, steps.stream().map(Open::done).toList(), finalFlow, megaflow, datapath);
        }

        private void outerLine(String line) {
            if (line.startsWith("Flow: ")) {
                // later passes print the recirculated packet; the traced packet is the first
                flow = flow == null ? line.substring(6) : flow;
            } else if (line.startsWith("bridge(")) {
                inBridge = true;
                open.clear();
            } else if (line.startsWith("Final flow: ")) {
                finalFlow = line.substring(12);
            } else if (line.startsWith("Megaflow: ")) {
                megaflow = line.substring(10);
            } else if (line.startsWith("Datapath actions: ")) {
                datapath = line.substring(18);
            } else if (!(line.isBlank()
                    || line.matches("=+")
                    || RECIRC.matcher(line).matches()
                    || line.equals("Replacing src/dst IP/ports to simulate NAT:")
                    || line.startsWith(" Initial flow: ")
                    || line.startsWith(" Modified flow: ")
                    || line.startsWith("Translation failed ("))) {
                throw unexpected(line);
            }
        }

        private void bridgeLine(String line) {
            if (line.isBlank()) {
                inBridge = false;
                return;
            }
            if (line.matches("-+")) {
                return;
            }
            int col = indentation(line);
            String s = line.substring(col);
            Matcher m = STEP.matcher(s);
            if (m.matches()) {
                step(line, (col + 4) / 8, m);
                return;
            }
            if (open.isEmpty()) {
                // a recirculated pass starts with "thaw" / "Resuming from table N"
                if ((col == 4 && s.equals("thaw"))
                        || (col == 8 && RESUME.matcher(s).matches())) {
                    return;
                }
                throw unexpected(line);
            }
            boolean note = s.startsWith("->") || s.startsWith(">>");
            if (col < 4 || (!note && (col - 4) % 8 != 0)) {
                throw unexpected(line);
            }
            Open owner = owner((col - 4) / 8, line);
            (note ? owner.notes : owner.actions).add(s);
        }

        private void step(String line, int depth, Matcher m) {
            boolean next = depth < open.size();
            if (!(next || (depth == open.size() && (depth == 0 || opensDepth(open.get(depth - 1)))))) {
                throw unexpected(line);
            }
            String match = m.group(2);
            Integer priority = m.group(3) == null ? null : Integer.valueOf(m.group(3));
            if (priority == null) {
                Matcher all = CATCH_ALL.matcher(match);
                if (all.matches()) {
                    // a flow that matches everything: " 7. priority 0"
                    priority = Integer.valueOf(all.group(1));
                    match = "";
                } else if (match.startsWith("No match")) {
                    match = null;
                } else {
                    throw unexpected(line);
                }
            }
            Open s = new Open(depth, Integer.parseInt(m.group(1)), match, priority);
            while (open.size() > depth) {
                open.remove(open.size() - 1);
            }
            open.add(s);
            steps.add(s);
        }

        /** Whether the step's last action runs tables one level deeper (OVS does not nest a resubmit that ends a flow). */
        private static boolean opensDepth(Open step) {
            if (step.actions.isEmpty()) {
                return false;
            }
            String last = step.actions.get(step.actions.size() - 1);
            return last.startsWith("resubmit") || last.startsWith("bucket ") || last.startsWith("clone");
        }

        /** The step at this depth, or for a group bucket's lines the step one level up that ran the group. */
        private Open owner(int depth, String line) {
            if (depth < open.size() && open.get(depth) != null) {
                while (open.size() > depth + 1) {
                    open.remove(open.size() - 1);
                }
                return open.get(depth);
            }
            if (depth == open.size() && open.get(depth - 1) != null) {
                return open.get(depth - 1);
            }
            throw unexpected(line);
        }

        private OvsParseException unexpected(String line) {
            return new OvsParseException("ofproto/trace line " + lineNo + " is not part of a trace: " + line.strip());
        }

        private static int indentation(String line) {
            int i = 0;
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            return i;
        }
    }
}
