package io.ipamctl.ipam;

import java.util.List;
import java.util.Optional;

/**
 * Everything one IPAM system (an {@link IpamSource}) holds, as read once for a run: what every pool
 * command asks of a source. One implementation per source; the commands and the cross-source checks
 * only ever see this interface, so a new source is one new implementation.
 */
public interface SourcePools {

    IpamSource source();

    /** One row per pool, in listing order. */
    List<SourceUsage> usages();

    /** The qualified name of every pool, as POOL arguments take them and completion offers them (cheap: no Pods). */
    List<String> poolNames();

    /** The addresses handed out in one of this source's rows, with their owners. */
    List<AddressHolder> holders(SourceUsage row);

    /** What `pool check` finds within this source (the Pods compared are those it was read with). */
    List<Problem> problems();

    /** The addresses each pool covers, for overlap checks. */
    List<PoolBlock> blocks();

    /**
     * What this source says about one address: one state for every pool of this source whose addresses
     * (its block) include it, one per holder when it is held (so an address held twice has two); empty when
     * none of its pools includes it. What `ipamctl ip` shows per source.
     */
    List<AddressState> addressStates(IpAddress ip);

    /**
     * True when this source's own pools may share addresses by design, so overlaps among them are no
     * problem (Whereabouts: overlapping ranges are coordinated by its reservations, or kept apart by network_name).
     */
    default boolean sharesAddressesOnPurpose() {
        return false;
    }

    /**
     * Whether this source hands out this Pod-network (primary interface) address, and from which pool:
     * two running Pods holding it are reported as this source's duplicate. Empty for sources of
     * secondary networks; sources are asked in listing order, the first claim wins.
     */
    default Optional<PodAddressClaim> claimPodAddress(IpAddress ip) {
        return Optional.empty();
    }

    /** @param pool the pool handing out the address, or null when the source cannot tell */
    record PodAddressClaim(String pool) {}
}
