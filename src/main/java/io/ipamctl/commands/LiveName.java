package io.ipamctl.commands;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of live object names that shell completion offers; {@code ipamctl __complete KIND}
 * prints them. A parameter or option completes live names when its label says what it names:
 * POOL, IPPOOL, NAMESPACE, POD or NODE (a qualifier after "_" is allowed, as in IPPOOL_V6; a label of several
 * words such as "POD IP" names one value per word). So --help, the generated docs and the completion
 * scripts all read the same declaration, and a new command gets completion by its choice of label.
 * NAME (e.g. the new pool of pool create) completes nothing.
 */
public enum LiveName {
    /** Pools of every source, as POOL arguments of pool usage/get/check take them. */
    POOLS("POOL"),
    /** Antrea IPPools only, for the commands that write them. */
    IPPOOLS("IPPOOL"),
    NAMESPACES("NAMESPACE"),
    PODS("POD"),
    NODES("NODE");

    private final String label;

    LiveName(String label) {
        this.label = label;
    }

    /** How the completion scripts and {@code __complete} spell the kind: pools, ippools, namespaces, pods, nodes. */
    public String argument() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LiveName> ofArgument(String argument) {
        for (LiveName kind : values()) {
            if (kind.argument().equals(argument)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind one word of a parameter label names, e.g. IPPOOL_V6 names Antrea IPPools. */
    public static Optional<LiveName> ofLabelWord(String word) {
        int qualifier = word.indexOf('_');
        String base = qualifier > 0 ? word.substring(0, qualifier) : word;
        for (LiveName kind : values()) {
            if (kind.label.equals(base)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
