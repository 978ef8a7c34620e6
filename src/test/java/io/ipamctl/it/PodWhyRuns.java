package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipamctl.commands.CliRun;
import java.io.IOException;
import java.nio.file.Path;

/** What the `pod why` ITs share: a bare Pod on the test cluster, and `pod why -o json` once its fate is settled. */
final class PodWhyRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PodWhyRuns() {}

    /**
     * A Pod (on a node unless node is null: the test cluster has no scheduler), with annotations given as YAML flow
     * mapping entries.
     */
    static void pod(Path dir, String ns, String name, String node, String annotations) {
        RealCluster.create(
                dir,
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                        + "\n  annotations: {" + annotations + "}\nspec:\n"
                        + (node == null ? "" : "  nodeName: " + node + "\n")
                        + "  containers: [{name: c, image: registry.k8s.io/pause:3.10}]\n");
    }

    /**
     * pod why -o json once the stand-in has had its try (it works asynchronously: exit 1 while nothing explains the
     * Pod yet); the exit code must match the verdict (0 has its address, 3 a cause found).
     */
    static JsonNode why(Path dir, String podRef) throws IOException, InterruptedException {
        CliRun.Result r = null;
        for (int i = 0; i < 150; i++) {
            r = RealCluster.ipamctl(dir, "pod", "why", podRef, "-o", "json");
            if (r.code() != 1) {
                break;
            }
            Thread.sleep(200);
        }
        JsonNode d = JSON.readTree(r.out());
        assertEquals(d.path("verdict").asText().equals("has-address") ? 0 : 3, r.code(), r.out() + r.err());
        assertEquals("", r.err());
        return d;
    }
}
