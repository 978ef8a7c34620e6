package io.ipamctl.commands;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of live object names that completion offers; {@code ipamctl __complete KIND PREFIX} prints
 * them. A parameter or option completes live names when it says so explicitly, with one of the
 * {@link Candidates} classes as its picocli {@code completionCandidates}, e.g.
 * {@code @Parameters(paramLabel = "POOL", completionCandidates = LiveName.Pools.class)}: --help, the
 * generated scripts, the shell and kubectl's plugin completion all read that one declaration, and the
 * label stays free text for people. A value without one (NAME of pool create: a new name) completes none.
 */
public enum LiveName {
    /** Pools of every source, as POOL arguments of pool usage/get/check/release take them. */
    POOLS,
    /** Antrea IPPools only, for the commands that write them. */
    IPPOOLS,
    NAMESPACES,
    /** Pods of -n (or the context's namespace). */
    PODS,
    NODES;

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

    /**
     * The completion candidates of a value that names live objects. They are asked from the cluster when
     * TAB is pressed, so the fixed list picocli iterates is empty.
     */
    public abstract static class Candidates implements Iterable<String> {

        private final List<LiveName> perValue;

        /** @param perValue the kind of the first, second, ... value (null: names none); the last also for further values */
        protected Candidates(LiveName... perValue) {
            this.perValue = Collections.unmodifiableList(Arrays.asList(perValue));
        }

        /** The kind the value at index (0 for the first) names, if any. */
        public Optional<LiveName> kind(int index) {
            return Optional.ofNullable(perValue.get(Math.min(index, perValue.size() - 1)));
        }

        @Override
        public Iterator<String> iterator() {
            return Collections.emptyIterator();
        }
    }

    /** A pool of any source (an Antrea IPPool, a Whereabouts pool, a node's podCIDR). */
    public static final class Pools extends Candidates {
        public Pools() {
            super(POOLS);
        }
    }

    /** An Antrea IPPool. */
    public static final class IpPools extends Candidates {
        public IpPools() {
            super(IPPOOLS);
        }
    }

    public static final class Namespaces extends Candidates {
        public Namespaces() {
            super(NAMESPACES);
        }
    }

    public static final class Pods extends Candidates {
        public Pods() {
            super(PODS);
        }
    }

    /** pod pin-ip POD IP: a Pod, then an address. */
    public static final class PodThenAddress extends Candidates {
        public PodThenAddress() {
            super(PODS, null);
        }
    }

    public static final class Nodes extends Candidates {
        public Nodes() {
            super(NODES);
        }
    }
}
