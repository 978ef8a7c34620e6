package io.ipamctl.kube;

import io.ipamctl.IpamctlException;

/**
 * A service's "no" that the right flag would turn into a "yes" (an existing Pod and --recreate, a
 * binding and --overwrite, a pool in use and --force). Services name no CLI flags: they say why, and
 * the command completes the message with the flag that changes the answer ({@link #hint}).
 */
public final class Refusal extends IpamctlException {

    /** Why the service refused; each command maps the reasons it can fix to a hint. */
    public enum Reason {
        /** The Pod to pin does not exist. */
        POD_NOT_FOUND,
        /** The Pod of a manifest to create exists already. */
        POD_EXISTS,
        /** The Pod exists and must be re-created to take a pinned address. */
        NEEDS_RECREATE,
        /** No pool of the address's family is bound to the Pod or its namespace. */
        NO_POOL_BOUND,
        /** Several pools of the address's family are bound; a pinned address needs one. */
        SEVERAL_POOLS,
        /** Checking a new Pod against pins made at the same moment failed. */
        PIN_NOT_VERIFIED,
        /** The namespace is bound to other pools already. */
        ALREADY_BOUND,
        /** The pool still lists allocated addresses. */
        POOL_IN_USE,
        /** Namespaces or Pods still name the pool in their ipam.antrea.io/ippools annotation. */
        POOL_REFERENCED
    }

    private final Reason reason;

    public Refusal(Reason reason, int exitCode, String message) {
        super(exitCode, message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The same refusal with the command's hint appended (e.g. "; pass --recreate to ..."). */
    public IpamctlException hint(String hint) {
        return new IpamctlException(exitCode(), getMessage() + hint, this);
    }
}
