package io.ipamctl.commands.ovs;

import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.AntreaNamespaceOption;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.Session;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.kube.AntreaAgents;
import io.ipamctl.kube.PodRef;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which nodes' agents to ask: --node (repeatable), --pod (its node), or all; and where Antrea runs. */
public final class NodeOptions {

    @Option(
            names = "--node",
            paramLabel = "NODE",
            completionCandidates = LiveName.Nodes.class,
            description = "A node to ask (repeatable; default: every node with an Antrea agent).")
    List<String> nodes = new ArrayList<>();

    @Option(names = "--pod", paramLabel = "NS/NAME", description = "Only the node hosting this Pod, and only its port.")
    String pod;

    /** Where the agent Pods run. */
    @Mixin
    AntreaNamespaceOption antrea = new AntreaNamespaceOption();

    /** The Pod of --pod with its namespace (given, or -n, or the context's), or null without --pod. */
    public PodRef pod(Session session) {
        if (pod == null) {
            return null;
        }
        if (IpAddress.looksLikeOne(pod)) {
            throw IpamctlException.invalid(
                    "--pod takes a Pod (NAMESPACE/NAME), not an address like \"" + SafeText.printable(pod)
                            + "\"; for the flows of an address use: ipamctl ovs flows --ip " + SafeText.printable(pod));
        }
        PodRef ref = PodRef.parse(pod)
                .orElseThrow(() -> IpamctlException.invalid(
                        "--pod must be NAMESPACE/NAME (or NAME with -n), got \"" + SafeText.printable(pod) + "\""));
        return ref.inNamespace(session.namespace());
    }

    public void validate() {
        if (pod != null && !nodes.isEmpty()) {
            throw IpamctlException.invalid("--pod picks the node itself; do not combine it with --node");
        }
    }

    /** The agents of the Antrea namespace. */
    AntreaAgents agents(Session session) {
        return antrea.agents(session);
    }

    /** The agents to ask, in node order. */
    public List<AntreaAgents.Lookup> targets(Session session) {
        AntreaAgents agents = agents(session);
        PodRef ref = pod(session);
        if (ref != null) {
            return List.of(agents.forNode(AntreaAgents.nodeOf(session.client(), ref.namespace(), ref.name())));
        }
        if (nodes.isEmpty()) {
            try {
                return agents.all();
            } catch (AntreaAgents.NoAgents e) {
                throw IpamctlException.failed(
                        e.getMessage() + " (pass --antrea-namespace NS if it runs in another namespace)");
            }
        }
        return nodes.stream().distinct().sorted().map(agents::forNode).toList();
    }
}
