package io.ipamctl.ovs;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the OpenFlow port numbers of a flow as the port names of its node, so flows of two nodes
 * (or of one node before and after its Pods were re-created) compare by port, not by number:
 * in_port=N, output:N, and the ofport Antrea keeps in reg1 (reg1=0xN, set_field:0xN->reg1,
 * load:0xN->NXM_NX_REG1[]). Numbers without a port on the node are left as they are.
 */
public final class PortNumbers {

    private static final Pattern IN_PORT = Pattern.compile("(?<=^|,)in_port=(\\d+)(?=,|$)");
    private static final Pattern REG1_MATCH = Pattern.compile("(?<=^|,)reg1=0x([0-9a-f]+)(?=,|$)");
    private static final Pattern OUTPUT = Pattern.compile("(?<=^|,)output:(\\d+)(?=,|$)");
    private static final Pattern REG1_SET =
            Pattern.compile("(?<=^|,)(set_field|load):0x([0-9a-f]+)->(reg1|NXM_NX_REG1\\[\\])(?=,|$)");

    private final Map<Long, String> names;

    /** @param names ofport to port name, as the node's Interface table has them */
    public PortNumbers(Map<Long, String> names) {
        this.names = Map.copyOf(names);
    }

    public String match(String match) {
        String m = replace(IN_PORT, match, g -> port(g.group(1), 10).map(n -> "in_port=" + n));
        return replace(REG1_MATCH, m, g -> port(g.group(1), 16).map(n -> "reg1=" + n));
    }

    public String actions(String actions) {
        String a = replace(OUTPUT, actions, g -> port(g.group(1), 10).map(n -> "output:" + n));
        return replace(REG1_SET, a, g -> port(g.group(2), 16).map(n -> g.group(1) + ":" + n + "->" + g.group(3)));
    }

    /** The port's name, quoted as ovs-ofctl --names prints names. */
    private Optional<String> port(String number, int radix) {
        try {
            String name = names.get(Long.parseLong(number, radix));
            return Optional.ofNullable(name).map(n -> "\"" + n + "\"");
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String replace(Pattern p, String text, Function<Matcher, Optional<String>> named) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(named.apply(m).orElse(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
