package io.ipamctl.commands.pool;

import io.ipamctl.ipam.AddressHolder;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.output.AllocationView;
import io.ipamctl.sources.IpamInventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * `pool usage --allocations`: the addresses behind each listed row, sorted by address within a pool; with
 * -n only those whose owner is in that namespace.
 */
final class AllocationRows {

    private AllocationRows() {}

    /** @param namespace the owners' namespace, or null for all */
    static List<AllocationView.Row> of(IpamInventory inv, List<SourceUsage> listed, String namespace) {
        List<AllocationView.Row> rows = new ArrayList<>();
        for (SourceUsage u : listed) {
            rows.addAll(sorted(inv.holders(u)).stream()
                    .filter(h -> namespace == null || namespace.equals(h.ownerNamespace()))
                    .map(h -> new AllocationView.Row(
                            h.pool(),
                            h.ip(),
                            h.phase(),
                            h.owner(),
                            h.ownerKind(),
                            h.node(),
                            h.containerId(),
                            u.source().toString()))
                    .toList());
        }
        return rows;
    }

    /** By address (unparsable ones last, by text). */
    static List<AddressHolder> sorted(List<AddressHolder> holders) {
        List<AddressHolder> out = new ArrayList<>(holders);
        out.sort(Comparator.comparing(
                        (AddressHolder h) -> IpAddress.tryParse(h.ip()).orElse(null),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(h -> String.valueOf(h.ip())));
        return out;
    }
}
