package io.ipamctl.sources;

import io.ipamctl.ipam.PodIndex;
import io.ipamctl.ipam.ServiceIndex;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a source is read for in one run. The cluster's Pods are read at most once per run and only when
 * someone needs them: a source that counts from them (Node IPAM), or a command that looks at owners
 * (--allocations, pool get/list, pool check). The Services likewise: read once, when a source counts from
 * them (ExternalIPPools: LoadBalancer addresses) or checks them (ServiceCIDRs' ClusterIPs).
 */
public final class Reading {

    private final Consumer<String> warn;
    private final boolean forCheck;
    private final boolean ownersWanted;
    private final boolean holdersWanted;
    private final Supplier<PodIndex> reader;
    private final Supplier<ServiceIndex> serviceReader;
    private final String labelSelector;
    private PodIndex pods;
    private ServiceIndex services;

    /**
     * @param forCheck     pool check: read what only the check compares (e.g. Antrea's Namespace bindings)
     * @param ownersWanted the command shows or checks owners, so the Pods are read for every source
     * @param reader       reads the Pods (called at most once)
     * @param serviceReader reads the Services (called at most once)
     */
    public Reading(
            Consumer<String> warn,
            boolean forCheck,
            boolean ownersWanted,
            Supplier<PodIndex> reader,
            Supplier<ServiceIndex> serviceReader) {
        this(warn, forCheck, ownersWanted, true, reader, serviceReader);
    }

    /** @param holdersWanted see {@link #holdersWanted()} */
    public Reading(
            Consumer<String> warn,
            boolean forCheck,
            boolean ownersWanted,
            boolean holdersWanted,
            Supplier<PodIndex> reader,
            Supplier<ServiceIndex> serviceReader) {
        this(warn, forCheck, ownersWanted, holdersWanted, reader, serviceReader, null);
    }

    /** @param labelSelector see {@link #labelSelector()} */
    public Reading(
            Consumer<String> warn,
            boolean forCheck,
            boolean ownersWanted,
            boolean holdersWanted,
            Supplier<PodIndex> reader,
            Supplier<ServiceIndex> serviceReader,
            String labelSelector) {
        this.labelSelector = labelSelector;
        this.warn = warn;
        this.forCheck = forCheck;
        this.ownersWanted = ownersWanted || forCheck;
        this.holdersWanted = holdersWanted || this.ownersWanted;
        this.reader = reader;
        this.serviceReader = serviceReader;
    }

    /** Where a source's warnings go (one line each, e.g. a NetworkAttachmentDefinition it cannot read). */
    public Consumer<String> warner() {
        return warn;
    }

    /**
     * -l: only the pools whose own objects' labels match (Antrea and External IPPools, Whereabouts IPPools,
     * Nodes for their podCIDRs, ServiceCIDRs), the selector sent to the API server; null for every pool. What a
     * pool is counted from (Pods, Services, NetworkAttachmentDefinitions, Egresses) is read whole.
     */
    public String labelSelector() {
        return labelSelector;
    }

    public boolean forCheck() {
        return forCheck;
    }

    /** The Pods, read now if not yet. */
    public PodIndex pods() {
        if (pods == null) {
            pods = reader.get();
        }
        return pods;
    }

    /**
     * Whether the run looks at single addresses and who holds them (documents of pool get/list, --allocations,
     * pool check); when not, a source may read each address alone and leave its holder unread.
     */
    public boolean holdersWanted() {
        return holdersWanted;
    }

    /** The Pods when the command looks at owners, else none (sources that do not count from Pods use this). */
    public PodIndex podsForOwners() {
        return ownersWanted ? pods() : PodIndex.none();
    }

    /** The Services, read now if not yet. */
    public ServiceIndex services() {
        if (services == null) {
            services = serviceReader.get();
        }
        return services;
    }
}
