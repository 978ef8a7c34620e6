package io.ipamctl.commands.ovs;

import io.ipamctl.commands.Session;
import io.ipamctl.kube.AgentPod;
import io.ipamctl.kube.AntreaAgents;
import io.ipamctl.kube.NodeFanOut;
import io.ipamctl.output.ProgressLine;
import java.util.List;
import java.util.function.Function;

/** The per-node work of an ovs command, with "N of M nodes answered" on a terminal while several nodes are asked. */
final class NodeFanOutProgress {

    private NodeFanOutProgress() {}

    static <T> List<NodeFanOut.Outcome<T>> run(
            Session session, String command, List<AntreaAgents.Lookup> targets, Function<AgentPod, T> work) {
        if (targets.size() < 2) {
            return NodeFanOut.run(targets, work);
        }
        try (ProgressLine progress = session.progressLine()) {
            String of = " of " + targets.size() + " nodes answered";
            progress.show(command + ": 0" + of);
            return NodeFanOut.run(targets, work, done -> progress.show(command + ": " + done + of));
        }
    }
}
