package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.IpamctlException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * API discovery as the warm server answers it ({@link ApiCatalog}), against an API server whose CRD
 * watch the test drives: a second command asks no discovery request; a CRD made, Established or
 * deleted between two commands is seen by the next one; a built-in group is asked again after any CRD
 * change and after the watch ended (an API server restarted, e.g. upgraded); a role that may not list
 * CRDs gets discovery per command, still right; one credential set's answers never reach another;
 * a plain process asks discovery and lists no CRDs. Waits are on the cache's own state, never a clock.
 */
@Timeout(60)
class ApiCatalogTest {

    static final String CRDS = "/" + ApiCatalog.CRDS.path();
    static final String ANTREA = "/apis/crd.antrea.io/v1beta1";
    static final String WHEREABOUTS = "/apis/whereabouts.cni.cncf.io/v1alpha1";
    static final String NETWORKING = "/apis/networking.k8s.io/v1";

    @RegisterExtension
    final FakeApiExtension fake = new FakeApiExtension();

    FakeWatchApi api;
    final List<String> log = fake.log;

    @BeforeEach
    void start() {
        api = fake.api();
        putCrd("ippools.crd.antrea.io", "crd.antrea.io", "ippools", "v1beta1", true);
        api.discovery.put(NETWORKING, List.of("servicecidrs", "ipaddresses"));
    }

    /** A CRD as the API server sends it (one served version, one not; a schema the reader skips). */
    static String crd(String name, String group, String plural, String version, boolean established, long rv) {
        return """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"%s","resourceVersion":"%d","annotations":{"a":"b"}},
                 "spec":{"group":"%s","names":{"plural":"%s","kind":"K"},"scope":"Namespaced",
                  "versions":[{"name":"%s","served":true,"storage":true,
                    "schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object",
                     "properties":{"versions":{"type":"array"},"group":{"type":"string"}}}}}}},
                   {"name":"v0old","served":false,"storage":false}]},
                 "status":{"acceptedNames":{"plural":"%s","kind":"K"},
                  "conditions":[{"type":"NamesAccepted","status":"True"},{"type":"Established","status":"%s"}],
                  "storedVersions":["%s"]}}""".formatted(name, rv, group, plural, version, plural, established ? "True" : "False", version)
                .replace("\n", "");
    }

    private void putCrd(String name, String group, String plural, String version, boolean established) {
        api.put(CRDS, name, rv -> crd(name, group, plural, version, established, rv));
    }

    private ClusterCache cache(String token) throws Exception {
        return fake.run(token);
    }

    /** What one command learns from discovery: which of the sources' resources are served. */
    private static String command(ClusterCache cache) {
        var client = cache.client();
        return "antrea=" + new IpPoolStore(client, cache).installed()
                + " whereabouts=" + new WhereaboutsStore(client, cache).installed()
                + " nodeslicepools="
                + ApiDiscovery.serves(client, cache, WhereaboutsStore.API_VERSION, "nodeslicepools")
                + " servicecidrs=" + new ServiceCidrStore(client, cache).installed();
    }

    /** Discovery requests so far: GETs of a group version (lists and watches carry a query). */
    private List<String> discoveryRequests() {
        return api.requests.stream()
                .filter(r -> r.startsWith("GET /api") && !r.contains("?"))
                .toList();
    }

    private long crdLists() {
        return api.count("GET " + CRDS + "?limit=");
    }

    private WatchedCollection<ApiCatalog.Crd> crdWatch(ClusterCache cache) {
        return cache.watched(ApiCatalog.CRDS);
    }

    @Test
    void aSecondWarmCommandAsksNoDiscovery() throws Exception {
        putCrd("ippools.whereabouts.cni.cncf.io", "whereabouts.cni.cncf.io", "ippools", "v1alpha1", true);
        ClusterCache cache = cache("token-a");
        String expected = "antrea=true whereabouts=true nodeslicepools=false servicecidrs=true";
        assertEquals(expected, command(cache));
        assertEquals(List.of("GET " + NETWORKING), discoveryRequests(), "only the built-in group is asked");
        assertEquals(expected, command(cache));
        assertEquals(expected, command(cache));
        assertEquals(List.of("GET " + NETWORKING), discoveryRequests(), "nothing asked again: " + api.requests);
        assertEquals(1, crdLists());
        assertTrue(
                log.contains(
                        "cache: API discovery of networking.k8s.io/v1 kept: no CustomResourceDefinition changed since"),
                log.toString());
        assertTrue(
                log.contains(
                        "cache: API discovery of crd.antrea.io/v1beta1 from the watched CustomResourceDefinitions"),
                log.toString());
    }

    @Test
    void aCrdMadeEstablishedOrDeletedBetweenTwoCommandsIsSeenByTheNext() throws Exception {
        ClusterCache cache = cache("token-a");
        assertEquals("antrea=true whereabouts=false nodeslicepools=false servicecidrs=true", command(cache));
        BlockingQueue<String> watch = api.nextWatch(CRDS);
        String name = "nodeslicepools.whereabouts.cni.cncf.io";
        String group = "whereabouts.cni.cncf.io";

        watch.add(FakeWatchApi.event("ADDED", crd(name, group, "nodeslicepools", "v1alpha1", false, 110)));
        crdWatch(cache).awaitEvents(1);
        assertEquals(
                "antrea=true whereabouts=false nodeslicepools=false servicecidrs=true",
                command(cache),
                "made but not Established: discovery does not serve it yet");

        watch.add(FakeWatchApi.event("MODIFIED", crd(name, group, "nodeslicepools", "v1alpha1", true, 111)));
        crdWatch(cache).awaitEvents(2);
        assertEquals("antrea=true whereabouts=false nodeslicepools=true servicecidrs=true", command(cache));

        watch.add(FakeWatchApi.event("DELETED", crd(name, group, "nodeslicepools", "v1alpha1", true, 112)));
        crdWatch(cache).awaitEvents(3);
        assertEquals("antrea=true whereabouts=false nodeslicepools=false servicecidrs=true", command(cache));

        watch.add(FakeWatchApi.event(
                "DELETED", crd("ippools.crd.antrea.io", "crd.antrea.io", "ippools", "v1beta1", true, 113)));
        crdWatch(cache).awaitEvents(4);
        assertEquals(
                "antrea=false whereabouts=false nodeslicepools=false servicecidrs=true",
                command(cache),
                "a group whose last CRD went is not asked (discovery may lag behind the deletion)");

        assertEquals(1, crdLists(), "the watch brought every change: " + api.requests);
        assertEquals(
                List.of(
                        "GET " + WHEREABOUTS,
                        "GET " + NETWORKING,
                        "GET " + NETWORKING,
                        "GET " + NETWORKING,
                        "GET " + NETWORKING,
                        "GET " + NETWORKING),
                discoveryRequests(),
                "the whereabouts group asked before it had a CRD; the built-in one again after each CRD change");
    }

    @Test
    void aBuiltInGroupIsAskedAgainAfterTheWatchEndedAsAnApiServerRestartEndsIt() throws Exception {
        api.discovery.put(NETWORKING, List.of("networkpolicies"));
        ClusterCache cache = cache("token-a");
        assertEquals("antrea=true whereabouts=false nodeslicepools=false servicecidrs=false", command(cache));
        assertEquals("antrea=true whereabouts=false nodeslicepools=false servicecidrs=false", command(cache));
        assertEquals(
                1,
                discoveryRequests().stream()
                        .filter(r -> r.equals("GET " + NETWORKING))
                        .count());

        // upgraded: the new API server serves ServiceCIDRs; the old one's watch streams ended
        api.discovery.put(NETWORKING, List.of("networkpolicies", "servicecidrs", "ipaddresses"));
        FakeWatchApi.end(api.nextWatch(CRDS));
        assertEquals(
                "the API server ended the watch without an event",
                crdWatch(cache).awaitEnd());

        assertEquals("antrea=true whereabouts=false nodeslicepools=false servicecidrs=true", command(cache));
        assertEquals(2, crdLists(), "listed again, watched from there");
    }

    @Test
    void aRoleThatMayNotListCrdsGetsDiscoveryPerCommandStillRight() throws Exception {
        api.forbiddenPaths.add(CRDS);
        ClusterCache cache = cache("token-a");
        assertEquals("antrea=true whereabouts=false nodeslicepools=false servicecidrs=true", command(cache));
        assertEquals("antrea=true whereabouts=false nodeslicepools=false servicecidrs=true", command(cache));
        assertEquals(
                2,
                discoveryRequests().stream()
                        .filter(r -> r.equals("GET " + ANTREA))
                        .count(),
                "asked per command");
        assertEquals(1, crdLists(), "the refused list is not tried at every command");

        api.discovery.remove(ANTREA); // Antrea uninstalled: the next command sees it at once
        assertEquals("antrea=false whereabouts=false nodeslicepools=false servicecidrs=true", command(cache));
        assertTrue(
                log.stream()
                        .anyMatch(l -> l.startsWith("cache: API discovery of crd.antrea.io/v1beta1 asked "
                                + "(CustomResourceDefinitions cannot be listed: ")),
                log.toString());
    }

    @Test
    void oneCredentialSetsAnswersNeverReachAnothersRequest() throws Exception {
        ClusterCache a = cache("token-a");
        ClusterCache b = cache("token-b");
        assertEquals("antrea=true whereabouts=false nodeslicepools=false servicecidrs=true", command(a));
        api.forbidden.add("token-b");
        IpamctlException e = assertThrows(IpamctlException.class, () -> command(b));
        assertTrue(e.getMessage().contains("forbidden"), e.getMessage());
        assertEquals(2, crdLists(), "each credential set lists the CRDs itself: " + api.requests);
        assertEquals("antrea=true whereabouts=false nodeslicepools=false servicecidrs=true", command(a));
    }

    @Test
    void aPlainProcessAsksDiscoveryAndListsNoCrds() throws Exception {
        ClusterCache a = cache("token-a");
        assertEquals(
                "antrea=true whereabouts=false nodeslicepools=false servicecidrs=true",
                "antrea=" + new IpPoolStore(a.client()).installed()
                        + " whereabouts=" + new WhereaboutsStore(a.client()).installed()
                        + " nodeslicepools="
                        + ApiDiscovery.serves(a.client(), WhereaboutsStore.API_VERSION, "nodeslicepools")
                        + " servicecidrs=" + new ServiceCidrStore(a.client()).installed());
        assertEquals(0, crdLists());
        assertEquals(4, discoveryRequests().size(), api.requests.toString());
    }
}
