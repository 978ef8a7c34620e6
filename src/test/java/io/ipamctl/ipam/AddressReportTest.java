package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When `ipamctl ip` calls an address held twice, and who it names. */
class AddressReportTest {

    private static final IpAddress IP = IpAddress.parse("10.0.0.7");

    private static AddressState held(IpamSource source, String pool, String owner, String kind) {
        return new AddressState(source, pool, AddressState.State.FREE, null, null)
                .held(
                        AddressState.State.ALLOCATED,
                        new AddressHolder(pool, IP.toString(), "Allocated", owner, kind, null, null));
    }

    private static PodFacts pod(String key, String phase, boolean hostNetwork, String ip) {
        return new PodFacts(key, "node-01", phase, hostNetwork, List.of(ip), List.of(), List.of(), List.of());
    }

    private static String conflicts(AddressReport r) {
        return String.join(
                "\n",
                r.conflicts().stream()
                        .map(c -> c.kind() + ": " + c.detail() + ": " + String.join(", ", c.holders()))
                        .toList());
    }

    @Test
    void oneHolderIsNoConflict() {
        AddressReport r =
                AddressReport.of(IP, List.of(held(IpamSource.ANTREA, "p", "ns/a", "Pod")), Set.of(), List.of());
        assertEquals(List.of(), r.conflicts());
        assertEquals(false, r.outsideEveryPool());
    }

    @Test
    void twoOwnersInOneSource() {
        AddressReport r = AddressReport.of(
                IP,
                List.of(
                        held(IpamSource.NODE, "node-01", "ns/a", "Pod"),
                        held(IpamSource.NODE, "node-01", "ns/b", "Pod")),
                Set.of(),
                List.of());
        assertEquals("two-owners: 2 owners hold it: pod/ns/a (node node-01), pod/ns/b (node node-01)", conflicts(r));
    }

    @Test
    void oneOwnerInTwoSourcesIsTwoSources() {
        AddressReport r = AddressReport.of(
                IP,
                List.of(held(IpamSource.ANTREA, "p", "ns/a", "Pod"), held(IpamSource.NODE, "node-01", "ns/a", "Pod")),
                Set.of(),
                List.of());
        assertEquals(
                "two-sources: recorded as handed out by antrea and node, whose pools overlap: pod/ns/a (antrea p), "
                        + "pod/ns/a (node node-01)",
                conflicts(r));
    }

    @Test
    void anEgressAndAPodAreTwoOwnersInTwoSources() {
        AddressReport r = AddressReport.of(
                IP,
                List.of(
                        held(IpamSource.NODE, "node-01", "ns/a", "Pod"),
                        held(IpamSource.EXTERNAL_IP, "eip", "egress/out", "Egress")),
                Set.of(),
                List.of());
        assertEquals("""
                two-owners: 2 owners hold it: pod/ns/a (node node-01), egress/out (externalippool eip)
                two-sources: recorded as handed out by node and externalippool, whose pools overlap: pod/ns/a (node node-01), \
                egress/out (externalippool eip)""", conflicts(r));
    }

    /** Whereabouts networks kept apart (network_name) may each hand the address out; within one pool they may not. */
    @Test
    void whereaboutsPoolsOfSeparateNetworksShareOnPurpose() {
        List<AddressState> apart = List.of(
                held(IpamSource.WHEREABOUTS, "ns/blue-10.0.0.0-24", "ns/a", "Pod"),
                held(IpamSource.WHEREABOUTS, "ns/red-10.0.0.0-24", "ns/b", "Pod"));
        assertEquals(
                List.of(),
                AddressReport.of(IP, apart, Set.of(IpamSource.WHEREABOUTS), List.of())
                        .conflicts());
        assertEquals(
                1, AddressReport.of(IP, apart, Set.of(), List.of()).conflicts().size(), "a source that does not share");
        List<AddressState> samePool = List.of(
                held(IpamSource.WHEREABOUTS, "ns/10.0.0.0-24", "ns/a", "Pod"),
                held(IpamSource.WHEREABOUTS, "ns/10.0.0.0-24", "ns/b", "Pod"));
        assertEquals(
                1,
                AddressReport.of(IP, samePool, Set.of(IpamSource.WHEREABOUTS), List.of())
                        .conflicts()
                        .size());
    }

    @Test
    void allocationsWithoutOwnerAreOwnersOfTheirOwn() {
        AddressState noOwner = new AddressState(IpamSource.ANTREA, "p", AddressState.State.FREE, null, null)
                .held(
                        AddressState.State.ALLOCATED,
                        new AddressHolder("p", IP.toString(), "Allocated", null, null, null, null));
        AddressReport r = AddressReport.of(
                IP, List.of(noOwner, held(IpamSource.ANTREA, "q", "ns/a", "Pod")), Set.of(), List.of());
        assertEquals("two-owners: 2 owners hold it: (no owner) (antrea p), pod/ns/a (antrea q)", conflicts(r));
    }

    /** Outside every pool: the running Pods that still have it (host-network and finished ones do not count). */
    @Test
    void outsideEveryPoolNamesThePodsThatHaveIt() {
        List<PodFacts> pods = List.of(
                pod("ns/a", "Running", false, "10.0.0.7"),
                pod("ns/done", "Succeeded", false, "10.0.0.7"),
                pod("ns/host", "Running", true, "10.0.0.7"),
                pod("ns/other", "Running", false, "10.0.0.8"),
                new PodFacts(
                        "ns/multus",
                        "node-02",
                        "Running",
                        false,
                        List.of("10.1.0.1"),
                        List.of(),
                        List.of(),
                        List.of(new PodFacts.SecondaryNetwork("ns/net", "net1", List.of("10.0.0.7")))));
        AddressReport r = AddressReport.of(IP, List.of(), Set.of(), pods);
        assertTrue(r.outsideEveryPool());
        assertEquals(
                List.of("ns/a", "ns/multus"),
                r.unpooled().stream().map(AddressHolder::owner).toList());
        assertEquals("two-owners: 2 owners hold it: pod/ns/a (no pool), pod/ns/multus (no pool)", conflicts(r));
    }

    @Test
    void ownerTextIsKubectlsTypeSlashName() {
        assertEquals(
                "pod/ns/a", AddressReport.ownerText(new AddressHolder("p", "x", "Running", "ns/a", "Pod", null, null)));
        assertEquals(
                "egress/out",
                AddressReport.ownerText(new AddressHolder("p", "x", "Allocated", "egress/out", "Egress", null, null)));
        assertEquals(
                "statefulset/ns/db[0]",
                AddressReport.ownerText(
                        new AddressHolder("p", "x", "Reserved", "ns/db[0]", "StatefulSet", null, null)));
        assertEquals(
                "(no owner)",
                AddressReport.ownerText(new AddressHolder("p", "x", "Allocated", null, null, null, null)));
    }
}
