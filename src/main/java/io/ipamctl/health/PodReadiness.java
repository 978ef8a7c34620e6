package io.ipamctl.health;

import java.util.Map;

/** Why a Pod is not Ready, from what its status says, as kubectl's READY and STATUS columns tell it. */
public final class PodReadiness {

    private PodReadiness() {}

    /**
     * @param phase           status.phase (null: none yet)
     * @param containersReady each container status's readiness, in the Pod's order
     * @param readyCondition  the status of the Ready condition, null without one
     * @param readyReason     its reason, null without one
     * @return the reason ("is Pending", "has container antrea-ovs not ready", "is not Ready (REASON)"), or null
     *     when the Pod is Ready
     */
    public static String notReady(
            String phase, Map<String, Boolean> containersReady, String readyCondition, String readyReason) {
        if (!"Running".equals(phase)) {
            return "is " + (phase == null ? "not running" : phase);
        }
        for (Map.Entry<String, Boolean> c : containersReady.entrySet()) {
            if (!Boolean.TRUE.equals(c.getValue())) {
                return "has container " + c.getKey() + " not ready";
            }
        }
        if (readyCondition != null && !"True".equals(readyCondition)) {
            return "is not Ready" + (readyReason == null ? "" : " (" + readyReason + ")");
        }
        return null;
    }
}
