package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Status on the exec error channel, as a kubelet and as kwok write it. */
class PodExecStatusTest {

    private final PodExec exec = new PodExec(null);

    @Test
    void success() {
        assertEquals(new ExecResult(0, "", ""), exec.fromStatus("{\"metadata\":{},\"status\":\"Success\"}", null, ""));
    }

    @Test
    void kubeletNonZeroExitCode() {
        String status =
                "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
                        + "error executing command [ovs-ofctl show br-nope], exit code 1\",\"reason\":\"NonZeroExitCode\","
                        + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"1\"}]}}";
        assertEquals(
                new ExecResult(1, "", "ovs-ofctl: br-nope is not a bridge or a socket\n"),
                exec.fromStatus(status, null, "ovs-ofctl: br-nope is not a bridge or a socket\n"));
    }

    @Test
    void kwokNonZeroExitInWords() {
        String status =
                "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"Internal error occurred: error executing "
                        + "command in container: cmd wait: ovs-vsctl br-exists br-nope: exit status 2\",\"reason\":\"InternalError\","
                        + "\"code\":500}";
        assertEquals(new ExecResult(2, "", ""), exec.fromStatus(status, null, ""));
    }

    @Test
    void commandNotFound() {
        String status =
                "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"exec: \\\"no-such-tool\\\": executable file "
                        + "not found in $PATH\",\"reason\":\"InternalError\",\"code\":500}";
        assertEquals(
                new ExecResult(PodExec.NOT_FOUND, "", "exec: \"no-such-tool\": executable file not found in $PATH"),
                exec.fromStatus(status, null, ""));
    }
}
