package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of inconsistency `pool check` reports, each planted alone in an otherwise consistent cluster. */
class ConsistencyCheckTest {

    private static final PoolDefinition POOL_DB = new PoolDefinition(
            "pool-db", List.of(new PoolRangeSpec(null, "172.16.20.11", "172.16.20.50")), "172.16.20.254", 24, 20);
    private static final WhereaboutsNetwork MACVLAN = new WhereaboutsNetwork(
            "default/macvlan-conf",
            null,
            "192.168.20.1",
            List.of(WhereaboutsRange.parse("192.168.20.0/24", "192.168.20.10", "192.168.20.100", List.of())));

    private static Allocation pod(String ip, String owner) {
        return new Allocation(ip, "Allocated", owner, "cid", null, null);
    }

    private static WhereaboutsAllocation wb(String offset, String podRef) {
        return new WhereaboutsAllocation(
                offset,
                WhereaboutsRange.addressAt("192.168.20.0/24", offset)
                        .map(Object::toString)
                        .orElse(null),
                "id",
                podRef,
                "net1");
    }

    private static PodFacts running(
            String key, String ip, List<String> pinned, List<PodFacts.SecondaryNetwork> secondary) {
        return new PodFacts(key, "node-01", "Running", false, List.of(ip), pinned, List.of(), secondary);
    }

    private static PodFacts pod0() {
        return running(
                "default/pod0",
                "10.211.1.80",
                List.of(),
                List.of(new PodFacts.SecondaryNetwork("default/macvlan-conf", "net1", List.of("192.168.20.11"))));
    }

    static AntreaPool antreaPool(PoolDefinition def, List<Allocation> allocations) {
        return new AntreaPool(def, allocations, null, null, "crd.antrea.io/v1beta1", List.of(), null);
    }

    private static List<Problem> check(
            List<Allocation> antrea, List<WhereaboutsAllocation> whereabouts, PodFacts... pods) {
        PodIndex index = PodIndex.of(List.of(pods));
        return ConsistencyCheck.run(
                List.of(
                        new AntreaIpPools(List.of(antreaPool(POOL_DB, antrea)), List.of(), index),
                        new WhereaboutsPools(
                                List.of(new WhereaboutsPool(
                                        "kube-system", "192.168.20.0-24", "192.168.20.0/24", whereabouts, "1")),
                                List.of(MACVLAN),
                                index),
                        new NodePodCidrs(List.of(), () -> index)),
                index);
    }

    private static final List<Allocation> DB = List.of(pod("172.16.20.48", "ns-db/db-01"));
    private static final List<WhereaboutsAllocation> WB = List.of(wb("11", "default/pod0"));

    private static PodFacts db01() {
        return running("ns-db/db-01", "172.16.20.48", List.of("172.16.20.48"), List.of());
    }

    @Test
    void consistentClusterHasNoProblems() {
        assertEquals(List.of(), check(DB, WB, db01(), pod0()));
    }

    @Test
    void leakedAllocationsOfBothSources() {
        var problems = check(
                List.of(DB.get(0), pod("172.16.20.49", "ns-db/gone")),
                List.of(WB.get(0), wb("13", "default/pod-gone")),
                db01(),
                pod0());
        assertEquals(
                List.of(
                        new Problem(
                                Problem.Kind.LEAKED,
                                IpamSource.ANTREA,
                                "pool-db",
                                "172.16.20.49",
                                "ns-db/gone",
                                "pod not found; release with: ipamctl pool release 172.16.20.49 --pool pool-db"),
                        new Problem(
                                Problem.Kind.LEAKED,
                                IpamSource.WHEREABOUTS,
                                "kube-system/192.168.20.0-24",
                                "192.168.20.13",
                                "default/pod-gone",
                                "pod not found; release with: ipamctl pool release 192.168.20.13 --pool "
                                        + "kube-system/192.168.20.0-24")),
                problems);
    }

    @Test
    void podAddressThePoolDoesNotRecord() {
        var problems = check(
                DB,
                WB,
                db01(),
                pod0(),
                running("ns-db/db-03", "172.16.20.20", List.of(), List.of()),
                running("ns-db/db-04", "172.16.20.48", List.of(), List.of()));
        assertEquals(
                List.of(
                        new Problem(
                                Problem.Kind.UNRECORDED,
                                IpamSource.ANTREA,
                                "pool-db",
                                "172.16.20.20",
                                "ns-db/db-03",
                                "the pool's status.ipAddresses has no entry for it"),
                        new Problem(
                                Problem.Kind.UNRECORDED,
                                IpamSource.ANTREA,
                                "pool-db",
                                "172.16.20.48",
                                "ns-db/db-04",
                                "the pool records it for ns-db/db-01"),
                        new Problem(
                                Problem.Kind.DUPLICATE,
                                IpamSource.ANTREA,
                                "pool-db",
                                "172.16.20.48",
                                "ns-db/db-01, ns-db/db-04",
                                "2 running pods have this address")),
                problems);
    }

    @Test
    void sameAddressAllocatedTwice() {
        var problems = check(
                List.of(DB.get(0), pod("172.16.20.48", "ns-db/db-02")),
                WB,
                db01(),
                pod0(),
                new PodFacts("ns-db/db-02", "node-02", "Pending", false, List.of(), List.of(), List.of(), List.of()));
        assertEquals(
                List.of(new Problem(
                        Problem.Kind.DUPLICATE,
                        IpamSource.ANTREA,
                        "pool-db",
                        "172.16.20.48",
                        "ns-db/db-01, ns-db/db-02",
                        "allocated 2 times")),
                problems);
    }

    @Test
    void twoPodsWithOneNodeAddress() {
        var problems = check(
                DB,
                WB,
                db01(),
                pod0(),
                running("default/a", "10.211.1.9", List.of(), List.of()),
                running("default/b", "10.211.1.9", List.of(), List.of()),
                new PodFacts(
                        "default/done",
                        "node-01",
                        "Succeeded",
                        false,
                        List.of("10.211.1.9"),
                        List.of(),
                        List.of(),
                        List.of()));
        assertEquals(
                List.of(new Problem(
                        Problem.Kind.DUPLICATE,
                        IpamSource.NODE,
                        null,
                        "10.211.1.9",
                        "default/a, default/b",
                        "2 running pods have this address")),
                problems);
    }

    @Test
    void pinnedAddressDiffersFromTheActualOne() {
        var problems =
                check(DB, WB, running("ns-db/db-01", "172.16.20.48", List.of("172.16.20.49"), List.of()), pod0());
        assertEquals(
                List.of(new Problem(
                        Problem.Kind.POD_IPS_MISMATCH,
                        IpamSource.ANTREA,
                        "pool-db",
                        "172.16.20.48",
                        "ns-db/db-01",
                        "ipam.antrea.io/pod-ips asks for 172.16.20.49 but the pod has 172.16.20.48")),
                problems);
    }

    @Test
    void networkStatusAddressesWhereaboutsDoesNotRecord() {
        var pod1 = running(
                "default/pod1",
                "10.211.2.81",
                List.of(),
                List.of(
                        new PodFacts.SecondaryNetwork("default/macvlan-conf", "net1", List.of("192.168.20.12")),
                        new PodFacts.SecondaryNetwork("default/other-net", "net2", List.of("10.9.9.9"))));
        var thief = running(
                "default/pod2",
                "10.211.2.82",
                List.of(),
                List.of(new PodFacts.SecondaryNetwork("default/macvlan-conf", "net1", List.of("192.168.20.11"))));
        var problems = check(DB, WB, db01(), pod0(), pod1, thief);
        assertEquals(
                List.of(
                        new Problem(
                                Problem.Kind.NETWORK_STATUS_UNRECORDED,
                                IpamSource.WHEREABOUTS,
                                "kube-system/192.168.20.0-24",
                                "192.168.20.11",
                                "default/pod2",
                                "net1 of default/macvlan-conf: Whereabouts records it for default/pod0"),
                        new Problem(
                                Problem.Kind.NETWORK_STATUS_UNRECORDED,
                                IpamSource.WHEREABOUTS,
                                "kube-system/192.168.20.0-24",
                                "192.168.20.12",
                                "default/pod1",
                                "net1 of default/macvlan-conf: no Whereabouts allocation")),
                problems);
    }

    @Test
    void onlyTheAskedSourceIsChecked() {
        PodIndex pods = PodIndex.of(List.of(
                db01(),
                running("default/a", "10.211.1.9", List.of(), List.of()),
                running("default/b", "10.211.1.9", List.of(), List.of())));
        var problems = ConsistencyCheck.run(
                List.of(new AntreaIpPools(List.of(antreaPool(POOL_DB, DB)), List.of(), pods)), pods);
        assertEquals(List.of(), problems);
    }
}
