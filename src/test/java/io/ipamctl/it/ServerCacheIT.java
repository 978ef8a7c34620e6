package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.CliRun;
import io.ipamctl.server.InJvmServerExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm server's IPPool cache on the real test cluster, through a relay the test can cut: a pool
 * kubectl creates reaches the next `pool usage` by the watch (no second list), a pool ipamctl deletes
 * is gone from the very next one, and a cut watch, or an API server that is away, never leaves a
 * stale answer: the next read lists afresh, or fails as a read without the cache would.
 */
@Timeout(300)
class ServerCacheIT {

    private static final String TAG = Long.toHexString(System.nanoTime() & 0xffff);

    @TempDir
    static Path dir;

    @RegisterExtension
    static final InJvmServerExtension server = new InJvmServerExtension("ipamctl-cache-it-");

    static CuttableProxy proxy;
    static Path relayed;

    @BeforeAll
    static void start() throws IOException {
        URI api = URI.create(
                RealCluster.kubectl("config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}")
                        .strip());
        proxy = new CuttableProxy(api.getHost(), api.getPort());
        relayed = dir.resolve("relayed.kubeconfig");
        Files.copy(RealCluster.kubeconfig(), relayed);
        String cluster = RealCluster.kubectl(
                        "--kubeconfig",
                        relayed.toString(),
                        "config",
                        "view",
                        "--minify",
                        "-o",
                        "jsonpath={.clusters[0].name}")
                .strip();
        RealCluster.kubectl(
                "--kubeconfig",
                relayed.toString(),
                "config",
                "set-cluster",
                cluster,
                "--server=https://127.0.0.1:" + proxy.port());
    }

    @AfterAll
    static void stop() throws Exception {
        for (String name : List.of("cache-it-kubectl-" + TAG, "cache-it-cut-" + TAG)) {
            RealCluster.kubectlResult("delete", "ippool", name, "--ignore-not-found");
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private static CliRun.Result through(String... args) {
        return server.run(dir, relayed, args);
    }

    private static List<String> usageNames() {
        CliRun.Result r = through("pool", "usage", "--source", "antrea", "-o", "name");
        assertEquals(0, r.code(), r.err());
        return r.out().lines().toList();
    }

    /** The cache line of `server status`: pools, revision, watched, lists, events. */
    private static InJvmServerExtension.Kept cache() {
        return server.kept("cache-1", "IPPools");
    }

    private static void createWithKubectl(String name, String cidr, String gateway) throws IOException {
        Path yaml = dir.resolve(name + ".yaml");
        Files.writeString(yaml, """
                apiVersion: crd.antrea.io/v1beta1
                kind: IPPool
                metadata: {name: %s}
                spec:
                  ipRanges: [{cidr: %s}]
                  subnetInfo: {gateway: %s, prefixLength: 24}
                """.formatted(name, cidr, gateway));
        RealCluster.kubectl("create", "-f", yaml.toString());
    }

    /** Waits (on the server's own report, no clock) until its watch has applied more than `events` events. */
    private static InJvmServerExtension.Kept awaitEventsBeyond(long events) throws InterruptedException {
        while (true) {
            InJvmServerExtension.Kept m = cache();
            if (m.events() > events || !m.state().equals("watched")) {
                return m;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aPoolKubectlCreatesReachesTheNextUsageByTheWatchAndOneIpamctlDeletesIsGoneAtOnce() throws Exception {
        String name = "cache-it-kubectl-" + TAG;
        usageNames();
        InJvmServerExtension.Kept before = cache();
        assertEquals("watched", before.state());
        long lists = before.lists();

        createWithKubectl(name, "10.203.7.0/24", "10.203.7.1");
        InJvmServerExtension.Kept after = awaitEventsBeyond(before.events());
        assertEquals("watched", after.state());
        assertTrue(
                usageNames().contains("ippool/" + name)
                        || usageNames().contains("antrea/" + name)
                        || usageNames().contains(name),
                usageNames().toString());
        assertEquals(lists, cache().lists(), "no list: the watch brought it");

        CliRun.Result deleted = through("pool", "delete", name);
        assertEquals(0, deleted.code(), deleted.err());
        assertFalse(
                usageNames().stream().anyMatch(n -> n.endsWith(name)),
                "read-your-writes: gone from the very next usage");
    }

    @Test
    void aCutWatchMakesTheNextReadListAfreshAndAnApiServerThatIsAwayFailsTheRead() throws Exception {
        String name = "cache-it-cut-" + TAG;
        usageNames();
        long lists = cache().lists();

        proxy.refuse(true); // the watch is cut and cannot come back: the API server is away
        while (cache().state().equals("watched")) {
            Thread.sleep(20);
        }
        CliRun.Result away = through("pool", "usage", "--source", "antrea", "-o", "name");
        assertEquals(1, away.code(), "no answer from memory while the API server is away: " + away.out());
        assertEquals("", away.out());
        assertTrue(away.err().startsWith("error: "), away.err());

        createWithKubectl(name, "10.203.8.0/24", "10.203.8.1"); // a change the cut watch never saw
        proxy.refuse(false);
        assertTrue(usageNames().stream().anyMatch(n -> n.endsWith(name)), "listed afresh");
        InJvmServerExtension.Kept now = cache();
        assertTrue(now.lists() > lists, now.toString());
        assertEquals("watched", now.state(), "and watched again");
        RealCluster.kubectl("delete", "ippool", name);
    }
}
