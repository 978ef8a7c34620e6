package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A TAB on a warm server that holds no IPPools yet answers from a names-only Table and starts keeping
 * the pools meanwhile, so the next TAB asks nothing; a plain process keeps nothing. Waits are on the
 * cache's state, never a clock.
 */
@Timeout(60)
class WarmPoolNamesTest {

    static final String NAMES = "GET /apis/crd.antrea.io/v1beta1/ippools?limit=500&includeObject";
    static final String LIST = "GET /apis/crd.antrea.io/v1beta1/ippools?limit=";

    @RegisterExtension
    final FakeApiExtension fake = new FakeApiExtension();

    FakeWatchApi api;
    ClusterCache shared;
    final List<String> log = fake.log;

    @BeforeEach
    void start() throws Exception {
        api = fake.api();
        api.put("pool-b", 1);
        api.put("pool-a", 2);
        shared = fake.cache("token-a");
    }

    @Test
    void theFirstTabAnswersFromNamesAndTheNextFromMemory() throws Exception {
        ClusterCache cache = shared.forRun(log::add);
        assertEquals(List.of("pool-a", "pool-b"), new IpPoolStore(cache.client(), cache).names());
        assertEquals(1, api.count(NAMES), api.requests.toString());
        CachedKind<PoolRecord> kind = IpPoolStore.cached(PoolVersion.V1BETA1);
        while (!cache.current(kind)) {
            Thread.sleep(10); // the pools kept in the background
        }
        long lists = api.count(LIST);

        assertEquals(List.of("pool-a", "pool-b"), new IpPoolStore(cache.client(), cache).names());
        assertEquals(lists, api.count(LIST), "nothing asked: " + api.requests);
        assertTrue(
                log.get(log.size() - 1).startsWith("cache: IPPools from the server's cache: 2 at resourceVersion "),
                log.toString());
    }

    @Test
    void aPlainProcessKeepsNothing() throws Exception {
        ClusterCache none = ClusterCache.NONE;
        assertEquals(List.of("pool-a", "pool-b"), new IpPoolStore(shared.client(), none).names());
        assertEquals(List.of("pool-a", "pool-b"), new IpPoolStore(shared.client(), none).names());
        assertEquals(2, api.count(NAMES));
        assertEquals(2, api.count(LIST), "the two names lists, no full list: " + api.requests);
        assertEquals("none", shared.state());
    }
}
