package io.ipamctl.sandbox;

import io.ipamctl.commands.SandboxExtension;
import io.ipamctl.conformance.AntreaIpamScenario;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Antrea IPAM conformance scenario (conformance/antrea-ipam.yaml) against the sandbox's SandboxAntrea. */
class AntreaIpamConformanceTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    @Test
    void sandboxAntreaBehavesAsAntrea() throws Exception {
        try (var client = sandbox.client()) {
            new AntreaIpamScenario(client, () -> {
                        try {
                            if (!sandbox.server().awaitSettled(Duration.ofSeconds(60))) {
                                throw new AssertionError("the sandbox's stand-ins did not settle within 60 s");
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new AssertionError(e);
                        }
                    })
                    .run();
        }
    }
}
