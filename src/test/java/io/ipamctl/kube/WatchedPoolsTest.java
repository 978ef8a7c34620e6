package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.PoolDefinition;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The warm server's IPPool cache against an API server whose watch streams the test drives: events
 * are applied without listing again, a watch that ends or fails makes the next read list afresh
 * (410 Gone included), a server that went away fails the read rather than answering from memory,
 * and a write through ipamctl is seen by the very next read. Waits are on the cache's own state,
 * never on a clock.
 */
@Timeout(60)
class WatchedPoolsTest {

    static final String LIST = "GET /apis/crd.antrea.io/v1beta1/ippools?limit=";
    static final String WATCH = "GET /apis/crd.antrea.io/v1beta1/ippools?watch=1";

    @RegisterExtension
    final FakeApiExtension fake = new FakeApiExtension();

    FakeWatchApi api;
    ClusterCache cache;
    final List<String> log = fake.log;

    @BeforeEach
    void start() throws Exception {
        api = fake.api();
        api.put("pool-a", 2);
        api.put("pool-b", 1);
        cache = fake.run("token-a");
    }

    private List<String> usage() {
        return new IpPoolStore(cache.client(), cache)
                .list(IpPoolStore.Detail.ADDRESSES).stream()
                        .map(p -> p.name() + ":" + p.allocations().size() + "@" + p.resourceVersion())
                        .toList();
    }

    private WatchedCollection<PoolRecord> pools() {
        return cache.watched(IpPoolStore.cached(PoolVersion.V1BETA1));
    }

    @Test
    void watchEventsAreAppliedWithoutListingAgain() throws Exception {
        assertEquals(List.of("pool-a:2@101", "pool-b:1@102"), usage());
        BlockingQueue<String> watch = api.nextWatch();
        assertTrue(
                api.requests.contains(WATCH + "&allowWatchBookmarks=true&resourceVersion=102"),
                api.requests.toString());
        watch.add(FakeWatchApi.event("ADDED", FakeWatchApi.pool("pool-c", 103, 0)));
        watch.add(FakeWatchApi.event("MODIFIED", FakeWatchApi.pool("pool-a", 104, 5)));
        watch.add(FakeWatchApi.event("DELETED", FakeWatchApi.pool("pool-b", 105, 1)));
        watch.add(
                "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"IPPool\",\"metadata\":{\"resourceVersion\":\"110\"}}}");
        pools().awaitEvents(4);

        assertEquals(List.of("pool-a:5@104", "pool-c:0@103"), usage());
        assertEquals(1, api.count(LIST), "one list, then the watch: " + api.requests);
        assertTrue(
                log.get(log.size() - 1)
                        .startsWith("cache: IPPools from the server's cache: 2 at resourceVersion 110, listed "),
                log.toString());
        assertEquals(
                List.of("pool-a", "pool-c"), new IpPoolStore(cache.client(), cache).names(), "names from memory too");
        assertEquals(1, api.count(LIST));
        assertEquals(
                0, api.count("GET /apis/crd.antrea.io/v1beta1/ippools?limit=500&includeObject"), "no Table asked for");
    }

    @Test
    void aWatchEndedBy410GoneListsAgainAndWatchesFromTheNewList() throws Exception {
        usage();
        BlockingQueue<String> watch = api.nextWatch();
        api.put("pool-c", 0); // a change the watch never delivers: it is compacted away
        watch.add("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"too old resource version: 102 (103)\",\"reason\":\"Expired\",\"code\":410}}");
        assertEquals("410 Gone (the revision was compacted)", pools().awaitEnd());

        assertEquals(List.of("pool-a:2@101", "pool-b:1@102", "pool-c:0@103"), usage());
        assertEquals(2, api.count(LIST));
        assertTrue(
                log.contains(
                        "cache: IPPools listed from the API server (the watch ended: 410 Gone (the revision was compacted)); "
                                + "watched from then on"),
                log.toString());
        api.nextWatch();
        assertTrue(
                api.requests.contains(WATCH + "&allowWatchBookmarks=true&resourceVersion=103"),
                api.requests.toString());
    }

    @Test
    void aWatchTheServerEndsAfterEventsIsOpenedAgainFromItsLastRevision() throws Exception {
        usage();
        BlockingQueue<String> first = api.nextWatch();
        first.add(FakeWatchApi.event("ADDED", FakeWatchApi.pool("pool-c", 107, 0)));
        FakeWatchApi.end(first); // the API server's watch timeout
        api.nextWatch();
        assertTrue(
                api.requests.contains(WATCH + "&allowWatchBookmarks=true&resourceVersion=107"),
                api.requests.toString());
        assertEquals(List.of("pool-a:2@101", "pool-b:1@102", "pool-c:0@107"), usage());
        assertEquals(1, api.count(LIST));
    }

    @Test
    void aRefusedWatchFallsBackToAFreshListOnEveryRead() throws Exception {
        api.watchStatus(500);
        usage();
        assertEquals("the watch failed", pools().awaitEnd(), "the server's own message");
        api.put("pool-c", 3);
        assertEquals(
                List.of("pool-a:2@101", "pool-b:1@102", "pool-c:3@103"),
                usage(),
                "what a list without the cache gives");
        assertEquals(2, api.count(LIST));
    }

    @Test
    void aWatchBrokenByTheApiServerGoingAwayFailsTheReadRatherThanAnswerFromMemory() throws Exception {
        usage();
        api.nextWatch();
        api.close();
        pools().awaitEnd();
        IpamctlException e = assertThrows(IpamctlException.class, this::usage);
        assertTrue(
                e.getMessage().contains(api.url().replace("http://", ""))
                        || e.getMessage().contains("127.0.0.1"),
                e.getMessage());
    }

    @Test
    void aWriteThroughIpamctlIsSeenByTheVeryNextReadWithoutWaitingForItsEvent() throws Exception {
        usage();
        api.nextWatch(); // open, and never delivers the create's event
        IpPoolStore store = new IpPoolStore(cache.client(), cache);
        store.create(
                new PoolDefinition(
                        "pool-new", List.of(io.ipamctl.ipam.PoolRangeSpec.ofCidr("10.8.0.0/24")), "10.8.0.1", 24, 0),
                4,
                false);
        assertEquals(List.of("pool-a:2@101", "pool-b:1@102", "pool-new:0@103"), usage());
        assertEquals(2, api.count(LIST), api.requests.toString());
        assertTrue(
                log.contains("cache: IPPools listed from the API server (IPPools were written through ipamctl since); "
                        + "watched from then on"),
                log.toString());
    }

    @Test
    void aCacheOfNothingReadsFromTheServerEveryTime() {
        IpPoolStore store = new IpPoolStore(cache.client(), ClusterCache.NONE);
        store.list();
        store.list();
        assertEquals(2, api.count(LIST));
        assertEquals(0, api.count(WATCH));
    }
}
