package io.ipamctl.commands.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ipamctl.ExitCode;
import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Ipamctl;
import io.ipamctl.kube.TraceflowMockCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pool usage --watch against a CRUD mock API server: the table is shown again when a pool changes
 * while ipamctl watches (a new table after a blank line when piped; redrawn in place on a terminal),
 * and an interrupt (Ctrl-C in the shell) ends it with 130.
 */
class PoolUsageWatchTest {

    private static final String HEADER =
            "NAME      RANGES                      GATEWAY     VLAN   TOTAL   USED   FREE   USE%\n";
    private static final String TWO_USED =
            HEADER + "pool-ap   172.16.19.11-172.16.19.50   <none>    <none>      40      2     38   5.0%\n";
    private static final String THREE_USED =
            HEADER + "pool-ap   172.16.19.11-172.16.19.50   <none>    <none>      40      3     37   7.5%\n";

    @TempDir
    Path dir;

    TraceflowMockCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new TraceflowMockCluster(dir, true);
        pool(2, true);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** pool-ap (172.16.19.11-50), created or updated, with its first `used` addresses allocated. */
    private void pool(int used, boolean create) {
        StringBuilder addresses = new StringBuilder();
        for (int i = 0; i < used; i++) {
            addresses.append("""
                      - ipAddress: 172.16.19.%d
                        phase: Allocated
                        owner: {pod: {name: web-%d, namespace: ns-ap, containerID: c%d}}
                    """.formatted(11 + i, i, i));
        }
        GenericKubernetesResource pool =
                Serialization.unmarshal("""
                apiVersion: crd.antrea.io/v1beta1
                kind: IPPool
                metadata: {name: pool-ap, labels: {team: web}}
                spec:
                  ipRanges: [{start: 172.16.19.11, end: 172.16.19.50}]
                status:
                  ipAddresses:
                %s
                """.formatted(addresses), GenericKubernetesResource.class);
        var pools = cluster.client().genericKubernetesResources("crd.antrea.io/v1beta1", "IPPool");
        if (create) {
            pools.resource(pool).create();
        }
        var current = pools.withName("pool-ap").get();
        current.setAdditionalProperty("status", pool.getAdditionalProperties().get("status"));
        pools.resource(current).updateStatus();
    }

    /** Runs the watch in a thread; change is made once the first table is out, then the thread is interrupted. */
    private String[] watchAcrossOneChange(boolean terminal, String secondFrame, String... more) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        List<String> given = new java.util.ArrayList<>(List.of(
                "--kubeconfig",
                cluster.kubeconfig().toString(),
                "pool",
                "usage",
                "--source",
                "antrea",
                "--watch",
                "--no-color"));
        given.addAll(List.of(more));
        String[] args = given.toArray(String[]::new);
        Thread watcher = new Thread(() -> code.set(Ipamctl.run(
                args,
                new Environment(Map.of(), terminal, dir.resolve("state")),
                new PrintWriter(out, true),
                new PrintWriter(err, true))));
        watcher.start();
        try {
            awaitThat(() -> out.toString().contains(TWO_USED), out);
            pool(3, false);
            awaitThat(() -> out.toString().contains(secondFrame), out);
        } finally {
            watcher.interrupt();
            watcher.join();
        }
        return new String[] {String.valueOf(code.get()), out.toString(), err.toString()};
    }

    /** Waits for what the watch prints (bounded generously: it only fails a test that hangs). */
    private static void awaitThat(BooleanSupplier condition, StringWriter out) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the watch did not print the expected table; it printed:\n" + out);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void pipedPrintsANewTableForEachChangeAndEndsWith130() throws Exception {
        String[] r = watchAcrossOneChange(false, "\n" + THREE_USED);
        assertEquals(String.valueOf(ExitCode.INTERRUPTED), r[0]);
        assertEquals(TWO_USED + "\n" + THREE_USED, r[1]);
        assertEquals("", r[2]);
    }

    @Test
    void withASelectorEveryFrameShowsTheMatchingPoolsOnly() throws Exception {
        cluster.client()
                .genericKubernetesResources("crd.antrea.io/v1beta1", "IPPool")
                .resource(Serialization.unmarshal("""
                        apiVersion: crd.antrea.io/v1beta1
                        kind: IPPool
                        metadata: {name: pool-db, labels: {team: db}}
                        spec:
                          ipRanges: [{start: 172.16.20.11, end: 172.16.20.50}]
                        """, GenericKubernetesResource.class))
                .create();
        String[] r = watchAcrossOneChange(false, "\n" + THREE_USED, "-l", "team=web");
        assertEquals(String.valueOf(ExitCode.INTERRUPTED), r[0]);
        assertEquals(TWO_USED + "\n" + THREE_USED, r[1]);
        assertEquals("", r[2]);
    }

    @Test
    void onATerminalRedrawsInPlace() throws Exception {
        String up = "\u001b[2A\r\u001b[J";
        String[] r = watchAcrossOneChange(true, up + THREE_USED);
        assertEquals(String.valueOf(ExitCode.INTERRUPTED), r[0]);
        // wrapping off while watching, so each frame is exactly its lines; back on at the end
        assertEquals("\u001b[?7l" + TWO_USED + up + THREE_USED + "\u001b[?7h", r[1]);
        assertEquals(List.of(), r[2].lines().toList());
    }
}
