package io.ipamctl.ipam;

import java.util.Arrays;
import java.util.Optional;

import io.ipamctl.DnsNames;

/**
 * How POOL arguments name pools of every source. A pool's full name is SOURCE/NAME, with the namespace
 * of a namespaced pool in between: antrea/pool-ap, whereabouts/kube-system/192.168.20.0-24,
 * node/node-01. This is what -o name prints, so it can be fed back to any command. The shorter forms
 * keep working: the plain name (pool-ap, node-01, 192.168.20.0-24) and NAMESPACE/NAME; a short form
 * that several pools answer to names them all.
 */
public final class PoolNames {

    private PoolNames() {
    }

    public static String full(IpamSource source, String qualifiedName) {
        return source + "/" + qualifiedName;
    }

    public static boolean matches(IpamSource source, String namespace, String name, String argument) {
        if (argument == null) {
            return false;
        }
        String qualified = namespace == null ? name : namespace + "/" + name;
        String prefix = source + "/";
        String rest = argument.startsWith(prefix) ? argument.substring(prefix.length()) : null;
        return argument.equals(name) || argument.equals(qualified) || name.equals(rest) || qualified.equals(rest);
    }

    /** The source an argument starts with ("node" of "node/node-01"), if any. */
    public static Optional<IpamSource> sourcePrefix(String argument) {
        int slash = argument.indexOf('/');
        return slash <= 0 ? Optional.empty() : IpamSource.fromText(argument.substring(0, slash));
    }

    /** The argument without a leading "SOURCE/" of that source. */
    public static String withoutPrefix(IpamSource source, String argument) {
        String prefix = source + "/";
        return argument.startsWith(prefix) ? argument.substring(prefix.length()) : argument;
    }

    /**
     * Why a POOL argument can name no pool of any source, or empty when it can: at most SOURCE/NAMESPACE/NAME,
     * each part a DNS-1123 name. Checked before any request.
     */
    public static Optional<String> problem(String argument) {
        String shown = io.ipamctl.SafeText.printable(argument);
        String expected = ": expected NAME, NAMESPACE/NAME or SOURCE/NAME as -o name prints it (e.g. pool-ap, "
                + "kube-system/192.168.20.0-24, antrea/pool-ap)";
        if (argument.isEmpty()) {
            return Optional.of("invalid pool name \"\"" + expected);
        }
        String[] parts = argument.split("/", -1);
        boolean prefixed = sourcePrefix(argument).isPresent();
        int max = prefixed ? 3 : 2;
        boolean valid = parts.length <= max && Arrays.stream(parts, prefixed ? 1 : 0, parts.length).allMatch(DnsNames::isSubdomain);
        return valid ? Optional.empty() : Optional.of("invalid pool name \"" + shown + "\"" + expected);
    }
}
