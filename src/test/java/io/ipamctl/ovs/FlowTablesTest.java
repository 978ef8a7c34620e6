package io.ipamctl.ovs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** --table: a name or an ID, whichever ovs-ofctl prints, against the tables a node has. */
class FlowTablesTest {

    /** node-01's Flow_Table names, as the snapshot fixture reads them. */
    private static final FlowTables ANTREA = new FlowTables(
            OvsSnapshot.parse(Fixtures.ovs("node-01-snapshot.json")).tableNames());

    @Test
    void aNamedTableIsFoundByNameInAnyCaseAndByItsId() {
        FlowTables.Table classifier = new FlowTables.Table(3, "Classifier");
        assertEquals(Optional.of(classifier), ANTREA.find("Classifier"));
        assertEquals(Optional.of(classifier), ANTREA.find("classifier"));
        assertEquals(Optional.of(classifier), ANTREA.find("3"));
        assertEquals(Optional.of(classifier), ANTREA.find("003"));
        assertTrue(
                classifier.printedAs("Classifier") && classifier.printedAs("3") && classifier.printedAs("CLASSIFIER"));
        assertFalse(classifier.printedAs("30") || classifier.printedAs("SpoofGuard"));
        assertEquals("Classifier (3)", classifier.label());
    }

    @Test
    void onAnAntreaNodeAnIdOrNameItHasNotIsUnknown() {
        assertEquals(Optional.empty(), ANTREA.find("99"));
        assertEquals(Optional.empty(), ANTREA.find("Nope"));
        assertEquals(38, ANTREA.all().size());
        assertEquals(
                List.of("PipelineRootClassifier (0)", "ARPSpoofGuard (1)"),
                ANTREA.all().subList(0, 2).stream().map(FlowTables.Table::label).toList());
    }

    @Test
    void onANodeThatNamesNoTablesEveryIdExistsAndNoName() {
        FlowTables none = new FlowTables(Map.of());
        assertEquals(Optional.of(new FlowTables.Table(200, null)), none.find("200"));
        assertEquals("200", new FlowTables.Table(200, null).label());
        assertEquals(Optional.empty(), none.find("Classifier"));
    }

    @Test
    void idsAreZeroTo254() {
        assertEquals(0, FlowTables.id("0"));
        assertEquals(254, FlowTables.id("254"));
        assertNull(FlowTables.id("255"));
        assertNull(FlowTables.id("-1"));
        assertNull(FlowTables.id("Output"));
    }
}
