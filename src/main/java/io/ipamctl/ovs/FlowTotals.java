package io.ipamctl.ovs;

/** How many flows, and the packets and bytes they matched, e.g. of one table. */
public record FlowTotals(long flows, long packets, long bytes) {

    public static final FlowTotals NONE = new FlowTotals(0, 0, 0);

    /** These totals with one more flow (a flow without counters adds no packets or bytes). */
    public FlowTotals plus(OvsFlow f) {
        return new FlowTotals(
                flows + 1,
                packets + (f.packets() == null ? 0 : f.packets()),
                bytes + (f.bytes() == null ? 0 : f.bytes()));
    }
}
