package io.ipamctl.health;

import io.ipamctl.ipam.IpFamily;
import java.util.List;
import java.util.Optional;

/**
 * Why Antrea's CNI could not give a Pod its address, in Antrea's own words: the error texts of the agent's
 * IPAM (pkg/agent/cniserver/ipam/antrea_ipam*.go, pkg/ipam/poolallocator, pkg/ipam/ipallocator at
 * antrea-io/antrea fc70f2b), of host-local for Pods on the Node's podCIDR, and of a CNI plugin that cannot
 * reach the agent. The kubelet reports them in the Pod's FailedCreatePodSandBox Events; {@link #parse} reads
 * them back from there, {@link #text()} writes them (the sandbox emits them as Antrea does).
 */
public sealed interface AntreaIpamFailure {

    /** The Event reason the kubelet gives a failed CNI ADD. */
    String EVENT_REASON = "FailedCreatePodSandBox";

    /** Antrea's message. */
    String text();

    /** Every pool of one family is full (AntreaIPAM.Add). */
    record PoolsExhausted(IpFamily family, String pod) implements AntreaIpamFailure {
        @Override
        public String text() {
            return "failed to allocate " + family + " address for Pod " + pod + ": all IPPools exhausted";
        }
    }

    /** One pool is full (the pool allocator; the secondary-network path reports it as is). */
    record PoolExhausted(String pool) implements AntreaIpamFailure {
        @Override
        public String text() {
            return "failed to allocate IP: Pool " + pool + " is exhausted: pool exhausted";
        }
    }

    /** The address asked for by ipam.antrea.io/pod-ips lies in none of the pool's ranges. */
    record OutsidePool(String ip, String pool) implements AntreaIpamFailure {
        @Override
        public String text() {
            return "IP " + ip + " does not belong to IP pool " + pool;
        }
    }

    /** The address asked for is recorded in the pool already (another Pod's, or reserved for a StatefulSet). */
    record AlreadyAllocated(String ip) implements AntreaIpamFailure {
        @Override
        public String text() {
            return "IP " + ip + " is already allocated";
        }
    }

    /** The address asked for is one a CIDR range keeps back (its gateway, or the broadcast address). */
    record ReservedAddress(String ip) implements AntreaIpamFailure {
        @Override
        public String text() {
            return "IP " + ip + " is reserved and not available for allocation";
        }
    }

    /** None of the pools the annotation names exists. */
    record NoValidPool(List<String> pools) implements AntreaIpamFailure {
        public NoValidPool {
            pools = List.copyOf(pools);
        }

        @Override
        public String text() {
            return "no valid IPPool found for configured pools: [" + String.join(", ", pools) + "]";
        }
    }

    /** An item of ipam.antrea.io/pod-ips is not an address. */
    record InvalidPodIp(String item, String value) implements AntreaIpamFailure {
        @Override
        public String text() {
            return "invalid IP " + goQuoted(item) + " in ipam.antrea.io/pod-ips annotation " + goQuoted(value);
        }
    }

    /** ipam.antrea.io/pod-ips names two addresses of one family. */
    record SeveralAddresses(IpFamily family, String value) implements AntreaIpamFailure {
        @Override
        public String text() {
            return "multiple " + family + " addresses in ipam.antrea.io/pod-ips annotation " + goQuoted(value);
        }
    }

    /** An address is asked for while several pools of its family are configured. */
    record SeveralPoolsForAddress(IpFamily family, String ip, List<String> pools) implements AntreaIpamFailure {
        public SeveralPoolsForAddress {
            pools = List.copyOf(pools);
        }

        @Override
        public String text() {
            return "multiple " + family + " IPPools configured with requested " + family + " address(es) [" + ip
                    + "]; configured " + family + " IPPools (" + pools.size() + "): [" + String.join(", ", pools)
                    + "]; specifying an IP restricts the selection to exactly one IPPool of that corresponding IP family";
        }
    }

    /** A dual-stack Pod's IPv4 and IPv6 pools carry different VLANs. */
    record ConflictingVlans(int first, int second) implements AntreaIpamFailure {
        @Override
        public String text() {
            return "IPPools have conflicting VLAN IDs " + first + " and " + second + " for dual-stack allocation";
        }
    }

    /** host-local, which Antrea delegates Pods without a pool to, has no free address in the Node's podCIDR. */
    record NodeRangeFull(String rangeSet) implements AntreaIpamFailure {
        @Override
        public String text() {
            return "failed to allocate for range 0: no IP addresses available in range set: " + rangeSet;
        }
    }

    /** The CNI plugin cannot reach the agent on the node (its socket is gone or refuses). */
    record AgentUnreachable(String detail) implements AntreaIpamFailure {
        /** What a CNI ADD reports while the agent of its node is down. */
        public static final String DOWN = "rpc error: code = Unavailable desc = connection error: desc = \"transport: "
                + "Error while dialing: dial unix /var/run/antrea/cni.sock: connect: connection refused\"";

        @Override
        public String text() {
            return detail;
        }
    }

    /**
     * The first of Antrea's IPAM failures in a message (an Event's, which wraps it in the kubelet's and the
     * runtime's words; a dual-stack failure holds one per family), or empty when it holds none.
     */
    static Optional<AntreaIpamFailure> parse(String message) {
        return FailureTexts.parse(message);
    }

    /**
     * The FailedCreatePodSandBox Event message of a failed CNI ADD, as the kubelet and containerd word it
     * around the plugin's error.
     */
    static String eventMessage(String sandboxId, AntreaIpamFailure failure) {
        return "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \""
                + sandboxId + "\": plugin type=\"antrea\" name=\"antrea\" failed (add): " + failure.text();
    }

    /** Go's %q for the plain strings Antrea quotes. */
    private static String goQuoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
