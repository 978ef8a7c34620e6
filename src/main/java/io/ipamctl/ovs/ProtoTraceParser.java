package io.ipamctl.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses `ovs-appctl ofproto/trace BRIDGE FLOW` output; anything unexpected is an error, never skipped. */
public final class ProtoTraceParser {

    /** " 3. in_port=6, priority 190" or "22. ip,nw_dst=10.211.1.15, priority 190, cookie 0x1" or " 0. No match." */
    private static final Pattern STEP = Pattern.compile("^\\s*(\\d{1,3})\\. (.*?)(?:, priority (\\d+))?(?:, cookie 0x[0-9a-f]+)?$");

    private ProtoTraceParser() {
    }

    public static ProtoTrace parse(String text) {
        String flow = null;
        String finalFlow = null;
        String megaflow = null;
        String datapath = null;
        List<ProtoTrace.Step> steps = new ArrayList<>();
        int table = -1;
        String match = null;
        Integer priority = null;
        List<String> actions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean inBridge = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("Flow: ")) {
                flow = line.substring(6);
            } else if (line.startsWith("Final flow: ")) {
                finalFlow = line.substring(12);
                inBridge = false;
            } else if (line.startsWith("Megaflow: ")) {
                megaflow = line.substring(10);
            } else if (line.startsWith("Datapath actions: ")) {
                datapath = line.substring(18);
            } else if (line.startsWith("bridge(")) {
                inBridge = true;
            } else if (inBridge && !line.isBlank() && !line.startsWith("---")) {
                Matcher m = STEP.matcher(line);
                if (m.matches() && !line.startsWith("     ")) {
                    if (table >= 0) {
                        steps.add(new ProtoTrace.Step(table, match, priority, List.copyOf(actions), List.copyOf(notes)));
                    }
                    table = Integer.parseInt(m.group(1));
                    match = m.group(2);
                    priority = m.group(3) == null ? null : Integer.valueOf(m.group(3));
                    if (priority == null && match.startsWith("priority ")) {
                        // a flow that matches everything: " 7. priority 0"
                        priority = Integer.valueOf(match.substring(9).split(",")[0].strip());
                        match = "";
                    }
                    actions.clear();
                    notes.clear();
                } else if (table < 0) {
                    throw new OvsParseException("ofproto/trace: unexpected line before the first table: " + line.strip());
                } else {
                    String s = line.strip();
                    if (s.startsWith("->") || s.startsWith(">>")) {
                        notes.add(s);
                    } else {
                        actions.add(s);
                    }
                }
            }
        }
        if (table >= 0) {
            steps.add(new ProtoTrace.Step(table, match, priority, List.copyOf(actions), List.copyOf(notes)));
        }
        if (flow == null || datapath == null) {
            throw new OvsParseException("ofproto/trace output lacks " + (flow == null ? "the Flow: line" : "the Datapath actions: line"));
        }
        return new ProtoTrace(flow, steps, finalFlow, megaflow, datapath);
    }
}
