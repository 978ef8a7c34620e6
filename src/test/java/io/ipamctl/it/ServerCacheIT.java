package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.client.Client;
import io.ipamctl.commands.CliRun;
import io.ipamctl.server.InJvmServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm server's IPPool cache on the real test cluster, through a relay the test can cut: a pool
 * kubectl creates reaches the next `pool usage` by the watch (no second list), a pool ipamctl deletes
 * is gone from the very next one, and a cut watch, or an API server that is away, never leaves a
 * stale answer: the next read lists afresh, or fails as a read without the cache would.
 */
@Timeout(300)
class ServerCacheIT {

    private static final Pattern CACHE = Pattern.compile(
            "cache-1=(?:[^\\n]*; )?IPPools: (\\d+) at resourceVersion (\\d+), (watched|stale), (\\d+) lists, (\\d+) events");
    private static final String TAG = Long.toHexString(System.nanoTime() & 0xffff);

    @TempDir
    static Path dir;

    static Path runDir;
    static InJvmServer server;
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
        runDir = InJvmServer.shortTempDir("ipamctl-cache-it-");
        server = InJvmServer.start(runDir);
    }

    @AfterAll
    static void stop() throws Exception {
        for (String name : List.of("cache-it-kubectl-" + TAG, "cache-it-cut-" + TAG)) {
            RealCluster.kubectlResult("delete", "ippool", name, "--ignore-not-found");
        }
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        InJvmServer.deleteTree(runDir);
    }

    private static CliRun.Result through(String... args) {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", relayed.toString()));
        all.addAll(List.of(args));
        CliRun.Result r = new CliRun(dir).throughServer(server.socket(), all.toArray(String[]::new));
        assertNotNull(r, "declined");
        return r;
    }

    private static List<String> usageNames() {
        CliRun.Result r = through("pool", "usage", "--source", "antrea", "-o", "name");
        assertEquals(0, r.code(), r.err());
        return r.out().lines().toList();
    }

    /** The cache line of `server status`: pools, revision, watched, lists, events. */
    private static Matcher cache() {
        String status = Client.connect(server.socket()).status();
        Matcher m = CACHE.matcher(status);
        assertTrue(m.find(), status);
        return m;
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
    private static Matcher awaitEventsBeyond(long events) throws InterruptedException {
        while (true) {
            Matcher m = cache();
            if (Long.parseLong(m.group(5)) > events || !m.group(3).equals("watched")) {
                return m;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aPoolKubectlCreatesReachesTheNextUsageByTheWatchAndOneIpamctlDeletesIsGoneAtOnce() throws Exception {
        String name = "cache-it-kubectl-" + TAG;
        usageNames();
        Matcher before = cache();
        assertEquals("watched", before.group(3));
        long lists = Long.parseLong(before.group(4));

        createWithKubectl(name, "10.203.7.0/24", "10.203.7.1");
        Matcher after = awaitEventsBeyond(Long.parseLong(before.group(5)));
        assertEquals("watched", after.group(3));
        assertTrue(
                usageNames().contains("ippool/" + name)
                        || usageNames().contains("antrea/" + name)
                        || usageNames().contains(name),
                usageNames().toString());
        assertEquals(lists, Long.parseLong(cache().group(4)), "no list: the watch brought it");

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
        long lists = Long.parseLong(cache().group(4));

        proxy.refuse(true); // the watch is cut and cannot come back: the API server is away
        while (cache().group(3).equals("watched")) {
            Thread.sleep(20);
        }
        CliRun.Result away = through("pool", "usage", "--source", "antrea", "-o", "name");
        assertEquals(1, away.code(), "no answer from memory while the API server is away: " + away.out());
        assertEquals("", away.out());
        assertTrue(away.err().startsWith("error: "), away.err());

        createWithKubectl(name, "10.203.8.0/24", "10.203.8.1"); // a change the cut watch never saw
        proxy.refuse(false);
        assertTrue(usageNames().stream().anyMatch(n -> n.endsWith(name)), "listed afresh");
        Matcher now = cache();
        assertTrue(Long.parseLong(now.group(4)) > lists, now.group());
        assertEquals("watched", now.group(3), "and watched again");
        RealCluster.kubectl("delete", "ippool", name);
    }
}
