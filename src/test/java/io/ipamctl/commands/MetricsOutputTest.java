package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** pool usage / pool check -o prometheus on the sandbox's seed scenario (promtool checks the same text: MetricsIT). */
class MetricsOutputTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @Test
    void poolUsageOfEverySource() {
        var r = sandbox.cli().sandbox("pool", "usage", "-o", "prometheus");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches("pool-usage.prom", r.out());
    }

    @Test
    void thresholdStillDecidesTheExitCode() {
        var r = sandbox.cli().sandbox("pool", "usage", "pool-db", "-o", "prometheus", "--threshold", "5");
        assertEquals(3, r.code());
        assertEquals(
                java.util.List.of(
                        "ipamctl_pool_capacity_addresses{source=\"antrea\",pool=\"pool-db\"} 40",
                        "ipamctl_pool_addresses{source=\"antrea\",pool=\"pool-db\",state=\"used\"} 2",
                        "ipamctl_pool_addresses{source=\"antrea\",pool=\"pool-db\",state=\"free\"} 38",
                        "ipamctl_pool_fill_ratio{source=\"antrea\",pool=\"pool-db\"} 0.05"),
                r.out().lines().filter(l -> !l.startsWith("#")).toList());
        assertEquals("threshold: pool pool-db is 5.0% full (2 of 40), at or above 5%\n", r.errWithoutSandboxLine());
    }

    @Test
    void poolCheckProblemsByKindWithExitThree() {
        var r = sandbox.cli().sandbox("pool", "check", "-o", "prometheus");
        assertEquals(3, r.code());
        Golden.assertMatches("pool-check.prom", r.out());
    }
}
