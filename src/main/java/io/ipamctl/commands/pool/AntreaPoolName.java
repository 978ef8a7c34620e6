package io.ipamctl.commands.pool;

import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.Session;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.PoolNames;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.sources.IpamInventory;
import java.util.Optional;

/**
 * The POOL of the commands that write Antrea IPPools only (pool create, pool delete): a plain name or
 * antrea/NAME. Another source's name is refused with what it names instead of a plain "not found".
 */
final class AntreaPoolName {

    private AntreaPoolName() {}

    /** The IPPool name, or exit 2 before any request when the argument cannot name one. */
    static String of(String argument, String command) {
        PoolNames.problem(argument).ifPresent(p -> {
            throw IpamctlException.invalid(p);
        });
        Optional<IpamSource> prefix = PoolNames.sourcePrefix(argument);
        if (prefix.isPresent() && prefix.get() != IpamSource.ANTREA) {
            throw onlyAntrea(argument, "a " + prefix.get() + " pool", command);
        }
        String name = PoolNames.withoutPrefix(IpamSource.ANTREA, argument);
        if (name.contains("/")) {
            throw onlyAntrea(argument, "a namespaced pool (Antrea IPPools have no namespace)", command);
        }
        return name;
    }

    /** The name of a new pool: antrea/NAME is NAME; another source's prefix is refused (exit 2); the rest is left to PoolValidator. */
    static String ofNew(String argument) {
        Optional<IpamSource> prefix = argument == null ? Optional.empty() : PoolNames.sourcePrefix(argument);
        if (prefix.isPresent() && prefix.get() != IpamSource.ANTREA) {
            throw onlyAntrea(argument, "a " + prefix.get() + " pool name", "pool create");
        }
        return argument == null ? null : PoolNames.withoutPrefix(IpamSource.ANTREA, argument);
    }

    /** When no IPPool has the name: exit 2 naming the other source's pool that has it, else exit 1 "not found". */
    static IpamctlException notFound(String argument, Session session, String command) {
        Optional<SourceUsage> other = IpamInventory.allBut(
                        session.client(), IpamSource.ANTREA, IpamInventory.Purpose.USAGE, session::warn)
                .usages()
                .stream()
                .filter(u -> u.answersTo(argument))
                .findFirst();
        if (other.isPresent()) {
            return onlyAntrea(argument, other.get().label(), command);
        }
        return IpamctlException.failed(
                "IPPool \"" + SafeText.printable(PoolNames.withoutPrefix(IpamSource.ANTREA, argument))
                        + "\" not found (list pools with: ipamctl pool list)");
    }

    private static IpamctlException onlyAntrea(String argument, String what, String command) {
        return IpamctlException.invalid("\"" + SafeText.printable(argument) + "\" is " + what
                + ", not an Antrea IPPool: " + command + " works on Antrea IPPools only");
    }
}
