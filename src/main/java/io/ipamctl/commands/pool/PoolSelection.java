package io.ipamctl.commands.pool;

import java.util.ArrayList;
import java.util.List;

import io.ipamctl.IpamctlException;
import io.ipamctl.kube.IpPoolStore;
import io.ipamctl.kube.PoolRecord;

/** Named pools (all of them must exist) or every pool. */
final class PoolSelection {

    private PoolSelection() {
    }

    static List<PoolRecord> select(IpPoolStore store, List<String> names) {
        if (names.isEmpty()) {
            return store.list();
        }
        List<PoolRecord> picked = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            store.find(n).ifPresentOrElse(picked::add, () -> missing.add(n));
        }
        if (!missing.isEmpty()) {
            throw IpamctlException.failed("IPPool " + String.join(", ", missing.stream().map(m -> "\"" + m + "\"").toList())
                    + " not found (list pools with: ipamctl pool list)");
        }
        return picked;
    }
}
