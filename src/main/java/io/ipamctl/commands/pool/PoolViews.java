package io.ipamctl.commands.pool;

import io.ipamctl.commands.Session;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.output.PoolListView;
import io.ipamctl.sources.IpamInventory;
import java.util.List;

/**
 * The pool list/get view of the rows selected from an inventory; their problems go to the session's warnings. Its
 * allocations name no node, so the inventory need not read the Pods for them (Node IPAM reads them anyway).
 */
final class PoolViews {

    private PoolViews() {}

    static PoolListView list(IpamInventory inventory, List<SourceUsage> rows, Session session) {
        rows.forEach(u -> u.warnings().forEach(session::warn));
        return new PoolListView(
                rows.stream()
                        .map(u -> new PoolListView.Pool(u, AllocationRows.sorted(inventory.holders(u))))
                        .toList(),
                session.environment().now());
    }
}
