package io.ipamctl.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus' promtool, built by cli/promtool (github.com/prometheus/prometheus at the pinned version,
 * from the Go module proxy), whose path cli/run-tests passes as -Dipamctl.it.promtool.
 */
final class Promtool {

    private Promtool() {}

    static Path binary() {
        String p = System.getProperty("ipamctl.it.promtool", "");
        boolean present = !p.isBlank() && !p.startsWith("${") && Files.isExecutable(Path.of(p));
        if (!present) {
            System.err.println(
                    "#### promtool tests SKIPPED: no -Dipamctl.it.promtool (cli/run-tests builds it with cli/promtool) ####");
        }
        Assumptions.assumeTrue(present, "no promtool: run cli/run-tests (it builds cli/promtool)");
        return Path.of(p);
    }

    /** promtool ARGS with stdin; its exit code and both streams. */
    static RealCluster.Result run(String stdin, String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary().toString()));
        cmd.addAll(List.of(args));
        return RealCluster.run(cmd, stdin);
    }

    /** promtool check metrics on text: exit 0 and no lint finding, or the test fails with what promtool said. */
    static void assertValidMetrics(String text) {
        RealCluster.Result r = run(text, "check", "metrics");
        org.junit.jupiter.api.Assertions.assertEquals(
                0, r.code(), "promtool check metrics:\n" + r.out() + r.err() + "\non:\n" + text);
        org.junit.jupiter.api.Assertions.assertEquals("", r.out() + r.err(), "promtool check metrics findings");
    }
}
