package io.ipamctl.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Ipamctl;

/** `--sandbox trace`: the sandbox's Traceflow stand-in answers for the seed scenario's Pods. */
class SandboxTraceTest {

    @Test
    void frontendToBackend1IsDeliveredOnTheSameNode(@TempDir Path state) {
        Environment env = new Environment(Map.of(), false, state);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Ipamctl.run(new String[] {"--sandbox", "trace", "default/frontend", "default/backend1", "--protocol", "tcp",
            "--dst-port", "80"}, env, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(String.join("\n",
                "NODE      COMPONENT    COMPONENT-INFO   ACTION      DETAIL",
                "node-01   SpoofGuard   <none>           Forwarded   source IP 10.211.1.14",
                "node-01   Forwarding   Output           Delivered   <none>",
                "",
                "Verdict: Delivered to default/backend1",
                ""), out.toString(), err.toString());
        assertEquals(0, code);
    }
}
