package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ipamctl.IpamctlException;
import io.ipamctl.kube.AgentPod;
import io.ipamctl.kube.ExecResult;
import io.ipamctl.kube.PodExec;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exec through the real API server into the antrea-ovs container (kwok runs the command on this
 * machine): exit codes from the kubelet's status channel, stdout and stderr apart, a command that
 * does not exist, and a hanging command killed at its timeout.
 */
class PodExecIT {

    static KubernetesClient client;
    static final AgentPod AGENT = new AgentPod("node-01", "kube-system", "antrea-agent-bj42h");
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @BeforeAll
    static void connect() throws Exception {
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(RealCluster.kubeconfig())))
                .build();
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void outputAndExitCodeOfACommandThatWorks() {
        ExecResult r = new PodExec(client).run(AGENT, List.of("ovs-vsctl", "br-exists", "br-int"), TIMEOUT);
        assertEquals(new ExecResult(0, "", ""), r);
        ExecResult version = new PodExec(client).run(AGENT, List.of("ovs-vsctl", "--version"), TIMEOUT);
        assertEquals(0, version.exitCode());
        assertTrue(version.stdout().startsWith("ovs-vsctl (Open vSwitch) "), version.stdout());
    }

    @Test
    void nonZeroExitCodeAndStderrComeBackApart() {
        ExecResult missingBridge =
                new PodExec(client).run(AGENT, List.of("ovs-vsctl", "br-exists", "br-nope"), TIMEOUT);
        assertEquals(new ExecResult(2, "", ""), missingBridge);
        ExecResult r = new PodExec(client).run(AGENT, List.of("ovs-vsctl", "list", "NoSuchTable"), TIMEOUT);
        assertEquals(1, r.exitCode());
        assertEquals("", r.stdout());
        assertEquals("ovs-vsctl: unknown table \"NoSuchTable\"\n", r.stderr());
    }

    @Test
    void aCommandThatDoesNotExist() {
        ExecResult r = new PodExec(client).run(AGENT, List.of("no-such-ovs-tool"), TIMEOUT);
        assertEquals(127, r.exitCode(), r.toString());
    }

    @Test
    void aHangingCommandIsKilledAtTheTimeout() {
        var e = assertThrows(
                IpamctlException.class,
                () -> new PodExec(client).run(AGENT, List.of("sleep", "60"), Duration.ofSeconds(2)));
        assertEquals(
                "exec in antrea-agent-bj42h (node node-01) did not finish within 2s: sleep 60 (killed)",
                e.getMessage());
    }
}
