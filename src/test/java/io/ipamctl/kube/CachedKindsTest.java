package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.ExternalIpPool;
import io.ipamctl.ipam.ExternalIpUser;
import io.ipamctl.ipam.IpAddressObject;
import io.ipamctl.ipam.PodFacts;
import io.ipamctl.ipam.ServiceCidr;
import io.ipamctl.ipam.ServiceFacts;
import io.ipamctl.ipam.WhereaboutsPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every collection the warm server keeps besides Antrea's IPPools (WatchedPoolsTest has those),
 * against an API server whose watch streams the test drives: each kind's objects read into the
 * values the views use, watch events applied without a second list, 410 Gone and a broken watch
 * answered by a fresh list (or that list's error, never memory), one credential set's cache never
 * answering another's, and a write through ipamctl seen by the very next read. Waits are on the
 * cache's own state, never on a clock.
 */
@Timeout(60)
class CachedKindsTest {

    /**
     * A kind, a namespace its objects live in (null: cluster-scoped), an object of it named NAME at
     * revision RV, and how its value names it.
     */
    record Case(CachedKind<?> kind, String namespace, String object, Function<Object, String> name) {

        String path() {
            return "/" + kind.path();
        }

        String key(String name) {
            return namespace == null ? name : namespace + "/" + name;
        }

        String json(String name, long rv) {
            return object.replace("NAME", name)
                    .replace("RV", Long.toString(rv))
                    .replace("NS", namespace == null ? "" : namespace);
        }

        /** The DELETE of one object as ipamctl would send it. */
        String objectPath(String name) {
            if (namespace == null) {
                return kind.path() + "/" + name;
            }
            String prefix = kind.path().substring(0, kind.path().lastIndexOf('/'));
            return prefix + "/namespaces/" + namespace + "/" + kind.resource() + "/" + name;
        }

        @Override
        public String toString() {
            return kind.label();
        }
    }

    static Stream<Case> kinds() {
        return Stream.of(
                new Case(
                        WhereaboutsStore.CACHED_POOLS,
                        "ns-a",
                        """
                        {"apiVersion":"whereabouts.cni.cncf.io/v1alpha1","kind":"IPPool",
                         "metadata":{"name":"NAME","namespace":"NS","resourceVersion":"RV"},
                         "spec":{"range":"10.10.0.0/24","allocations":{"5":{"id":"c1","podref":"ns-a/p1","ifname":"net1"}}}}""",
                        v -> ((WhereaboutsPool) v).qualifiedName() + " "
                                + ((WhereaboutsPool) v).allocations().get(0).ip()),
                new Case(
                        WhereaboutsStore.CACHED_NADS,
                        "ns-a",
                        """
                        {"apiVersion":"k8s.cni.cncf.io/v1","kind":"NetworkAttachmentDefinition",
                         "metadata":{"name":"NAME","namespace":"NS","resourceVersion":"RV"},
                         "spec":{"config":"{\\"ipam\\":{\\"type\\":\\"whereabouts\\"}}"}}""",
                        v -> ((WhereaboutsStore.Nad) v).key() + " " + ((WhereaboutsStore.Nad) v).config()),
                new Case(
                        ExternalIpPoolStore.CACHED_POOLS,
                        null,
                        """
                        {"apiVersion":"crd.antrea.io/v1beta1","kind":"ExternalIPPool",
                         "metadata":{"name":"NAME","resourceVersion":"RV"},
                         "spec":{"ipRanges":[{"cidr":"10.20.0.0/24"}]},"status":{"usage":{"used":1,"total":254}}}""",
                        v -> ((ExternalIpPool) v).name() + " " + ((ExternalIpPool) v).ranges()),
                new Case(
                        ExternalIpPoolStore.CACHED_EGRESSES,
                        null,
                        """
                        {"apiVersion":"crd.antrea.io/v1beta1","kind":"Egress",
                         "metadata":{"name":"NAME","resourceVersion":"RV"},
                         "spec":{"externalIPPool":"eip-1","egressIP":"10.20.0.5"},"status":{"egressNode":"node-1"}}""",
                        v -> ((ExternalIpUser) v).name() + " " + ((ExternalIpUser) v).pool()),
                new Case(
                        ServiceCidrStore.CACHED_CIDRS,
                        null,
                        """
                        {"apiVersion":"networking.k8s.io/v1","kind":"ServiceCIDR",
                         "metadata":{"name":"NAME","resourceVersion":"RV"},"spec":{"cidrs":["10.96.0.0/12"]}}""",
                        v -> ((ServiceCidr) v).name() + " " + ((ServiceCidr) v).cidrs()),
                new Case(
                        ServiceCidrStore.CACHED_ADDRESSES,
                        null,
                        """
                        {"apiVersion":"networking.k8s.io/v1","kind":"IPAddress",
                         "metadata":{"name":"NAME","resourceVersion":"RV",
                          "labels":{"ipaddress.kubernetes.io/managed-by":"ipallocator.k8s.io"}},
                         "spec":{"parentRef":{"group":"","resource":"services","namespace":"ns-a","name":"svc"}}}""",
                        v -> ((IpAddressObject) v).ip() + " " + ((IpAddressObject) v).managedBy()),
                new Case(
                        NodeDirectory.CACHED,
                        null,
                        """
                        {"apiVersion":"v1","kind":"Node","metadata":{"name":"NAME","resourceVersion":"RV"},
                         "spec":{"podCIDR":"10.244.1.0/24","podCIDRs":["10.244.1.0/24","fd00:1::/64"]},
                         "status":{"images":[{"names":["a"]}]}}""",
                        v -> ((NodeDirectory.NodeCidrs) v).name() + " " + ((NodeDirectory.NodeCidrs) v).cidrs()),
                new Case(
                        PodDirectory.CACHED,
                        "ns-a",
                        """
                        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"NS","resourceVersion":"RV",
                          "annotations":{"ipam.antrea.io/ippools":"pool-a"}},
                         "spec":{"nodeName":"node-1","containers":[{"name":"c","image":"i"}]},
                         "status":{"phase":"Running","podIPs":[{"ip":"10.244.1.5"}]}}""",
                        v -> ((PodFacts) v).key() + " " + ((PodFacts) v).ips() + " " + ((PodFacts) v).requestedPools()),
                new Case(
                        NamespaceStore.CACHED,
                        null,
                        """
                        {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"NAME","resourceVersion":"RV",
                          "annotations":{"ipam.antrea.io/ippools":"pool-a"}}}""",
                        v -> ((NamespaceStore.Annotated) v).name() + " " + ((NamespaceStore.Annotated) v).pools()),
                new Case(
                        ServiceDirectory.CACHED,
                        "ns-a",
                        """
                        {"apiVersion":"v1","kind":"Service","metadata":{"name":"NAME","namespace":"NS","resourceVersion":"RV"},
                         "spec":{"type":"LoadBalancer","clusterIPs":["10.96.0.20"]},
                         "status":{"loadBalancer":{"ingress":[{"ip":"10.20.0.7"}]}}}""",
                        v -> ((ServiceFacts) v).key() + " " + ((ServiceFacts) v).ingressIps()));
    }

    @RegisterExtension
    final FakeApiExtension fake = new FakeApiExtension();

    FakeWatchApi api;
    final List<String> log = fake.log;

    @BeforeEach
    void start() {
        api = fake.api();
    }

    private ClusterCache cache(String token) throws Exception {
        return fake.run(token);
    }

    private static List<String> read(Case c, ClusterCache cache) {
        return c.kind().list(cache.client(), cache).stream().map(c.name()).toList();
    }

    private void put(Case c, String name) {
        api.put(c.path(), c.key(name), rv -> c.json(name, rv).replace("\n", ""));
    }

    private static String event(Case c, String type, String name, long rv) {
        return FakeWatchApi.event(type, c.json(name, rv).replace("\n", ""));
    }

    private long lists(Case c) {
        return api.count("GET " + c.path() + "?limit=");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void eachObjectIsReadIntoWhatTheViewsUseAndWatchEventsAreAppliedWithoutListingAgain(Case c) throws Exception {
        put(c, "obj-a");
        put(c, "obj-b");
        ClusterCache cache = cache("token-a");
        List<String> first = read(c, cache);
        assertEquals(2, first.size(), first.toString());
        assertTrue(first.get(0).startsWith(c.key("obj-a")), first.toString());
        assertEquals(expected(c, "obj-a"), first.get(0));
        BlockingQueue<String> watch = api.nextWatch(c.path());
        watch.add(event(c, "ADDED", "obj-c", 110));
        watch.add(event(c, "DELETED", "obj-a", 111));
        cache.watched(c.kind()).awaitEvents(2);

        List<String> now = read(c, cache);
        assertEquals(List.of(expected(c, "obj-b"), expected(c, "obj-c")), now);
        assertEquals(1, lists(c), "one list, then the watch: " + api.requests);
        assertTrue(
                log.get(log.size() - 1)
                        .startsWith(
                                "cache: " + c.kind().label() + " from the server's cache: 2 at resourceVersion 111"),
                log.toString());
    }

    /** What the kind's value of that object says (the object as {@link #put} stores it). */
    private String expected(Case c, String name) {
        String v = c.name().apply(readOne(c, name));
        assertTrue(v.startsWith(c.key(name)), v);
        return v;
    }

    /** The object read without a request: the kind's reader (of the first cache's client) on its JSON. */
    private Object readOne(Case c, String name) {
        try (var p = new com.fasterxml.jackson.core.JsonFactory().createParser(c.json(name, 1))) {
            p.nextToken();
            return c.kind().readers().apply(fake.first().client()).read(p).value();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aWatchEndedBy410GoneListsAgain(Case c) throws Exception {
        put(c, "obj-a");
        ClusterCache cache = cache("token-a");
        read(c, cache);
        BlockingQueue<String> watch = api.nextWatch(c.path());
        put(c, "obj-b"); // compacted away: the watch never delivers it
        watch.add("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"too old resource version\",\"reason\":\"Expired\",\"code\":410}}");
        assertEquals(
                "410 Gone (the revision was compacted)", cache.watched(c.kind()).awaitEnd());

        assertEquals(List.of(expected(c, "obj-a"), expected(c, "obj-b")), read(c, cache));
        assertEquals(2, lists(c));
        assertTrue(
                log.contains("cache: " + c.kind().label()
                        + " listed from the API server (the watch ended: 410 Gone (the revision was compacted)); "
                        + "watched from then on"),
                log.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aBrokenWatchWhoseApiServerIsAwayFailsTheReadRatherThanAnswerFromMemory(Case c) throws Exception {
        put(c, "obj-a");
        ClusterCache cache = cache("token-a");
        read(c, cache);
        api.nextWatch(c.path());
        api.close();
        cache.watched(c.kind()).awaitEnd();
        IpamctlException e = assertThrows(IpamctlException.class, () -> read(c, cache));
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void oneCredentialSetsCacheNeverAnswersAnothersRequest(Case c) throws Exception {
        put(c, "obj-a");
        api.forbidden.add("token-b");
        ClusterCache a = cache("token-a");
        ClusterCache b = cache("token-b");
        assertEquals(List.of(expected(c, "obj-a")), read(c, a));
        IpamctlException e = assertThrows(IpamctlException.class, () -> read(c, b));
        assertTrue(e.getMessage().contains("forbidden"), e.getMessage());
        assertEquals(List.of(expected(c, "obj-a")), read(c, a), "the first user's cache still answers it");
        assertTrue(b.state().endsWith(": none"), b.state());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aWriteThroughIpamctlIsSeenByTheVeryNextRead(Case c) throws Exception {
        put(c, "obj-a");
        put(c, "obj-b");
        ClusterCache cache = cache("token-a");
        read(c, cache);
        api.nextWatch(c.path()); // open, and never delivers the delete's event
        KubernetesClient client = cache.client();
        HttpRequest delete = client.getHttpClient()
                .newHttpRequestBuilder()
                .uri(api.url() + "/" + c.objectPath("obj-a"))
                .delete("application/json", "{}")
                .build();
        assertEquals(
                200,
                client.getHttpClient()
                        .sendAsync(delete, String.class)
                        .get(20, TimeUnit.SECONDS)
                        .code());

        assertEquals(List.of(expected(c, "obj-b")), read(c, cache));
        assertEquals(2, lists(c), api.requests.toString());
        assertTrue(
                log.contains("cache: " + c.kind().label() + " listed from the API server ("
                        + c.kind().label() + " were written through ipamctl since); watched from then on"),
                log.toString());
    }

    @Test
    void aReadWithALabelSelectorIsListedByTheApiServerWithItAndNeverFromTheCache() throws Exception {
        Case c = kinds().filter(k -> k.kind() == NamespaceStore.CACHED)
                .findFirst()
                .orElseThrow();
        put(c, "obj-a");
        ClusterCache cache = cache("token-a");
        c.kind().list(cache.client(), cache, "team=db");
        c.kind().list(cache.client(), cache, "team=db");
        assertEquals(2, api.count("GET " + c.path() + "?limit=500&labelSelector=team%3Ddb"), api.requests.toString());
        assertEquals(0, api.count("GET " + c.path() + "?watch=1"), api.requests.toString());
        assertEquals("none", cache.state(), "nothing kept");
    }

    @Test
    void aWriteDropsTheCollectionOfTheResourceItsPathNamesNotEveryCollectionItsPathMentions() {
        assertEquals("pods", ClusterCache.resourceOf("/api/v1/namespaces/ns-a/pods/p1"));
        assertEquals("pods", ClusterCache.resourceOf("/api/v1/namespaces/ns-a/pods/p1/eviction"));
        assertEquals("namespaces", ClusterCache.resourceOf("/api/v1/namespaces/ns-a"));
        assertEquals("nodes", ClusterCache.resourceOf("/api/v1/nodes/node-1"));
        assertEquals("ippools", ClusterCache.resourceOf("/apis/crd.antrea.io/v1beta1/ippools/pool-a/status"));
        assertEquals(
                "ippools",
                ClusterCache.resourceOf("/apis/whereabouts.cni.cncf.io/v1alpha1/namespaces/kube-system/ippools"));
        assertEquals("traceflows", ClusterCache.resourceOf("/apis/crd.antrea.io/v1beta1/traceflows"));
        assertEquals(null, ClusterCache.resourceOf("/version"));
    }

    @Test
    void aMemoIsKeptWhileItsObjectIsUnchangedAndDroppedWithIt() throws Exception {
        Case c = kinds().filter(k -> k.kind() == WhereaboutsStore.CACHED_POOLS)
                .findFirst()
                .orElseThrow();
        put(c, "obj-a");
        ClusterCache cache = cache("token-a");
        List<String> computed = new ArrayList<>();
        Function<String, String> memo = rv -> cache.memo(c.kind(), c.key("obj-a"), rv, String.class, () -> {
            computed.add(rv);
            return "row@" + rv;
        });
        read(c, cache);
        BlockingQueue<String> watch = api.nextWatch(c.path());
        String rv = "" + api.revision();
        assertEquals("row@" + rv, memo.apply(rv));
        assertEquals("row@" + rv, memo.apply(rv));
        assertEquals(List.of(rv), computed, "computed once while the object is unchanged");

        watch.add(event(c, "MODIFIED", "obj-a", 120));
        cache.watched(c.kind()).awaitEvents(1);
        read(c, cache);
        assertEquals("row@120", memo.apply("120"));
        assertEquals("row@120", memo.apply("120"));
        assertEquals(List.of(rv, "120"), computed, "computed again for the changed object, once");

        watch.add(event(c, "DELETED", "obj-a", 121));
        cache.watched(c.kind()).awaitEvents(2);
        memo.apply("120");
        memo.apply("120");
        assertEquals(List.of(rv, "120", "120", "120"), computed, "nothing kept for an object no longer held");
        assertEquals(
                List.of("memo", "memo"),
                List.of(
                        ClusterCache.NONE.memo(c.kind(), "k", "1", String.class, () -> "memo"),
                        ClusterCache.NONE.memo(c.kind(), "k", "1", String.class, () -> "memo")),
                "without the server: computed every time");
    }
}
