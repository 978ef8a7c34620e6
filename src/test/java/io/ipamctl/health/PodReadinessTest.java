package io.ipamctl.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Why a Pod is not Ready: the phase first, then the first container not ready, then the Ready condition. */
class PodReadinessTest {

    @Test
    void aRunningPodWithEveryContainerReadyAndNoFalseConditionIsReady() {
        assertNull(PodReadiness.notReady("Running", Map.of("antrea-ovs", true), "True", null));
        assertNull(PodReadiness.notReady("Running", Map.of(), null, null));
    }

    @Test
    void thePhaseComesFirst() {
        assertEquals("is not running", PodReadiness.notReady(null, Map.of("c", false), "False", "X"));
        assertEquals("is Pending", PodReadiness.notReady("Pending", Map.of("c", false), "False", "X"));
    }

    @Test
    void thenTheFirstContainerNotReadyInThePodsOrder() {
        Map<String, Boolean> ready = new LinkedHashMap<>();
        ready.put("antrea-agent", true);
        ready.put("antrea-ovs", false);
        ready.put("install-cni", null); // no readiness reported yet: not ready
        assertEquals("has container antrea-ovs not ready", PodReadiness.notReady("Running", ready, "False", "X"));
        ready.put("antrea-ovs", true);
        assertEquals("has container install-cni not ready", PodReadiness.notReady("Running", ready, "False", "X"));
    }

    @Test
    void thenTheReadyConditionWithItsReason() {
        assertEquals(
                "is not Ready (ReadinessGatesNotReady)",
                PodReadiness.notReady("Running", Map.of("c", true), "False", "ReadinessGatesNotReady"));
        assertEquals("is not Ready", PodReadiness.notReady("Running", Map.of("c", true), "Unknown", null));
    }
}
