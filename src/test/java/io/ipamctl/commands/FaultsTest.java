package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server faults the real test cluster cannot produce on demand, on the fabric8 mock server (expectations mode). */
class FaultsTest {

    @TempDir
    Path dir;

    MockApiServer mock;
    KubernetesMockServer server;
    CliRun cli;

    @BeforeEach
    void start() {
        mock = MockApiServer.start(dir, "fault-test-token");
        server = mock.server;
        cli = new CliRun(dir);
    }

    @AfterEach
    void stop() {
        mock.close();
    }

    private CliRun.Result run(String... args) {
        return mock.run(cli, args);
    }

    private void servesIppools(String version) {
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/" + version)
                .andReturn(
                        200,
                        new APIResourceListBuilder()
                                .withGroupVersion("crd.antrea.io/" + version)
                                .addToResources(new APIResourceBuilder()
                                        .withName("ippools")
                                        .withKind("IPPool")
                                        .withNamespaced(false)
                                        .build())
                                .build())
                .always();
    }

    @Test
    void crdNotInstalledNamesTheFeatureGate() {
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1beta1")
                .andReturn(404, "")
                .always();
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1alpha2")
                .andReturn(404, "")
                .always();
        var r = run("pool", "usage", "--source", "antrea");
        assertEquals(1, r.code());
        assertEquals(
                "error: AntreaIPAM not available: the server serves no ippools.crd.antrea.io (enable the AntreaIPAM "
                        + "feature gate in the antrea-config ConfigMap, keys antrea-agent.conf and antrea-controller.conf: "
                        + "featureGates: {AntreaIPAM: true})\n",
                r.err());
        // without --source, a source that is not installed is skipped silently
        servesNoNodes();
        var all = run("pool", "usage");
        assertEquals(0, all.code(), all.err());
        assertEquals("No IP pools found.\n", all.err());
    }

    private void servesNoNodes() {
        server.expect()
                .get()
                .withPath("/api/v1/nodes?limit=500")
                .andReturn(200, new io.fabric8.kubernetes.api.model.NodeListBuilder().build())
                .always();
    }

    @Test
    void v1alpha2OnlyServerIsUsed() {
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1beta1")
                .andReturn(404, "")
                .always();
        servesIppools("v1alpha2");
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1alpha2/ippools?limit=500")
                .andReturn(200, """
                {"apiVersion":"crd.antrea.io/v1alpha2","kind":"IPPoolList","metadata":{},"items":[
                 {"apiVersion":"crd.antrea.io/v1alpha2","kind":"IPPool","metadata":{"name":"pool-ap"},
                  "spec":{"ipVersion":4,"ipRanges":[{"start":"172.16.19.11","end":"172.16.19.50","gateway":"172.16.19.254",
                  "prefixLength":24,"vlan":19}]},
                  "status":{"ipAddresses":[{"ipAddress":"172.16.19.11","phase":"Allocated","owner":{"pod":{"name":"a","namespace":"ns-ap"}}}],
                  "usage":{"used":1,"total":40}}}]}""")
                .always();
        noNodes();
        var r = run("pool", "list", "-o", "wide", "--no-headers");
        assertEquals(0, r.code(), r.err());
        assertEquals(
                // no creationTimestamp: an unknown AGE, as kubectl shows it
                "pool-ap   172.16.19.11-172.16.19.50   172.16.19.0/24   172.16.19.254   19   40   1   <unknown>   crd.antrea.io/v1alpha2"
                        + "   antrea\n",
                r.out());
    }

    @Test
    void unauthorizedAndForbidden() {
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1beta1")
                .andReturn(
                        401,
                        new StatusBuilder()
                                .withCode(401)
                                .withMessage("Unauthorized")
                                .build())
                .always();
        var r = run("pool", "usage");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: unauthorized: the API server at http://"), r.err());
        server.reset();
        servesIppools("v1beta1");
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1beta1/ippools?limit=500")
                .andReturn(
                        403,
                        new StatusBuilder()
                                .withCode(403)
                                .withReason("Forbidden")
                                .withMessage("ippools.crd.antrea.io is forbidden: User \"dev\" cannot list "
                                        + "resource \"ippools\" in API group \"crd.antrea.io\" at the cluster scope")
                                .build())
                .always();
        var f = run("pool", "usage", "--source", "antrea");
        assertEquals(1, f.code());
        assertEquals(
                "error: forbidden: ippools.crd.antrea.io is forbidden: User \"dev\" cannot list resource \"ippools\" in API "
                        + "group \"crd.antrea.io\" at the cluster scope\n",
                f.err());
        assertTrue(!f.err().contains("fault-test-token") && !f.out().contains("fault-test-token"));
        // without --source, a source RBAC forbids is named in a warning and left out
        servesNoNodes();
        var all = run("pool", "usage");
        assertEquals(0, all.code(), all.err());
        assertEquals(
                "warning: left out antrea pools: forbidden: ippools.crd.antrea.io is forbidden: User \"dev\" cannot list "
                        + "resource \"ippools\" in API group \"crd.antrea.io\" at the cluster scope\nNo IP pools found.\n",
                all.err());
    }

    @Test
    void slowServerHonoursRequestTimeout() {
        server.expect()
                .get()
                .delay(3, TimeUnit.SECONDS)
                .withPath("/apis/crd.antrea.io/v1beta1")
                .andReturn(200, "{}")
                .always();
        long t0 = System.nanoTime();
        var r = run("pool", "usage", "--request-timeout", "500ms");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, r.code());
        assertTrue(
                r.err().startsWith("error: the API server at ")
                        && r.err().endsWith(" did not answer in time (raise --request-timeout, or check the server)\n"),
                r.err());
        assertTrue(ms < 2900, "gave up after " + ms + " ms, before the 3 s reply");
    }

    /** A cluster whose Nodes carry no podCIDR (no Node IPAM); Whereabouts is not served (404 on discovery). */
    private void noNodes() {
        server.expect()
                .get()
                .withPath("/api/v1/nodes?limit=500")
                .andReturn(200, "{\"apiVersion\":\"v1\",\"kind\":\"NodeList\",\"metadata\":{},\"items\":[]}")
                .always();
    }

    @Test
    void webhookRejectionIsShownUnchanged() {
        servesIppools("v1beta1");
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1beta1/ippools?limit=500")
                .andReturn(
                        200,
                        "{\"apiVersion\":\"crd.antrea.io/v1beta1\",\"kind\":\"IPPoolList\",\"metadata\":{},\"items\":[]}")
                .always();
        server.expect()
                .post()
                .withPath("/apis/crd.antrea.io/v1beta1/ippools")
                .andReturn(
                        403,
                        new StatusBuilder()
                                .withCode(403)
                                .withMessage(
                                        "admission webhook \"ippoolvalidator.antrea.io\" denied the request: invalid prefixLength 32")
                                .build())
                .always();
        noNodes();
        var r = run("pool", "create", "pool-x", "--cidr", "10.8.0.0/24");
        assertEquals(1, r.code());
        assertEquals(
                "error: the server refused IPPool \"pool-x\": admission webhook \"ippoolvalidator.antrea.io\" denied the "
                        + "request: invalid prefixLength 32\n",
                r.err());
    }

    @Test
    void conflictsAreRetriedWithFreshStateAndBounded() {
        servesIppools("v1beta1");
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1beta1/ippools/pool-db")
                .andReturn(200, """
                {"apiVersion":"crd.antrea.io/v1beta1","kind":"IPPool","metadata":{"name":"pool-db"},
                 "spec":{"ipRanges":[{"start":"172.16.20.11","end":"172.16.20.50"}],
                 "subnetInfo":{"gateway":"172.16.20.254","prefixLength":24}}}""")
                .always();
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/ns-db")
                .andReturn(
                        200,
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName("ns-db")
                                .withResourceVersion("7")
                                .endMetadata()
                                .build())
                .always();
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/ns-db/pods?limit=500")
                .andReturn(200, "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{},\"items\":[]}")
                .always();
        server.expect()
                .patch()
                .withPath("/api/v1/namespaces/ns-db")
                .andReturn(
                        409,
                        new StatusBuilder()
                                .withCode(409)
                                .withReason("Conflict")
                                .withMessage(
                                        "Operation cannot be fulfilled on namespaces \"ns-db\": the object has been "
                                                + "modified")
                                .build())
                .times(2);
        server.expect()
                .patch()
                .withPath("/api/v1/namespaces/ns-db")
                .andReturn(
                        200,
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName("ns-db")
                                .endMetadata()
                                .build())
                .once();
        var r = run("ns", "bind", "ns-db", "pool-db");
        assertEquals(0, r.code(), r.err());
        assertEquals("namespace/ns-db bound to pool-db\n", r.out());
        server.expect()
                .patch()
                .withPath("/api/v1/namespaces/ns-db")
                .andReturn(
                        409,
                        new StatusBuilder()
                                .withCode(409)
                                .withMessage("the object has been modified")
                                .build())
                .always();
        var exhausted = run("ns", "bind", "ns-db", "pool-db");
        assertEquals(1, exhausted.code());
        assertEquals(
                "error: binding namespace ns-db kept conflicting with concurrent changes (5 attempts): the object has been "
                        + "modified\n",
                exhausted.err());
    }

    @Test
    void everyPatchCarriesTheResourceVersionThatWasChecked() throws Exception {
        conflictsAreRetriedWithFreshStateAndBounded();
        int patches = 0;
        for (int i = server.getRequestCount(); i > 0; i--) {
            var req = server.takeRequest(1, TimeUnit.SECONDS);
            if (req != null && "PATCH".equals(req.getMethod())) {
                patches++;
                assertEquals(
                        "{\"metadata\":{\"resourceVersion\":\"7\",\"annotations\":{\"ipam.antrea.io/ippools\":\"pool-db\"}}}",
                        req.getBody().readUtf8());
            }
        }
        assertEquals(List.of(8), List.of(patches));
    }
}
