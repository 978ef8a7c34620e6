package io.ipamctl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.IpamctlException;
import io.ipamctl.commands.CliRun;
import io.ipamctl.kube.ClusterCache;
import io.ipamctl.kube.ConnectionSettings;
import io.ipamctl.kube.Connections;
import io.ipamctl.kube.FakeWatchApi;
import io.ipamctl.kube.IpPoolStore;
import io.ipamctl.kube.PoolRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's caches are per credential set: what one user's credentials listed never answers
 * another's request (a user the API server refuses gets the refusal, as without a cache), a -v run
 * reads through the same cache as its plain twin, and a cache goes with its idle client.
 */
@Timeout(60)
class ApiClientsCacheTest {

    static final String LIST = "GET /apis/crd.antrea.io/v1beta1/ippools?limit=";

    @TempDir
    Path dir;

    FakeWatchApi api;
    final ApiClients clients = new ApiClients();

    @BeforeEach
    void start() {
        api = new FakeWatchApi();
        api.put("pool-a", 2);
    }

    @AfterEach
    void stop() {
        clients.closeAll();
        api.close();
    }

    private ConnectionSettings settings(String token, java.util.function.Consumer<String> log) throws Exception {
        Path d = Files.createDirectories(dir.resolve(token));
        return new ConnectionSettings(
                CliRun.kubeconfig(d, api.url(), token), null, Duration.ofSeconds(20), Map.of(), d, log);
    }

    private static List<String> names(Connections.Lease lease) {
        return new IpPoolStore(lease.client(), lease.cache())
                .list().stream().map(PoolRecord::name).toList();
    }

    @Test
    void aUserTheServerRefusesGetsTheRefusalNotAnotherUsersCachedPools() throws Exception {
        api.forbidden.add("token-b");
        try (Connections.Lease a = clients.open(settings("token-a", null))) {
            assertEquals(List.of("pool-a"), names(a));
        }
        try (Connections.Lease b = clients.open(settings("token-b", null))) {
            IpamctlException e = assertThrows(IpamctlException.class, () -> names(b));
            assertTrue(e.getMessage().contains("forbidden"), e.getMessage());
        }
        try (Connections.Lease a = clients.open(settings("token-a", null))) {
            assertEquals(List.of("pool-a"), names(a), "the first user's cache still answers it");
        }
        assertEquals(2, api.count(LIST), "one list each: " + api.requests);
        assertEquals(
                List.of("IPPools: 1 at resourceVersion 101, watched, 1 lists, 0 events", "IPPools: none"),
                clients.cacheStates().stream().sorted().toList());
    }

    @Test
    void aVerboseRunReadsThroughTheSameCacheAndSaysHowOldItsAnswerIs() throws Exception {
        try (Connections.Lease plain = clients.open(settings("token-a", null))) {
            names(plain);
        }
        List<String> log = new CopyOnWriteArrayList<>();
        try (Connections.Lease verbose = clients.open(settings("token-a", log::add))) {
            assertNotSame(verbose.client(), verbose.cache().client(), "-v: a client of its own, for its request log");
            ClusterCache run = verbose.cache().forRun(log::add);
            assertEquals(
                    List.of("pool-a"),
                    new IpPoolStore(verbose.client(), run)
                            .list().stream().map(PoolRecord::name).toList());
        }
        assertEquals(1, api.count(LIST), api.requests.toString());
        assertTrue(
                log.stream()
                        .anyMatch(l -> l.startsWith(
                                "cache: IPPools from the server's cache: 1 at resourceVersion 101, listed ")),
                log.toString());
    }

    @Test
    void aCacheGoesWithItsIdleClient() throws Exception {
        Connections.Lease a = clients.open(settings("token-a", null));
        ClusterCache cache = a.cache();
        names(a);
        a.close();
        clients.closeIdle(Duration.ZERO);
        assertEquals(List.of(), clients.cacheStates());
        assertEquals("none", cache.state(), "its watch stopped, its pools dropped");
        try (Connections.Lease again = clients.open(settings("token-a", null))) {
            names(again);
        }
        assertEquals(2, api.count(LIST), "listed again after the drop: " + api.requests);
    }
}
