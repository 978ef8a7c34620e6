package io.ipamctl.commands.pool;

import java.util.ArrayList;
import java.util.List;

import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.PoolNames;
import io.ipamctl.ipam.SourceUsage;

/** Rows named on the command line (any name {@link PoolNames} accepts), or every row. */
final class UsageSelection {

    private UsageSelection() {
    }

    /** Checks the form of every POOL argument before anything is read: exit 2 naming the bad one. */
    static void checkNames(List<String> names) {
        List<String> problems = new ArrayList<>();
        names.forEach(n -> PoolNames.problem(n).ifPresent(problems::add));
        if (!problems.isEmpty()) {
            throw IpamctlException.invalid(problems);
        }
    }

    /** @param sources the sources that were read, for the message when a name is missing */
    static List<SourceUsage> select(List<SourceUsage> all, List<String> names, List<IpamSource> sources) {
        if (names.isEmpty()) {
            return all;
        }
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (all.stream().noneMatch(u -> u.answersTo(n))) {
                missing.add("\"" + SafeText.printable(n) + "\"");
            }
        }
        if (!missing.isEmpty()) {
            if (sources.equals(List.of(IpamSource.ANTREA))) {
                throw IpamctlException.failed("IPPool " + String.join(", ", missing) + " not found (list pools with: ipamctl pool list)");
            }
            throw IpamctlException.failed("pool " + String.join(", ", missing) + " not found in "
                    + String.join(", ", sources.stream().map(IpamSource::toString).toList())
                    + " (list them with: ipamctl pool usage)");
        }
        return all.stream().filter(u -> names.stream().anyMatch(u::answersTo)).toList();
    }
}
