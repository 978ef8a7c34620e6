package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Whereabouts source's pure half: owners, names, the whole range as its overlap block. */
class WhereaboutsPoolsTest {

    private static final WhereaboutsNetwork MACVLAN = new WhereaboutsNetwork(
            "default/macvlan-conf",
            null,
            "192.168.20.1",
            List.of(WhereaboutsRange.parse("192.168.20.0/24", "192.168.20.10", "192.168.20.100", List.of())));

    private static WhereaboutsPools pools(PodIndex pods) {
        return new WhereaboutsPools(
                List.of(new WhereaboutsPool(
                        "kube-system",
                        "192.168.20.0-24",
                        "192.168.20.0/24",
                        List.of(
                                new WhereaboutsAllocation("11", "192.168.20.11", "id0", "default/pod0", "net1"),
                                new WhereaboutsAllocation("13", "192.168.20.13", "id9", "default/pod-gone", "net1")),
                        "7")),
                List.of(MACVLAN),
                pods);
    }

    @Test
    void rowNamesAndOwners() {
        var p = pools(PodIndex.of(List.of(new PodFacts(
                "default/pod0",
                "node-01",
                "Running",
                false,
                List.of("10.211.1.80"),
                List.of(),
                List.of(),
                List.of()))));
        SourceUsage row = p.usages().get(0);
        assertEquals("whereabouts/kube-system/192.168.20.0-24", row.fullName());
        assertEquals("whereabouts pool kube-system/192.168.20.0-24", row.label());
        assertEquals("192.168.20.0/24", row.subnet());
        assertEquals("whereabouts.cni.cncf.io/v1alpha1", row.apiVersion());
        assertEquals(
                List.of(
                        new AddressHolder(
                                "kube-system/192.168.20.0-24",
                                "192.168.20.11",
                                "Allocated",
                                "default/pod0",
                                "Pod",
                                "node-01",
                                "id0"),
                        new AddressHolder(
                                "kube-system/192.168.20.0-24",
                                "192.168.20.13",
                                "Allocated",
                                "default/pod-gone",
                                "Pod",
                                null,
                                "id9")),
                p.holders(row));
        assertEquals(List.of("kube-system/192.168.20.0-24"), p.poolNames());
    }

    /** As the real plugin does: an address one range holds is skipped by an overlapping range of the same network_name. */
    @Test
    void anAddressAnOverlappingRangeHoldsIsNotFree() {
        var small = new WhereaboutsNetwork(
                "default/small", null, null, List.of(WhereaboutsRange.parse("192.168.31.0/29", null, null, List.of())));
        var wide = new WhereaboutsNetwork(
                "default/wide", null, null, List.of(WhereaboutsRange.parse("192.168.31.0/28", null, null, List.of())));
        var other = new WhereaboutsNetwork(
                "default/blue",
                "blue",
                null,
                List.of(WhereaboutsRange.parse("192.168.31.0/28", null, null, List.of())));
        var p = new WhereaboutsPools(
                List.of(
                        new WhereaboutsPool(
                                "kube-system",
                                "192.168.31.0-29",
                                "192.168.31.0/29",
                                List.of(new WhereaboutsAllocation("1", "192.168.31.1", "a", "default/s1", "net1")),
                                "1"),
                        new WhereaboutsPool(
                                "kube-system",
                                "192.168.31.0-28",
                                "192.168.31.0/28",
                                List.of(new WhereaboutsAllocation("2", "192.168.31.2", "b", "default/w1", "net1")),
                                "1"),
                        new WhereaboutsPool("kube-system", "blue-192.168.31.0-28", "192.168.31.0/28", List.of(), "1")),
                List.of(small, wide, other),
                PodIndex.none());
        List<SourceUsage> rows = p.usages();
        assertEquals(
                List.of(
                        "whereabouts pool kube-system/192.168.31.0-29: 1 address of its usable range is held by overlapping "
                                + "whereabouts pool kube-system/192.168.31.0-28; Whereabouts will not hand it out here, "
                                + "so FREE is 1 too high"),
                rows.get(0).warnings());
        assertEquals(
                List.of(
                        "whereabouts pool kube-system/192.168.31.0-28: 1 address of its usable range is held by overlapping "
                                + "whereabouts pool kube-system/192.168.31.0-29; Whereabouts will not hand it out here, "
                                + "so FREE is 1 too high"),
                rows.get(1).warnings());
        assertEquals(List.of(), rows.get(2).warnings(), "network_name blue has reservations of its own");
    }

    @Test
    void itsBlockIsTheWholeRangeAndItsRangesMayOverlap() {
        var p = pools(PodIndex.none());
        assertEquals(
                List.of(new PoolBlock(
                        IpamSource.WHEREABOUTS,
                        "kube-system/192.168.20.0-24",
                        "whereabouts pool kube-system/192.168.20.0-24 (range 192.168.20.0/24)",
                        IpRangeSet.union(List.of(Cidr.parse("192.168.20.0/24").asRange())))),
                p.blocks());
        assertTrue(p.sharesAddressesOnPurpose());
        assertEquals(
                Optional.empty(), p.claimPodAddress(IpAddress.parse("192.168.20.11")), "a secondary network's address");
    }

    /** What ipamctl ip will show: state per address of the range, the owner of a held one. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "192.168.20.0   | network   | the network address of 192.168.20.0/24",
                "192.168.20.1   | excluded  | not handed out by the IPAM config of default/macvlan-conf (exclude, range_start or range_end)",
                "192.168.20.10  | free      | ''",
                "192.168.20.11  | allocated | default/pod0",
                "192.168.20.100 | free      | ''",
                "192.168.20.101 | excluded  | not handed out by the IPAM config of default/macvlan-conf (exclude, range_start or range_end)",
                "192.168.20.255 | broadcast | the last address of 192.168.20.0/24, which Whereabouts never hands out",
                "192.168.21.1   | none      | ''",
            })
    void everyAddressOfTheRangeHasAState(String ip, String state, String detailOrOwner) {
        List<AddressState> states = pools(PodIndex.none()).addressStates(IpAddress.parse(ip));
        if (state.equals("none")) {
            assertEquals(List.of(), states);
            return;
        }
        assertEquals(1, states.size());
        AddressState s = states.get(0);
        assertEquals(
                List.of(IpamSource.WHEREABOUTS.toString(), "kube-system/192.168.20.0-24", state),
                List.of(s.source().toString(), s.pool(), s.state().toString()));
        assertEquals(detailOrOwner, s.holder() != null ? s.holder().owner() : s.detail() == null ? "" : s.detail());
    }
}
