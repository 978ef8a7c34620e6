package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * -l past the warm server's IPPool cache: the cache holds every pool without its labels, so a read with a
 * selector lists from the API server with labelSelector, and the reads without one still come from memory.
 */
@Timeout(60)
class SelectedPoolReadTest {

    @RegisterExtension
    final FakeApiExtension fake = new FakeApiExtension();

    FakeWatchApi api;
    ClusterCache cache;

    @BeforeEach
    void start() throws Exception {
        api = fake.api();
        api.put("pool-a", 2);
        cache = fake.cache("token-a");
    }

    @Test
    void aSelectedReadListsWithTheSelectorAndLeavesTheCacheAsItWas() throws Exception {
        IpPoolStore store = new IpPoolStore(cache.client(), cache);
        store.list(IpPoolStore.Detail.ADDRESSES);
        api.nextWatch();
        assertEquals(1, api.count(WatchedPoolsTest.LIST));

        store.list(IpPoolStore.Detail.ADDRESSES, "team in (db,web)");
        assertTrue(
                api.requests.contains(
                        "GET /apis/crd.antrea.io/v1beta1/ippools?limit=500&labelSelector=team+in+%28db%2Cweb%29"),
                api.requests.toString());
        store.names("team=web");
        assertEquals(
                1,
                api.count(
                        "GET /apis/crd.antrea.io/v1beta1/ippools?limit=500&labelSelector=team%3Dweb&includeObject=None"),
                api.requests.toString());

        store.list(IpPoolStore.Detail.ADDRESSES);
        assertEquals(
                0,
                api.requests.stream()
                                .filter(r -> r.startsWith(WatchedPoolsTest.LIST) && !r.contains("labelSelector"))
                                .count()
                        - 1,
                "the unselected read still comes from memory: " + api.requests);
    }
}
