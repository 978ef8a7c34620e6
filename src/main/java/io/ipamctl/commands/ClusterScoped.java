package io.ipamctl.commands;

import io.ipamctl.IpamctlException;

/**
 * A command whose objects are cluster-wide (IP pools, Traceflows) or that names its namespace otherwise
 * (ns bind NAMESPACE): an explicit -n/--namespace would be silently ignored there, so it is refused with
 * one line saying why (exit 2), before any request. Commands where -n means something (Pods, ns list,
 * pool usage --allocations) do not implement this.
 */
public interface ClusterScoped {

    /** Why -n does not apply, e.g. "IP pools are cluster-wide; name a Whereabouts pool as NAMESPACE/NAME". */
    String whyNoNamespace();

    /** Whether -n applies after all with the options given (pool usage --allocations). */
    default boolean takesNamespace() {
        return false;
    }

    /** Exit 2 when -n was given to the command and does not apply. */
    static void check(Object command, String commandName, Session session) {
        if (command instanceof ClusterScoped c && !c.takesNamespace() && session.explicitNamespace() != null) {
            throw IpamctlException.invalid(
                    "-n/--namespace does not apply to " + commandName + ": " + c.whyNoNamespace());
        }
    }
}
