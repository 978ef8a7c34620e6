package io.ipamctl.commands.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.kube.TraceflowMockCluster;
import io.ipamctl.kube.TraceflowMockCluster.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster whose Antrea API lists no traceflows. */
class TraceflowNotServedTest {

    @Test
    void saysTraceflowIsNotAvailableInOneLine(@TempDir Path dir) throws IOException {
        try (TraceflowMockCluster cluster = new TraceflowMockCluster(dir, false)) {
            Run run = cluster.run("trace", "default/frontend", "default/backend2");
            assertEquals(
                    List.of("error: Traceflow not available: the server serves no traceflows.crd.antrea.io/v1beta1 "
                            + "(is Antrea installed? its Traceflow feature gate is on by default)"),
                    run.err().lines().toList());
            assertEquals("", run.out());
            assertEquals(1, run.code());
            assertEquals(List.of(), cluster.seen());
        }
    }
}
