package io.ipamctl.ipam;

import io.ipamctl.DnsNames;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How POOL arguments name pools of every source. A pool's full name is SOURCE/NAME, with the namespace
 * of a namespaced pool in between: antrea/pool-ap, whereabouts/kube-system/192.168.20.0-24,
 * node/node-01. This is what -o name prints, so it can be fed back to any command. The shorter forms
 * keep working: the plain name (pool-ap, node-01, 192.168.20.0-24) and NAMESPACE/NAME; a short form
 * that several pools answer to names them all.
 */
public final class PoolNames {

    /** kubectl's spellings of the Antrea IPPool resource in TYPE/NAME. */
    private static final Pattern KUBECTL_TYPE =
            Pattern.compile("(ippools?|ipp)(\\.(v1beta1|v1alpha2))?(\\.crd\\.antrea\\.io)?");

    private PoolNames() {}

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
     * the namespace a DNS-1123 label, the other parts DNS-1123 subdomains. kubectl's TYPE/NAME
     * (ippool/pool-ap, ippools.crd.antrea.io/pool-ap) is refused with the names to write instead. Checked
     * before any request.
     */
    public static Optional<String> problem(String argument) {
        String shown = io.ipamctl.SafeText.printable(argument);
        String expected = ": expected NAME, NAMESPACE/NAME or SOURCE/NAME as -o name prints it (e.g. pool-ap, "
                + "kube-system/192.168.20.0-24, antrea/pool-ap)";
        if (argument.isEmpty()) {
            return Optional.of("invalid pool name \"\"" + expected);
        }
        Optional<String> kubectl = kubectlTypeName(argument);
        if (kubectl.isPresent()) {
            return kubectl;
        }
        String[] parts = argument.split("/", -1);
        int first = sourcePrefix(argument).isPresent() ? 1 : 0;
        int names = parts.length - first;
        boolean valid = names >= 1
                && names <= 2
                && (names == 1 || DnsNames.isLabel(parts[first]))
                && DnsNames.isSubdomain(parts[parts.length - 1]);
        return valid ? Optional.empty() : Optional.of("invalid pool name \"" + shown + "\"" + expected);
    }

    /**
     * ippool/NAME as kubectl takes it: the type is no part of a pool name here. A bare type (ippool, ippools,
     * ipp) could also be a namespace, so the message names the Whereabouts pool of that namespace too.
     */
    private static Optional<String> kubectlTypeName(String argument) {
        int slash = argument.indexOf('/');
        String type = slash < 0 ? "" : argument.substring(0, slash);
        String name = slash < 0 ? "" : argument.substring(slash + 1);
        if (!KUBECTL_TYPE.matcher(type).matches() || !DnsNames.isSubdomain(name)) {
            return Optional.empty();
        }
        String namespaced = DnsNames.isLabel(type)
                ? " (a Whereabouts pool in namespace " + type + ": " + full(IpamSource.WHEREABOUTS, argument) + ")"
                : "";
        return Optional.of("invalid pool name \"" + argument + "\": write it without kubectl's \"" + type + "/\": "
                + name + " or " + full(IpamSource.ANTREA, name) + namespaced);
    }
}
