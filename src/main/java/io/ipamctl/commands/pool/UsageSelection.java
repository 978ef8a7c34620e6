package io.ipamctl.commands.pool;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.SelectorOption;
import io.ipamctl.commands.Session;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.PoolNames;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.output.OutputFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Rows named on the command line (any name {@link PoolNames} accepts), or every row; the names no row answers to. */
final class UsageSelection {

    private UsageSelection() {}

    /** Checks the form of every POOL argument before anything is read: exit 2 naming the bad one. */
    static void checkNames(List<String> names) {
        List<String> problems = new ArrayList<>();
        names.forEach(n -> PoolNames.problem(n).ifPresent(problems::add));
        if (!problems.isEmpty()) {
            throw IpamctlException.invalid(problems);
        }
    }

    /**
     * The -l selector (checked: exit 2 before any request), or null; refused with POOL names, as kubectl get
     * refuses names with a selector.
     */
    static String labelSelector(SelectorOption option, List<String> names) {
        String selector = option.selector();
        if (selector != null && !names.isEmpty()) {
            throw IpamctlException.invalid("name cannot be provided when a selector is specified");
        }
        return selector;
    }

    /**
     * Whether a listing with these rows is printed: not when names were asked for and none was found (their errors
     * say it), nor as a table with no row, which kubectl never prints (stderr says why); an empty document is printed.
     */
    static boolean printed(List<SourceUsage> rows, List<String> missing, OutputFormat format) {
        return !rows.isEmpty() || (missing.isEmpty() && format != OutputFormat.TABLE && format != OutputFormat.WIDE);
    }

    /** What stderr says when no pool is listed: kubectl's words when -l matched nothing. */
    static String nothingFound(String selector) {
        return selector == null ? "No IP pools found." : "No resources found";
    }

    /**
     * The rows a command shows and one error line per name no row answers to (kubectl's partial success:
     * the found objects are printed, then an error for each missing one, exit 1).
     */
    record Selected(List<SourceUsage> rows, List<String> missing) {

        /** Prints the missing names as error lines after the rows were shown; the exit code. */
        int report(Session session) {
            missing.forEach(session::error);
            return missing.isEmpty() ? ExitCode.OK : ExitCode.ERROR;
        }

        /** For views that cannot show a part (--watch): every missing name, exit 1, before anything is shown. */
        List<SourceUsage> orThrow() {
            if (!missing.isEmpty()) {
                throw IpamctlException.failed(missing);
            }
            return rows;
        }
    }

    /** @param sources the sources that were read, for the message when a name is missing */
    static Selected select(List<SourceUsage> all, List<String> names, List<IpamSource> sources) {
        if (names.isEmpty()) {
            return new Selected(all, List.of());
        }
        List<String> missing = new ArrayList<>();
        for (String n : new LinkedHashSet<>(names)) {
            if (all.stream().noneMatch(u -> u.answersTo(n))) {
                missing.add(notFound(n, sources));
            }
        }
        return new Selected(
                all.stream().filter(u -> names.stream().anyMatch(u::answersTo)).toList(), missing);
    }

    private static String notFound(String name, List<IpamSource> sources) {
        String quoted = "\"" + SafeText.printable(name) + "\"";
        if (sources.equals(List.of(IpamSource.ANTREA))) {
            return "IPPool " + quoted + " not found (list pools with: ipamctl pool list)";
        }
        return "pool " + quoted + " not found in "
                + String.join(", ", sources.stream().map(IpamSource::toString).toList())
                + " (list them with: ipamctl pool usage)";
    }
}
