package io.ipamctl.commands.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.SourceUsage;

/** Rows named on the command line (by name, or namespace/name for Whereabouts), or every row. */
final class UsageSelection {

    private UsageSelection() {
    }

    static List<SourceUsage> select(List<SourceUsage> all, List<String> names, Set<IpamSource> sources) {
        if (names.isEmpty()) {
            return all;
        }
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (all.stream().noneMatch(u -> matches(u, n))) {
                missing.add("\"" + n + "\"");
            }
        }
        if (!missing.isEmpty()) {
            if (sources.equals(Set.of(IpamSource.ANTREA))) {
                throw IpamctlException.failed("IPPool " + String.join(", ", missing) + " not found (list pools with: ipamctl pool list)");
            }
            throw IpamctlException.failed("pool " + String.join(", ", missing) + " not found in "
                    + String.join(", ", sources.stream().map(IpamSource::toString).toList())
                    + " (list them with: ipamctl pool usage)");
        }
        return all.stream().filter(u -> names.stream().anyMatch(n -> matches(u, n))).toList();
    }

    static boolean matches(SourceUsage u, String name) {
        return u.name().equals(name) || u.qualifiedName().equals(name);
    }

    /** How a row is named in messages: "pool pool-ap", "whereabouts pool kube-system/192.168.20.0-24", "node node-01 podCIDR ...". */
    static String label(SourceUsage u) {
        return switch (u.source()) {
            case ANTREA -> "pool " + u.name();
            case WHEREABOUTS -> "whereabouts pool " + u.qualifiedName();
            case NODE -> "node " + u.name() + " podCIDR " + u.ranges().get(0);
        };
    }
}
