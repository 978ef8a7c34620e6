package io.ipamctl.it;

import io.ipamctl.conformance.AntreaIpamScenario;
import io.ipamctl.kube.ConnectionSettings;
import io.ipamctl.kube.KubeConnector;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Antrea IPAM conformance scenario (conformance/antrea-ipam.yaml) against the test cluster's Go stand-in
 * (cli/cluster/standin), the same file AntreaIpamConformanceTest runs against the sandbox.
 */
class AntreaIpamConformanceIT {

    @Test
    void standinBehavesAsAntrea() throws Exception {
        try (var client = KubeConnector.connect(
                new ConnectionSettings(RealCluster.kubeconfig(), null, Duration.ofSeconds(30), Map.of(), null, null))) {
            new AntreaIpamScenario(client, () -> {}).run();
        }
    }
}
