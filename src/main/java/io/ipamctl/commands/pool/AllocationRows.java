package io.ipamctl.commands.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.ipamctl.ipam.Allocation;
import io.ipamctl.ipam.Cidr;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.PodFacts;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.ipam.WhereaboutsAllocation;
import io.ipamctl.ipam.WhereaboutsPool;
import io.ipamctl.kube.IpamInventory;
import io.ipamctl.kube.PodDirectory;
import io.ipamctl.kube.PoolRecord;
import io.ipamctl.output.AllocationView;

/** `pool usage --allocations`: the addresses behind each listed row, sorted by address within a pool. */
final class AllocationRows {

    private AllocationRows() {
    }

    static List<AllocationView.Row> of(IpamInventory inv, List<SourceUsage> listed) {
        Map<String, String> nodes = PodDirectory.nodesByPod(inv.pods());
        List<AllocationView.Row> rows = new ArrayList<>();
        for (SourceUsage u : listed) {
            List<AllocationView.Row> pool = new ArrayList<>();
            if (u.source() == IpamSource.ANTREA) {
                PoolRecord p = inv.antrea().stream().filter(r -> r.name().equals(u.name())).findFirst().orElseThrow();
                for (Allocation a : p.allocations()) {
                    String kind = a.podOwner() != null ? "Pod" : a.statefulSetOwner() != null ? "StatefulSet" : null;
                    pool.add(new AllocationView.Row(p.name(), a.ip(), a.phase(), a.ownerText(), kind,
                            a.podOwner() == null ? null : nodes.get(a.podOwner()), a.containerId(), u.source().toString()));
                }
            } else if (u.source() == IpamSource.WHEREABOUTS) {
                WhereaboutsPool p = inv.whereabouts().stream().filter(w -> w.qualifiedName().equals(u.qualifiedName()))
                        .findFirst().orElseThrow();
                for (WhereaboutsAllocation a : p.valid()) {
                    pool.add(new AllocationView.Row(p.qualifiedName(), a.ip(), "Allocated", a.podRef(), "Pod",
                            nodes.get(a.podRef()), a.containerId(), u.source().toString()));
                }
            } else {
                Cidr cidr = Cidr.parse(u.ranges().get(0));
                for (PodFacts pod : inv.podFacts()) {
                    if (!u.name().equals(pod.node()) || !pod.holdsPodNetworkIps()) {
                        continue;
                    }
                    pod.ips().stream().filter(t -> IpAddress.tryParse(t).map(cidr::contains).orElse(false)).forEach(ip ->
                            pool.add(new AllocationView.Row(u.name(), ip, pod.phase(), pod.key(), "Pod", pod.node(), null,
                                    u.source().toString())));
                }
            }
            pool.sort(Comparator.comparing((AllocationView.Row r) -> IpAddress.tryParse(r.ip()).orElse(null),
                    Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(r -> String.valueOf(r.ip())));
            rows.addAll(pool);
        }
        return rows;
    }
}
