package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The Whereabouts source's pure half: owners, names, the whole range as its overlap block. */
class WhereaboutsPoolsTest {

    private static final WhereaboutsNetwork MACVLAN = new WhereaboutsNetwork("default/macvlan-conf", null, "192.168.20.1",
            List.of(WhereaboutsRange.parse("192.168.20.0/24", "192.168.20.10", "192.168.20.100", List.of())));

    private static WhereaboutsPools pools(PodIndex pods) {
        return new WhereaboutsPools(List.of(new WhereaboutsPool("kube-system", "192.168.20.0-24", "192.168.20.0/24",
                List.of(new WhereaboutsAllocation("11", "192.168.20.11", "id0", "default/pod0", "net1"),
                        new WhereaboutsAllocation("13", "192.168.20.13", "id9", "default/pod-gone", "net1")), "7")),
                List.of(MACVLAN), pods);
    }

    @Test
    void rowNamesAndOwners() {
        var p = pools(PodIndex.of(List.of(new PodFacts("default/pod0", "node-01", "Running", false, List.of("10.211.1.80"),
                List.of(), List.of(), List.of()))));
        SourceUsage row = p.usages().get(0);
        assertEquals("whereabouts/kube-system/192.168.20.0-24", row.fullName());
        assertEquals("whereabouts pool kube-system/192.168.20.0-24", row.label());
        assertEquals("192.168.20.0/24", row.subnet());
        assertEquals("whereabouts.cni.cncf.io/v1alpha1", row.apiVersion());
        assertEquals(List.of(new AddressHolder("kube-system/192.168.20.0-24", "192.168.20.11", "Allocated", "default/pod0", "Pod",
                        "node-01", "id0"),
                new AddressHolder("kube-system/192.168.20.0-24", "192.168.20.13", "Allocated", "default/pod-gone", "Pod", null, "id9")),
                p.holders(row));
        assertEquals(List.of("kube-system/192.168.20.0-24"), p.poolNames());
    }

    @Test
    void itsBlockIsTheWholeRangeAndItsRangesMayOverlap() {
        var p = pools(PodIndex.none());
        assertEquals(List.of(new PoolBlock(IpamSource.WHEREABOUTS, "kube-system/192.168.20.0-24",
                "whereabouts pool kube-system/192.168.20.0-24 (range 192.168.20.0/24)",
                IpRangeSet.union(List.of(Cidr.parse("192.168.20.0/24").asRange())))), p.blocks());
        assertTrue(p.sharesAddressesOnPurpose());
        assertEquals(Optional.empty(), p.claimPodAddress(IpAddress.parse("192.168.20.11")), "a secondary network's address");
    }
}
