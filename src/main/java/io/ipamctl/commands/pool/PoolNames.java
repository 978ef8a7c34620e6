package io.ipamctl.commands.pool;

import java.util.List;
import java.util.regex.Pattern;

import io.ipamctl.DnsNames;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.ipam.PoolValidator;
import io.ipamctl.kube.PodRef;

/**
 * Pool names given on the command line, checked before any request. pool get and pool delete take an
 * Antrea IPPool name (cluster-scoped, a DNS-1123 subdomain); names that look like something else get a
 * message that says what to type instead (kubectl's TYPE/NAME, a Whereabouts pool's NAMESPACE/NAME).
 * pool usage and pool release take a pool of any source: NAME, or NAMESPACE/NAME for Whereabouts.
 */
final class PoolNames {

    /** kubectl's spellings of the resource in TYPE/NAME. */
    private static final Pattern KUBECTL_TYPE = Pattern.compile("(ippools?|ipp)(\\.(v1beta1|v1alpha2)\\.)?(\\.?crd\\.antrea\\.io)?");

    private PoolNames() {
    }

    /** Pools of any source: NAME or NAMESPACE/NAME; what names them in messages, e.g. "pool" or "--pool". */
    static void checkAnySource(String what, List<String> names) {
        for (String name : names) {
            if (PodRef.parse(name).isEmpty()) {
                throw IpamctlException.invalid("invalid " + what + " \"" + SafeText.printable(name)
                        + "\": expected a pool name or NAMESPACE/NAME (DNS-1123 names, lower case)");
            }
        }
    }

    static void checkAntrea(String command, List<String> names) {
        names.forEach(n -> checkAntrea(command, n));
    }

    static void checkAntrea(String command, String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            List<String> problems = PoolValidator.validateName(name);
            if (!problems.isEmpty()) {
                throw IpamctlException.invalid(problems.get(0));
            }
            return;
        }
        String shown = SafeText.printable(name);
        String first = name.substring(0, slash);
        String rest = name.substring(slash + 1);
        if (KUBECTL_TYPE.matcher(first).matches() && DnsNames.isSubdomain(rest)) {
            throw IpamctlException.invalid("invalid pool name \"" + shown + "\": write the name without \"" + first
                    + "/\": ipamctl pool " + command + " " + rest);
        }
        if (DnsNames.isLabel(first) && DnsNames.isSubdomain(rest)) {
            throw IpamctlException.invalid("invalid pool name \"" + shown + "\": pool " + command
                    + " takes Antrea IPPool names, which have no namespace; for the Whereabouts pool " + shown
                    + " use: ipamctl pool usage " + shown);
        }
        throw IpamctlException.invalid("invalid pool name \"" + shown + "\": an Antrea IPPool name is a DNS-1123 subdomain "
                + "(lower case letters, digits, '-' and '.'), without '/'");
    }
}
