package io.ipamctl.commands;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kinds of live object names that completion offers; {@code ipamctl __complete KINDS PREFIX} prints
 * them (KINDS joined by commas). A parameter or option completes live names when it says so explicitly,
 * with one of the {@link Candidates} classes as its picocli {@code completionCandidates}, e.g.
 * {@code @Parameters(paramLabel = "POOL", completionCandidates = LiveName.Pools.class)}: --help, the
 * generated scripts, the shell and kubectl's plugin completion all read that one declaration (the label
 * stays free text for people).
 */
public enum LiveName {
    /** Antrea IPPools. */
    POOLS,
    /** Whereabouts IPPools, as NAMESPACE/NAME. */
    WHEREABOUTS_POOLS,
    NAMESPACES,
    /** Pods of -n (or the context's namespace). */
    PODS,
    NODES;

    /** How the scripts and __complete spell the kind: pools, whereabouts-pools, namespaces, pods, nodes. */
    public String argument() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<LiveName> ofArgument(String argument) {
        for (LiveName kind : values()) {
            if (kind.argument().equals(argument)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** "pools,whereabouts-pools" for __complete; "" for none. */
    public static String arguments(Set<LiveName> kinds) {
        return kinds.stream().sorted().map(LiveName::argument).collect(Collectors.joining(","));
    }

    /**
     * The completion candidates of a value that names live objects. They are asked from the cluster when
     * TAB is pressed, so the fixed list picocli iterates is empty.
     */
    public abstract static class Candidates implements Iterable<String> {

        private final List<Set<LiveName>> perValue;

        /** @param perValue the kinds of the first, second, ... value; the last also for any further values */
        protected Candidates(List<Set<LiveName>> perValue) {
            this.perValue = List.copyOf(perValue);
        }

        /** The kinds the value at index (0 for the first) names; empty when it names none. */
        public Set<LiveName> kinds(int index) {
            return perValue.get(Math.min(index, perValue.size() - 1));
        }

        @Override
        public Iterator<String> iterator() {
            return Collections.emptyIterator();
        }
    }

    /** An Antrea pool. */
    public static final class Pools extends Candidates {
        public Pools() {
            super(List.of(EnumSet.of(POOLS)));
        }
    }

    /** An Antrea or Whereabouts pool (pool release --pool). */
    public static final class AnyPools extends Candidates {
        public AnyPools() {
            super(List.of(EnumSet.of(POOLS, WHEREABOUTS_POOLS)));
        }
    }

    /** A row of pool usage: an Antrea pool, a Whereabouts pool or a node. */
    public static final class UsageRows extends Candidates {
        public UsageRows() {
            super(List.of(EnumSet.of(POOLS, WHEREABOUTS_POOLS, NODES)));
        }
    }

    public static final class Namespaces extends Candidates {
        public Namespaces() {
            super(List.of(EnumSet.of(NAMESPACES)));
        }
    }

    public static final class Pods extends Candidates {
        public Pods() {
            super(List.of(EnumSet.of(PODS)));
        }
    }

    /** pod pin-ip POD IP: a Pod, then an address. */
    public static final class PodThenAddress extends Candidates {
        public PodThenAddress() {
            super(List.of(EnumSet.of(PODS), EnumSet.noneOf(LiveName.class)));
        }
    }

    public static final class Nodes extends Candidates {
        public Nodes() {
            super(List.of(EnumSet.of(NODES)));
        }
    }
}
