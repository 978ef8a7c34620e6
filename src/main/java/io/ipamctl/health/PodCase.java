package io.ipamctl.health;

import io.ipamctl.ipam.AntreaPool;
import io.ipamctl.ipam.Fill;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpFamily;
import java.util.List;
import java.util.Optional;

/**
 * Everything `pod why` looks at for one Pod, read once: the Pod, the pools Antrea would take its address
 * from and their state, the agent of its node, the Node's podCIDR and the Pod's failed sandbox Events.
 *
 * @param namespacePools the pools its Namespace's ipam.antrea.io/ippools names (empty when unbound)
 * @param pools          those named pools (the Pod's own, else its Namespace's) that exist, in annotation order
 * @param agent          the Antrea agent of the Pod's node, null when the Pod has no node
 * @param nodeRange      the node's podCIDR and how full it is, null when unknown
 * @param failures       the Pod's FailedCreatePodSandBox Events, newest first
 */
public record PodCase(
        Pod pod,
        List<String> namespacePools,
        List<Pool> pools,
        Agent agent,
        NodeRange nodeRange,
        List<SandboxFailure> failures) {

    public PodCase {
        namespacePools = List.copyOf(namespacePools);
        pools = List.copyOf(pools);
        failures = List.copyOf(failures);
    }

    /**
     * The Pod.
     *
     * @param ownPools       the pools of its own ipam.antrea.io/ippools, empty when it has none
     * @param podIps         its ipam.antrea.io/pod-ips as written, null when absent
     * @param statefulSet    "namespace/name" of the StatefulSet controlling it, or null
     */
    public record Pod(
            String namespace,
            String name,
            String node,
            String phase,
            boolean hostNetwork,
            List<String> ips,
            List<String> ownPools,
            String podIps,
            String statefulSet) {

        public Pod {
            ips = List.copyOf(ips);
            ownPools = List.copyOf(ownPools);
        }

        public String key() {
            return namespace + "/" + name;
        }
    }

    /** A pool named for the Pod, with its fill as pool usage counts it. */
    public record Pool(AntreaPool pool, Fill fill) {

        public String name() {
            return pool.name();
        }

        /** The family of its gateway (every range of a pool has it), or empty when unreadable. */
        public Optional<IpFamily> family() {
            return IpAddress.tryParse(pool.definition().gateway()).map(IpAddress::family);
        }
    }

    /** The agent of a node: its Pod, and why it is not Ready (null when it is). */
    public record Agent(String node, String pod, String problem) {

        public boolean ready() {
            return problem == null;
        }
    }

    /** A Node's podCIDR, where Pods without a pool get their addresses. */
    public record NodeRange(String node, String cidr, Fill fill) {}

    /** One FailedCreatePodSandBox Event: its message, how often it happened, and when last (as the server wrote it). */
    public record SandboxFailure(String message, int count, String lastSeen) {}

    /** The pools Antrea takes the Pod's address from: its own annotation first, else its Namespace's. */
    public List<String> configuredPools() {
        return pod.ownPools().isEmpty() ? namespacePools : pod.ownPools();
    }

    /** Where the configured pools come from, for sentences: "its ipam.antrea.io/ippools" or "Namespace ns-ap". */
    public String poolsSource() {
        return pod.ownPools().isEmpty()
                ? "Namespace " + pod.namespace() + "'s ipam.antrea.io/ippools"
                : "its ipam.antrea.io/ippools";
    }
}
