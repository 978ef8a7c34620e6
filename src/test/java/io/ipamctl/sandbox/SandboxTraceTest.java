package io.ipamctl.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.commands.CliRun;
import io.ipamctl.commands.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/** `--sandbox trace`: the sandbox's Traceflow stand-in answers for the seed scenario's Pods. */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class SandboxTraceTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @Test
    void frontendToBackend1IsDeliveredOnTheSameNode() {
        CliRun.Result r = sandbox.cli()
                .sandbox("trace", "default/frontend", "default/backend1", "--protocol", "tcp", "--dst-port", "80");
        assertEquals(
                String.join(
                        "\n",
                        "NODE      COMPONENT       COMPONENT-INFO   ACTION      DETAIL",
                        "node-01   SpoofGuard      <none>           Forwarded   source IP 10.211.1.14",
                        "node-01   NetworkPolicy   IngressRule      Forwarded   <none>",
                        "node-01   Forwarding      Output           Delivered   pod default/backend1",
                        "",
                        "Verdict: Delivered to default/backend1",
                        ""),
                r.out(),
                r.err());
        assertEquals(0, r.code());
    }
}
