package io.ipamctl.ovs;

import java.util.List;

/**
 * The result of `ovs-appctl ofproto/trace`: the OpenFlow steps taken (table, the flow that matched,
 * its actions) and what the datapath would do with the packet. A trace that recirculates (ct)
 * has several passes; their steps follow each other, the datapath actions are the last pass's.
 *
 * @param flow the packet as traced (the first pass's Flow: line)
 */
public record ProtoTrace(String flow, List<Step> steps, String finalFlow, String megaflow, String datapathActions) {

    /**
     * One table the packet was looked up in.
     *
     * @param depth    0 for the pipeline itself, 1 inside a resubmit (or group bucket) of a depth-0 step, ...
     * @param match    the matched flow's match ("" for a catch-all flow), null when no flow matched
     * @param priority the matched flow's priority, null when no flow matched
     * @param notes    OVS's remarks ("-> output port is 7", ">> ... exception")
     */
    public record Step(int depth, int table, String match, Integer priority, List<String> actions, List<String> notes) {

        public boolean matched() {
            return match != null;
        }
    }

    /** The datapath drops the packet. */
    public boolean dropped() {
        return datapathActions == null
                || datapathActions.isBlank()
                || datapathActions.strip().equals("drop");
    }

    /** The OpenFlow port the last step sent the packet to, from OVS's "-> output port is N" note, or null. */
    public Integer outputPort() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            for (String n : steps.get(i).notes()) {
                String s = n.strip();
                if (s.startsWith("-> output port is ")) {
                    try {
                        return Integer.valueOf(
                                s.substring("-> output port is ".length()).strip());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
