package io.ipamctl.ipam;

/**
 * One inconsistency found by `pool check`.
 *
 * @param pool  the pool concerned, or null
 * @param ip    the address concerned, or null
 * @param owner "namespace/pod" (or several, joined by ", "), a namespace's name, or null
 */
public record Problem(Kind kind, IpamSource source, String pool, String ip, String owner, String detail) {

    /** The kinds, in report order. */
    public enum Kind {
        /** An allocation whose owner (Pod, or a ClusterIP's Service) no longer exists. */
        LEAKED("leaked"),
        /** A Pod's address that its pool does not record for it. */
        UNRECORDED("unrecorded"),
        /** One address held by two owners. */
        DUPLICATE("duplicate"),
        /** An address held outside the pool (or the ranges) it must come from. */
        OUT_OF_RANGE("out-of-range"),
        /** ipam.antrea.io/pod-ips asks for another address than the Pod has. */
        POD_IPS_MISMATCH("pod-ips-mismatch"),
        /** A Multus network-status address of a Whereabouts network that no Whereabouts pool records for the Pod. */
        NETWORK_STATUS_UNRECORDED("network-status-unrecorded"),
        /** Two pools (of one source or of two) that share addresses, where the sources do not coordinate them. */
        OVERLAP("overlap"),
        /** A Namespace, Pod, Egress or Service that names a pool that does not exist. */
        DANGLING_REFERENCE("dangling-reference"),
        /**
         * Whereabouts node slices that disagree: a slice IPPool no NodeSlicePool entry claims, a node with two
         * slices, a NodeSlicePool whose range differs from its NAD's, a sliced NAD with no NodeSlicePool.
         */
        SLICE_MISMATCH("slice-mismatch");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
