package io.ipamctl.ipam;

/**
 * What one source says about one address in one of its pools: whether the source could hand it out,
 * has handed it out (and to whom), or never hands it out and why. Every source answers for every pool
 * whose addresses include it ({@link SourcePools#addressStates}); an address no source answers for lies
 * outside every pool.
 *
 * @param pool   the pool's qualified name
 * @param holder who holds it (ALLOCATED, RESERVED), else null
 * @param detail why the state is what it is ("the broadcast address of 10.0.0.0/24"), or null
 */
public record AddressState(IpamSource source, String pool, State state, AddressHolder holder, String detail) {

    /** The states of an address inside a pool. */
    public enum State {
        /** The source may hand it out and nobody holds it. */
        FREE("free"),
        /** Handed out: the holder has it. */
        ALLOCATED("allocated"),
        /** Kept for an owner that does not hold it now (an Antrea StatefulSet reservation). */
        RESERVED("reserved"),
        /** Taken out of the pool by its configuration (Whereabouts' exclude, outside range_start..range_end). */
        EXCLUDED("excluded"),
        /** The subnet's gateway, kept back by the source. */
        GATEWAY("gateway"),
        /** The network address of a CIDR, never handed out. */
        NETWORK("network"),
        /** The IPv4 broadcast address of a CIDR (or the last address where the source keeps it back). */
        BROADCAST("broadcast"),
        /** Inside the pool's ranges but never handed out for another reason (past a cap, no allocator). */
        UNUSABLE("unusable");

        private final String text;

        State(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The same address held: ALLOCATED or RESERVED with its holder (the detail stays). */
    public AddressState held(State heldAs, AddressHolder by) {
        return new AddressState(source, pool, heldAs, by, detail);
    }
}
