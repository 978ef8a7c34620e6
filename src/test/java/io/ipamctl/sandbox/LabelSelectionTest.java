package io.ipamctl.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sandbox's label selectors: every form kube-apiserver takes, as it applies them. */
class LabelSelectionTest {

    private static final Map<String, String> WEB = Map.of("team", "web", "env", "prod");

    private static boolean selects(String selector, Map<String, String> labels) {
        return LabelSelection.predicate(selector).test(labels);
    }

    @Test
    void everyRequirementAsTheApiServerMeansIt() {
        assertTrue(selects("team=web", WEB));
        assertTrue(selects("team==web", WEB));
        assertFalse(selects("team=db", WEB));
        assertTrue(selects("team!=db", WEB));
        assertTrue(selects("owner!=x", WEB), "!= also holds where the label is missing");
        assertTrue(selects("team", WEB));
        assertFalse(selects("!team", WEB));
        assertTrue(selects("!owner", WEB));
        assertTrue(selects("team in (db, web)", WEB));
        assertFalse(selects("team in (db,net)", WEB));
        assertFalse(selects("owner in (x)", WEB));
        assertTrue(selects("team notin (db,net)", WEB));
        assertTrue(selects("owner notin (x)", WEB), "notin also holds where the label is missing");
        assertTrue(selects("env=prod,team in (web,db)", WEB));
        assertFalse(selects("env=prod,team notin (web)", WEB));
        assertFalse(selects("a b", WEB), "what does not parse selects nothing");
    }

    @Test
    void aListRequestsSelectorIsTakenOffItsPathAndAppliedToTheItems() {
        String path = "/apis/crd.antrea.io/v1beta1/ippools?limit=500&labelSelector=team+in+%28db%2Cweb%29";
        assertEquals(Optional.of("team in (db,web)"), LabelSelection.of(path));
        assertEquals("/apis/crd.antrea.io/v1beta1/ippools?limit=500", LabelSelection.without(path));
        assertEquals(Optional.empty(), LabelSelection.of("/api/v1/nodes?watch=1&labelSelector=a"));
        assertEquals(Optional.empty(), LabelSelection.of("/api/v1/nodes?limit=500"));
        String list =
                "{\"kind\":\"IPPoolList\",\"items\":[{\"metadata\":{\"name\":\"a\",\"labels\":{\"team\":\"web\"}}},"
                        + "{\"metadata\":{\"name\":\"b\",\"labels\":{\"team\":\"net\"}}},{\"metadata\":{\"name\":\"c\"}}]}";
        assertEquals(
                "{\"kind\":\"IPPoolList\",\"items\":[{\"metadata\":{\"name\":\"a\",\"labels\":{\"team\":\"web\"}}}]}",
                new String(
                        LabelSelection.filter(list.getBytes(StandardCharsets.UTF_8), "team in (db,web)"),
                        StandardCharsets.UTF_8));
    }
}
