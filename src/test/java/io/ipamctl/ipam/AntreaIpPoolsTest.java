package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The Antrea source's pure half: rows, owners, overlap blocks, claims, and its own pool check findings. */
class AntreaIpPoolsTest {

    private static final List<Allocation> DB = List.of(
            new Allocation("172.16.20.48", "Allocated", "ns-db/db-01", "c1", null, null),
            new Allocation("172.16.20.11", "Reserved", null, null, "ns-db/web", 0));

    private static PodFacts pod(String key, String node, List<String> ips, List<String> requested) {
        return new PodFacts(
                key, node, ips.isEmpty() ? "Pending" : "Running", false, ips, List.of(), requested, List.of());
    }

    private static AntreaIpPools pools(List<NamespacePools> bindings, PodFacts... pods) {
        return new AntreaIpPools(
                List.of(
                        ConsistencyCheckTest.antreaPool(Pools.poolAp(), List.of()),
                        ConsistencyCheckTest.antreaPool(Pools.poolDb(), DB)),
                bindings,
                PodIndex.of(List.of(pods)));
    }

    @Test
    void rowsCountAsAntreaDoesAndAreNamedEveryWay() {
        SourceUsage db = pools(List.of()).usages().get(1);
        assertEquals(
                new SourceUsage(
                        IpamSource.ANTREA,
                        "pool-db",
                        null,
                        "pool pool-db",
                        "crd.antrea.io/v1beta1",
                        List.of("172.16.20.11-172.16.20.50"),
                        "172.16.20.0/24",
                        "172.16.20.254",
                        24,
                        20,
                        new Fill(BigInteger.valueOf(40), 2),
                        null,
                        List.of(),
                        null),
                db);
        assertEquals("antrea/pool-db", db.fullName());
        assertEquals(List.of("pool-ap", "pool-db"), pools(List.of()).poolNames());
    }

    @Test
    void ownersWithTheirKindAndNode() {
        var p = pools(List.of(), pod("ns-db/db-01", "node-02", List.of("172.16.20.48"), List.of()));
        assertEquals(
                List.of(
                        new AddressHolder(
                                "pool-db", "172.16.20.48", "Allocated", "ns-db/db-01", "Pod", "node-02", "c1"),
                        new AddressHolder(
                                "pool-db", "172.16.20.11", "Reserved", "ns-db/web[0]", "StatefulSet", null, null)),
                p.holders(p.usages().get(1)));
    }

    @Test
    void claimsPodAddressesOfItsPoolsOnly() {
        var p = pools(List.of());
        assertEquals(
                Optional.of(new SourcePools.PodAddressClaim("pool-ap")),
                p.claimPodAddress(IpAddress.parse("172.16.19.30")));
        assertEquals(Optional.empty(), p.claimPodAddress(IpAddress.parse("10.211.1.9")));
    }

    @Test
    void aNamespaceBoundToAMissingPoolIsADanglingReference() {
        var problems = pools(
                        List.of(
                                new NamespacePools("ns-big", List.of("big6")),
                                new NamespacePools("ns-ap", List.of("pool-ap")),
                                new NamespacePools("ns-mixed", List.of("gone", "pool-db"))),
                        pod("ns-db/db-01", "node-01", List.of("172.16.20.48"), List.of()))
                .problems();
        assertEquals(
                List.of(
                        new Problem(
                                Problem.Kind.DANGLING_REFERENCE,
                                IpamSource.ANTREA,
                                "big6",
                                null,
                                "ns-big",
                                "namespace ns-big is bound to it (ipam.antrea.io/ippools) but no IPPool has that name: "
                                        + "new Pods of ns-big cannot get addresses"),
                        new Problem(
                                Problem.Kind.DANGLING_REFERENCE,
                                IpamSource.ANTREA,
                                "gone",
                                null,
                                "ns-mixed",
                                "namespace ns-mixed is bound to it (ipam.antrea.io/ippools) but no IPPool has that name: "
                                        + "Antrea skips it and uses pool-db")),
                problems);
    }

    @Test
    void aPodAnnotationNamingAMissingPoolIsADanglingReference() {
        var problems = pools(
                        List.of(),
                        pod("ns-db/db-01", "node-01", List.of("172.16.20.48"), List.of("pool-db")),
                        pod("ns-db/db-09", null, List.of(), List.of("pool-x")),
                        pod("ns-db/db-10", "node-01", List.of("172.16.19.30"), List.of("pool-y")),
                        new PodFacts(
                                "ns-db/done",
                                "node-01",
                                "Succeeded",
                                false,
                                List.of(),
                                List.of(),
                                List.of("pool-z"),
                                List.of()))
                .problems()
                .stream()
                .filter(p -> p.kind() == Problem.Kind.DANGLING_REFERENCE)
                .toList();
        assertEquals(
                List.of(
                        new Problem(
                                Problem.Kind.DANGLING_REFERENCE,
                                IpamSource.ANTREA,
                                "pool-x",
                                null,
                                "ns-db/db-09",
                                "the pod's ipam.antrea.io/ippools names it but no IPPool has that name: the pod cannot get addresses"),
                        new Problem(
                                Problem.Kind.DANGLING_REFERENCE,
                                IpamSource.ANTREA,
                                "pool-y",
                                null,
                                "ns-db/db-10",
                                "the pod's ipam.antrea.io/ippools names it but no IPPool has that name: the pod, once re-created, "
                                        + "cannot get addresses")),
                problems);
    }

    @Test
    void anUnreadablePoolStillHasARowWithAWarning() {
        var broken = new AntreaIpPools(
                        List.of(new AntreaPool(
                                Pools.pool("bad", "10.0.0.1", 24, 0, "10.0.0.0/99"),
                                List.of(),
                                null,
                                null,
                                "crd.antrea.io/v1beta1",
                                List.of(),
                                null)),
                        List.of(),
                        PodIndex.none())
                .usages()
                .get(0);
        assertEquals(BigInteger.ZERO, broken.total());
        assertEquals(
                List.of("pool bad: \"10.0.0.0/99\" is not a valid CIDR (expected ADDRESS/PREFIX, e.g. 172.16.19.0/24); "
                        + "its TOTAL is shown as 0"),
                broken.warnings());
    }

    @Test
    void addressStatesFollowTheAllocatorAndTheStatus() {
        var p = pools(List.of(), pod("ns-db/db-01", "node-02", List.of("172.16.20.48"), List.of()));
        Function<String, String> state = ip -> String.join(
                " ",
                p.addressStates(IpAddress.parse(ip)).stream()
                        .map(s -> s.pool() + " " + s.state() + " "
                                + (s.holder() == null
                                        ? s.detail()
                                        : s.holder().owner() + "@" + s.holder().node()))
                        .toList());
        assertEquals("pool-db allocated ns-db/db-01@node-02", state.apply("172.16.20.48"));
        assertEquals("pool-db reserved ns-db/web[0]@null", state.apply("172.16.20.11"));
        assertEquals("pool-db free null", state.apply("172.16.20.12"));
        assertEquals("", state.apply("172.16.20.254"), "the gateway lies outside the start-end range");
        var cidr = new AntreaIpPools(
                List.of(ConsistencyCheckTest.antreaPool(
                        Pools.pool("pool-c", "10.2.0.1", 24, 0, "10.2.0.0/24"), List.of())),
                List.of(),
                PodIndex.none());
        assertEquals(
                "pool-c network the network address of 10.2.0.0/24, never handed out",
                String.join(
                        "",
                        cidr.addressStates(IpAddress.parse("10.2.0.0")).stream()
                                .map(s -> s.pool() + " " + s.state() + " " + s.detail())
                                .toList()));
        assertEquals(
                List.of(AddressState.State.GATEWAY, AddressState.State.BROADCAST),
                List.of(
                        cidr.addressStates(IpAddress.parse("10.2.0.1")).get(0).state(),
                        cidr.addressStates(IpAddress.parse("10.2.0.255")).get(0).state()));
    }
}
