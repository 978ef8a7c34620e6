package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Who names a pool in ipam.antrea.io/ippools: what pool delete refuses on and pool check's dangling references read. */
class PoolReferencesTest {

    private static PodFacts pod(String key, String phase, String... pools) {
        return new PodFacts(key, "node-01", phase, false, List.of(), List.of(), List.of(pools), List.of());
    }

    private static final List<NamespacePools> BINDINGS = List.of(
            new NamespacePools("ns-web", List.of("pool-db")),
            new NamespacePools("ns-db", List.of("pool-db", "pool-v6")),
            new NamespacePools("ns-ap", List.of("pool-ap")));

    @Test
    void namespacesAndPodsThatNameThePoolSortedFinishedPodsLeftOut() {
        PodIndex pods = PodIndex.of(List.of(
                pod("ns-db/db-02", "Running", "pool-db"),
                pod("ns-db/db-01", null, "pool-x", "pool-db"),
                pod("ns-db/job-1", "Succeeded", "pool-db"),
                pod("ns-db/job-2", "Failed", "pool-db"),
                pod("ns-ap/web", "Running", "pool-ap")));
        PoolReferences r = PoolReferences.to("pool-db", BINDINGS, pods);
        assertEquals(
                List.of("ns-db", "ns-web"),
                r.namespaces().stream().map(NamespacePools::namespace).toList());
        assertEquals(
                List.of("ns-db/db-01", "ns-db/db-02"),
                r.pods().stream().map(PodFacts::key).toList());
        assertEquals(
                "namespaces ns-db, ns-web (their new Pods would get no address) and pods ns-db/db-01, ns-db/db-02 (they "
                        + "would get no address when re-created)",
                r.describe());
        assertEquals(Set.of("pool-ap", "pool-db", "pool-v6", "pool-x"), PoolReferences.named(BINDINGS, pods));
    }

    @Test
    void onePodOrNamespaceIsNamedInTheSingularAndLongListsAreCut() {
        PoolReferences one =
                PoolReferences.to("pool-ap", BINDINGS, PodIndex.of(List.of(pod("ns-ap/web", "Running", "pool-ap"))));
        assertEquals(
                "namespace ns-ap (its new Pods would get no address) and pod ns-ap/web (it would get no address when "
                        + "re-created)",
                one.describe());
        PodIndex many = PodIndex.of(IntStream.rangeClosed(1, 7)
                .mapToObj(i -> pod("ns/p-" + i, "Running", "big"))
                .toList());
        assertEquals(
                "pods ns/p-1, ns/p-2, ns/p-3, ns/p-4, ns/p-5 (and 2 more) (they would get no address when re-created)",
                PoolReferences.to("big", List.of(), many).describe());
        assertTrue(PoolReferences.to("unused", BINDINGS, many).isEmpty());
    }
}
