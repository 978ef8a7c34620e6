package io.ipamctl.sources;

import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.SourcePools;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One IPAM system of the cluster as the API server holds it: whether the cluster has it, its pools
 * (read into a {@link SourcePools}, where usage, owners, check findings, overlap blocks and the names
 * each pool answers to come from), what to watch for --watch, and release where the source keeps
 * allocations that can be freed.
 */
public interface PoolSource {

    IpamSource id();

    /** Whether the server serves this source's objects (API discovery; Node IPAM's Nodes always are). */
    boolean installed();

    /** The error when --source asks for this source and it is not installed: what is missing and how to get it. */
    String notInstalled();

    /** Reads the source's pools once for this run. */
    SourcePools read(Reading reading);

    /** The names its pools answer to (shell completion); a source that can tell them without reading its pools says so. */
    default List<String> poolNames(Reading reading) {
        return read(reading).poolNames();
    }

    /** Whether a run that looks for every source keeps it after reading (Node IPAM: only when some Node has a podCIDR). */
    default boolean inUse(SourcePools pools) {
        return true;
    }

    /** Calls onChange after every change of the objects the pools are counted from, until closed; onEnd if the server ends it. */
    SourceWatch watch(Runnable onChange, Consumer<String> onEnd);

    /** How `pool release` frees one of this source's addresses; empty when the source keeps no allocations to free. */
    default Optional<Releaser> releaser() {
        return Optional.empty();
    }

    /**
     * For a source without a {@link #releaser()}: how its addresses are freed instead, for the refusal of
     * `pool release` ("their addresses are freed with their Pods").
     */
    default String howFreed() {
        return "its addresses are freed by their owners";
    }

    /** Frees leaked addresses of one source. */
    interface Releaser {

        /** How messages name this source's pools: "Antrea IPPool". */
        String kind();

        /** The qualified name of the pool the argument names in this source, if any (ambiguity is an error). */
        Optional<String> find(String argument);

        /** Reads the pool now and checks the allocation and its owner; refuses (exit 1) when the owner exists. */
        ReleasePlan plan(String pool, IpAddress ip);

        /** Removes the allocation the plan names, guarded by the revision just read (409 when it changed). */
        void remove(ReleasePlan plan);
    }
}
