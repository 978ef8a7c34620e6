package io.ipamctl.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.ipamctl.IpamctlException;
import io.ipamctl.kube.AgentPod;
import io.ipamctl.kube.ExecResult;
import io.ipamctl.kube.NodeExec;

/** Sandbox exec: runs OVS tools against the local userspace OVS node of the same name, when there is one. */
final class SandboxOvsExec implements NodeExec {

    @Override
    public ExecResult run(AgentPod agent, List<String> argv, Duration timeout) {
        throw noOvs(agent);
    }

    @Override
    public ExecResult stream(AgentPod agent, List<String> argv, Duration timeout, Consumer<java.io.InputStream> reader) {
        throw noOvs(agent);
    }

    private static IpamctlException noOvs(AgentPod agent) {
        return IpamctlException.failed("the sandbox has no Open vSwitch for node " + agent.node()
                + ": install and start it with cli/ovs-node seed (needs the openvswitch-switch package)");
    }
}
