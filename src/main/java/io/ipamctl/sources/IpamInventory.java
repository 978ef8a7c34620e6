package io.ipamctl.sources;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.AddressHolder;
import io.ipamctl.ipam.AddressReport;
import io.ipamctl.ipam.AddressState;
import io.ipamctl.ipam.ConsistencyCheck;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.PoolBlock;
import io.ipamctl.ipam.Problem;
import io.ipamctl.ipam.SourcePools;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.kube.ClusterCache;
import io.ipamctl.kube.KubeErrors;
import io.ipamctl.kube.PodDirectory;
import io.ipamctl.kube.ServiceDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every IP pool of the cluster, whichever system hands the addresses out, read once per run: a list of
 * {@link SourcePools}, one per source read. Sources are those asked for (an error when one is not
 * installed) or every one the cluster has: found by API discovery, or by their data (Node IPAM: Nodes
 * carrying podCIDRs); a source the user may not read is named in a warning and left out.
 */
public final class IpamInventory {

    /** What a run reads besides the pools. */
    public enum Purpose {
        /** Usage rows only, nothing about single addresses (pool usage): sources may leave each holder unread. */
        ROWS,
        /** Usage rows, and the addresses with the holders the pools record (Pods only where a source counts from them). */
        USAGE,
        /** Usage rows and who holds each address (--allocations, pool get/list documents). */
        OWNERS,
        /** Everything pool check compares. */
        CHECK
    }

    private final List<SourcePools> read;
    private final Reading reading;

    private IpamInventory(List<SourcePools> read, Reading reading) {
        this.read = List.copyOf(read);
        this.reading = reading;
    }

    /** @param only the sources of --source, empty for every source present */
    public static IpamInventory load(
            KubernetesClient client, Set<IpamSource> only, Purpose purpose, Consumer<String> warn) {
        return load(client, ClusterCache.NONE, only, purpose, warn);
    }

    /** The same, reading what the warm server's cache holds from it. */
    public static IpamInventory load(
            KubernetesClient client, ClusterCache cache, Set<IpamSource> only, Purpose purpose, Consumer<String> warn) {
        return load(client, cache, only, null, purpose, warn);
    }

    /** @param labelSelector -l: only the pools whose objects' labels match (see {@link Reading#labelSelector()}), or null */
    public static IpamInventory load(
            KubernetesClient client,
            ClusterCache cache,
            Set<IpamSource> only,
            String labelSelector,
            Purpose purpose,
            Consumer<String> warn) {
        return load(client, cache, chosen(client, cache, only), only.isEmpty(), labelSelector, purpose, warn);
    }

    /** Every source the cluster has but one (e.g. the pools a new Antrea pool must not overlap, besides Antrea's own). */
    public static IpamInventory allBut(
            KubernetesClient client, IpamSource except, Purpose purpose, Consumer<String> warn) {
        return load(
                client,
                ClusterCache.NONE,
                chosen(client, ClusterCache.NONE, Set.of()).stream()
                        .filter(s -> s.id() != except)
                        .toList(),
                true,
                null,
                purpose,
                warn);
    }

    private static IpamInventory load(
            KubernetesClient client,
            ClusterCache cache,
            List<PoolSource> sources,
            boolean auto,
            String labelSelector,
            Purpose purpose,
            Consumer<String> warn) {
        Reading reading = new Reading(
                warn,
                purpose == Purpose.CHECK,
                purpose == Purpose.OWNERS,
                purpose != Purpose.ROWS,
                () -> PodDirectory.facts(client, cache),
                () -> ServiceDirectory.facts(client, cache),
                labelSelector);
        List<SourcePools> read = new ArrayList<>();
        for (PoolSource source : sources) {
            read(source, auto, reading).ifPresent(read::add);
        }
        return new IpamInventory(read, reading);
    }

    /** The sources asked for, or every source; one asked for but not installed is an error, others are skipped. */
    private static List<PoolSource> chosen(KubernetesClient client, ClusterCache cache, Set<IpamSource> only) {
        List<PoolSource> out = new ArrayList<>();
        for (PoolSource s : Sources.all(client, cache)) {
            if (!only.isEmpty() && !only.contains(s.id())) {
                continue;
            }
            if (s.installed()) {
                out.add(s);
            } else if (!only.isEmpty()) {
                throw IpamctlException.failed(s.notInstalled());
            }
        }
        return out;
    }

    /** The names of every present source's pools, each source read as little as it can (shell completion). */
    public static List<String> poolNames(KubernetesClient client, ClusterCache cache, Consumer<String> warn) {
        Reading reading = new Reading(
                warn,
                false,
                false,
                false,
                () -> PodDirectory.facts(client, cache),
                () -> ServiceDirectory.facts(client, cache));
        List<String> names = new ArrayList<>();
        for (PoolSource source : chosen(client, cache, Set.of())) {
            tolerant(source, true, reading, () -> source.poolNames(reading)).ifPresent(names::addAll);
        }
        return names;
    }

    /** Reads one source; when sources were detected, a refusal by RBAC only drops that source. */
    private static Optional<SourcePools> read(PoolSource source, boolean auto, Reading reading) {
        return tolerant(source, auto, reading, () -> source.read(reading))
                .filter(pools -> !auto || source.inUse(pools));
    }

    private static <T> Optional<T> tolerant(
            PoolSource source, boolean auto, Reading reading, java.util.function.Supplier<T> what) {
        try {
            return Optional.of(what.get());
        } catch (IpamctlException e) {
            if (auto && KubeErrors.forbidden(e)) {
                reading.warner().accept("left out " + source.id() + " pools: " + e.getMessage());
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Watches every source that {@link #load} would read (those asked for, or every installed one), so
     * a view is redrawn whichever of them changes; started before the first look, so no change falls in between.
     */
    public static SourceWatch watch(
            KubernetesClient client, Set<IpamSource> only, Runnable onChange, Consumer<String> onEnd) {
        List<SourceWatch> watches = new ArrayList<>();
        try {
            for (PoolSource s : chosen(client, ClusterCache.NONE, only)) {
                try {
                    watches.add(s.watch(
                            onChange, reason -> onEnd.accept("the watch on " + s.id() + " pools ended: " + reason)));
                } catch (IpamctlException e) {
                    if (!only.isEmpty() || !KubeErrors.forbidden(e)) {
                        throw e;
                    }
                    // a source the user may not read is left out of every look too, with a warning there
                }
            }
        } catch (RuntimeException e) {
            watches.forEach(SourceWatch::close);
            throw e;
        }
        return () -> watches.forEach(SourceWatch::close);
    }

    /** The sources read, in listing order. */
    public List<IpamSource> sources() {
        return read.stream().map(SourcePools::source).toList();
    }

    /** One row per pool, source by source. */
    public List<SourceUsage> usages() {
        return read.stream().flatMap(s -> s.usages().stream()).toList();
    }

    /** The pools' names, source by source (see {@link SourcePools#poolNames()}). */
    public List<String> poolNames() {
        return read.stream().flatMap(s -> s.poolNames().stream()).toList();
    }

    /** Who holds the addresses of one row read here. */
    public List<AddressHolder> holders(SourceUsage row) {
        return of(row.source()).holders(row);
    }

    /** The overlap blocks of every pool read. */
    public List<PoolBlock> blocks() {
        return read.stream().flatMap(s -> s.blocks().stream()).toList();
    }

    /** What every source read says about one address (`ipamctl ip`; load with {@link Purpose#OWNERS}). */
    public AddressReport lookUp(IpAddress ip) {
        List<AddressState> states =
                read.stream().flatMap(s -> s.addressStates(ip).stream()).toList();
        Set<IpamSource> sharing = read.stream()
                .filter(SourcePools::sharesAddressesOnPurpose)
                .map(SourcePools::source)
                .collect(java.util.stream.Collectors.toSet());
        return AddressReport.of(
                ip, states, sharing, states.isEmpty() ? reading.pods().all() : List.of());
    }

    /**
     * What pool check finds (load with {@link Purpose#CHECK}). With -l, only the problems of the pools read:
     * what the sources find from the other side (a Service's ClusterIP, an Egress, a binding naming a pool the
     * selector left out) would otherwise blame pools that exist but were not read.
     */
    public List<Problem> problems() {
        List<Problem> all = ConsistencyCheck.run(read, reading.podsForOwners());
        if (reading.labelSelector() == null) {
            return all;
        }
        List<SourceUsage> rows = usages();
        return all.stream()
                .filter(p -> p.pool() != null
                        && rows.stream().anyMatch(u -> u.source() == p.source() && u.answersTo(p.pool())))
                .toList();
    }

    private SourcePools of(IpamSource source) {
        return read.stream().filter(s -> s.source() == source).findFirst().orElseThrow();
    }
}
