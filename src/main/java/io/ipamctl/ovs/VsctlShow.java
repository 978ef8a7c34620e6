package io.ipamctl.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * `ovs-vsctl show` cut to some ports: the lines of those ports, of the bridges that hold them (their
 * own settings such as fail_mode) and of the switch (its UUID, ovs_version), exactly as OVS printed
 * them; every other port and every bridge without one of them is left out.
 */
public final class VsctlShow {

    private VsctlShow() {}

    /** The text with only these ports (names as OVS knows them); empty when none of them is there. */
    public static String onlyPorts(String text, Set<String> ports) {
        List<String> out = new ArrayList<>();
        List<String> bridge = null; // the lines of the bridge being read, kept when it holds one of the ports
        boolean bridgeHasPort = false;
        boolean keeping = true; // whether the lines of the current block are kept
        for (String line : text.split("\n", -1)) {
            int indent = indent(line);
            String body = line.strip();
            if (body.isEmpty()) {
                continue;
            }
            if (indent <= 4) {
                if (bridge != null && bridgeHasPort) {
                    out.addAll(bridge);
                }
                bridge = null;
                if (indent == 4 && body.startsWith("Bridge ")) {
                    bridge = new ArrayList<>();
                    bridgeHasPort = false;
                    bridge.add(line);
                    keeping = true;
                    continue;
                }
                out.add(line);
                keeping = true; // the switch's own lines (UUID, Manager, ovs_version) and theirs
                continue;
            }
            if (bridge == null) {
                if (keeping) {
                    out.add(line);
                }
                continue;
            }
            if (indent == 8) {
                boolean port = body.startsWith("Port ");
                keeping = !port || ports.contains(name(body.substring("Port ".length())));
                bridgeHasPort |= port && keeping;
            }
            if (keeping) {
                bridge.add(line);
            }
        }
        if (bridge != null && bridgeHasPort) {
            out.addAll(bridge);
        }
        boolean any = out.stream().anyMatch(l -> indent(l) == 8 && l.strip().startsWith("Port "));
        return any ? String.join("\n", out) + "\n" : "";
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** A name as ovs-vsctl prints it: bare, or quoted with backslash escapes when it has odd characters. */
    private static String name(String printed) {
        String s = printed.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return s;
    }
}
