package io.ipamctl.ovs;

import java.util.List;

/**
 * The result of `ovs-appctl ofproto/trace`: the OpenFlow steps taken (table, the flow that matched,
 * its actions) and what the datapath would do with the packet.
 */
public record ProtoTrace(String flow, List<Step> steps, String finalFlow, String megaflow, String datapathActions) {

    /** One matched flow. notes are OVS's remarks ("-> output port is 7", ">> ... exception"). */
    public record Step(int table, String match, Integer priority, List<String> actions, List<String> notes) {
    }

    /** The datapath drops the packet. */
    public boolean dropped() {
        return datapathActions == null || datapathActions.isBlank() || datapathActions.strip().equals("drop");
    }

    /** The OpenFlow port the last step sent the packet to, from OVS's "-> output port is N" note, or null. */
    public Integer outputPort() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            for (String n : steps.get(i).notes()) {
                String s = n.strip();
                if (s.startsWith("-> output port is ")) {
                    try {
                        return Integer.valueOf(s.substring("-> output port is ".length()).strip());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
