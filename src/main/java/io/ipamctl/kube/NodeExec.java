package io.ipamctl.kube;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a command (argv, never a shell line) in the antrea-ovs container of a node's agent.
 * The real implementation execs through the API server; the sandbox runs the local OVS instance.
 */
public interface NodeExec {

    ExecResult run(AgentPod agent, List<String> argv, Duration timeout);

    /**
     * Streams stdout to {@code reader} while the command runs (for outputs too big to hold,
     * such as 100k flows), then returns the exit code and stderr (stdout left empty).
     */
    ExecResult stream(AgentPod agent, List<String> argv, Duration timeout, Consumer<InputStream> reader);
}
