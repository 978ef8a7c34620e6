package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.Allocation;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The streamed IPPool list gives exactly what fabric8's model gives for the same JSON: every field of
 * an entry, odd ones included (no owner, null lists, unknown fields), across pages and in both
 * served versions; ADDRESSES leaves the owners out and nothing else; names come from a Table.
 */
class PoolListReaderTest {

    /** Everything an entry can hold. */
    static final String POOL_A = """
            {"apiVersion":"crd.antrea.io/v1beta1","kind":"IPPool","metadata":{"name":"pool-a","uid":"u-a",
             "resourceVersion":"11","managedFields":[{"manager":"m","fieldsV1":{"f:spec":{}}}]},
             "spec":{"ipRanges":[{"cidr":"10.1.0.0/28"},{"start":"10.1.1.10","end":"10.1.1.20"}],
                     "subnetInfo":{"gateway":"10.1.0.1","prefixLength":16,"vlan":7}},
             "status":{"ipAddresses":[
               {"ipAddress":"10.1.0.2","phase":"Allocated","owner":{"pod":{"name":"web-1","namespace":"ns-a",
                "containerID":"c1","ifName":"eth0"}}},
               {"ipAddress":"10.1.0.3","phase":"Reserved","owner":{"statefulSet":{"name":"db","namespace":"ns-b","index":2}}},
               {"ipAddress":"10.1.0.4","phase":"Allocated","owner":{"pod":{"name":"db-2","namespace":"ns-b",
                "containerID":"c2"},"statefulSet":{"name":"db","namespace":"ns-b","index":3}}},
               {"ipAddress":"10.1.1.11","phase":"Preallocated"},
               {"ipAddress":"10.9.9.9","phase":"Allocated","owner":null}],
              "usage":{"used":5,"total":27}}}""";

    static final String POOL_B = """
            {"apiVersion":"crd.antrea.io/v1beta1","kind":"IPPool","metadata":{"name":"pool-b","uid":"u-b","resourceVersion":"12"},
             "spec":{"ipRanges":[{"cidr":"fd00::/120"}],"subnetInfo":{"gateway":"fd00::1","prefixLength":64}},
             "status":{"ipAddresses":null}}""";
    static final String POOL_C = """
            {"apiVersion":"crd.antrea.io/v1beta1","kind":"IPPool","metadata":{"name":"pool-c","uid":"u-c","resourceVersion":"13"},
             "spec":{"ipRanges":[{"cidr":"10.3.0.0/24"}],"subnetInfo":{"gateway":"10.3.0.1","prefixLength":24}}}""";
    static final String ALPHA = """
            {"apiVersion":"crd.antrea.io/v1alpha2","kind":"IPPool","metadata":{"name":"pool-old","uid":"u-o","resourceVersion":"9"},
             "spec":{"ipVersion":4,"ipRanges":[{"cidr":"10.5.0.0/24","gateway":"10.5.0.1","prefixLength":24,"vlan":3},
                                                {"start":"10.6.0.2","end":"10.6.0.9","gateway":"10.6.0.1","prefixLength":24}]},
             "status":{"ipAddresses":[{"ipAddress":"10.5.0.7","phase":"Allocated","owner":{"pod":{"name":"p","namespace":"n",
              "containerID":"c"}}}],"usage":{"used":1,"total":261}}}""";

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdown();
    }

    private void page(String version, String query, String items, String continueToken) {
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/" + version + "/ippools?" + query)
                .andReturn(
                        200,
                        "{\"apiVersion\":\"crd.antrea.io/" + version
                                + "\",\"kind\":\"IPPoolList\",\"metadata\":{\"resourceVersion\":\"20\""
                                + (continueToken == null ? "" : ",\"continue\":\"" + continueToken + "\"")
                                + "},\"items\":[" + items + "]}")
                .always();
    }

    /** What fabric8's model makes of one pool's JSON, as the store read it before. */
    private PoolRecord modelled(String json) {
        return json.contains("v1alpha2")
                ? PoolConversion.fromAlpha(
                        client.getKubernetesSerialization().unmarshal(json, io.ipamctl.kube.crd.v1alpha2.IPPool.class))
                : PoolConversion.fromBeta(
                        client.getKubernetesSerialization().unmarshal(json, io.ipamctl.kube.crd.v1beta1.IPPool.class));
    }

    private static PoolRecord withoutOwners(PoolRecord p) {
        return new PoolRecord(
                p.definition(),
                p.allocations().stream()
                        .map(a -> new Allocation(a.ip(), a.phase(), null, null, null, null))
                        .toList(),
                p.reportedUsed(),
                p.reportedTotal(),
                p.apiVersion(),
                p.resourceVersion(),
                p.problems(),
                p.uid(),
                p.created());
    }

    @Test
    void streamedPoolsEqualTheModelAcrossPages() {
        page("v1beta1", "limit=500", POOL_C + "," + POOL_A, "next+page/1");
        page("v1beta1", "limit=500&continue=next%2Bpage%2F1", POOL_B, null);
        var store = new IpPoolStore(client);
        List<PoolRecord> expected = List.of(modelled(POOL_A), modelled(POOL_B), modelled(POOL_C));
        assertEquals(expected, store.list(IpPoolStore.Detail.OWNERS));
        assertEquals(
                expected.stream().map(PoolListReaderTest::withoutOwners).toList(),
                store.list(IpPoolStore.Detail.ADDRESSES));
        // the entries as they come, so the comparison above compares something
        assertEquals(
                List.of(
                        new Allocation("10.1.0.2", "Allocated", "ns-a/web-1", "c1", null, null),
                        new Allocation("10.1.0.3", "Reserved", null, null, "ns-b/db", 2),
                        new Allocation("10.1.0.4", "Allocated", "ns-b/db-2", "c2", "ns-b/db", 3),
                        new Allocation("10.1.1.11", "Preallocated", null, null, null, null),
                        new Allocation("10.9.9.9", "Allocated", null, null, null, null)),
                store.list().get(0).allocations());
        assertEquals(5, store.list().get(0).reportedUsed());
        assertEquals(27, store.list().get(0).reportedTotal());
    }

    @Test
    void fieldsAnEntryMayGainLaterAreSkipped() {
        // fabric8's model refuses unknown fields in an entry; the streamed read skips them
        page(
                "v1beta1",
                "limit=500",
                POOL_C.replace(
                        "}}}",
                        "}},\"status\":{\"ipAddresses\":[{\"ipAddress\":\"10.3.0.9\","
                                + "\"future\":{\"nested\":[1,{\"x\":\"y\"}]},\"phase\":\"Allocated\",\"owner\":{\"pod\":{\"name\":\"p\","
                                + "\"namespace\":\"n\",\"uid\":\"u\"},\"vm\":{\"name\":\"v\"}}}]}}"),
                null);
        assertEquals(
                List.of(new Allocation("10.3.0.9", "Allocated", "n/p", null, null, null)),
                new IpPoolStore(client).list().get(0).allocations());
    }

    @Test
    void entriesAreCountedExactlyWhateverTheirStringsHoldAndHowManyThereAre() {
        // strings with brackets, braces, quotes and escapes in every place a skip passes over; an empty
        // list of entries; no status at all; and a pool of 60k entries (a body far past BodyStream.AHEAD)
        String tricky = POOL_C.replace("pool-c", "pool-tricky")
                .replace(
                        "}}}",
                        "}},\"status\":{\"note\":\"]}\\\"[{\",\"ipAddresses\":["
                                + "{\"ipAddress\":\"10.3.0.2\",\"owner\":{\"pod\":{\"name\":\"a]}\\\"b\","
                                + "\"namespace\":\"n{[\\\\\",\"containerID\":\"\\u005d\\u007d\"}},\"phase\":\"Allocated\"},"
                                + "{\"x\":[[],{},\"]\",[\"}\"]],\"ipAddress\":\"10.3.0.3\",\"phase\":\"Reserved\"},"
                                + "{\"ipAddress\":\"10.3.0.4\",\"owner\":{},\"phase\":\"Allocated\",\"y\":{\"z\":[{\"]\":\"[\"}]}}"
                                + "],\"usage\":{\"used\":3,\"total\":253}}}");
        String empty = POOL_B.replace("pool-b", "pool-empty").replace("\"ipAddresses\":null", "\"ipAddresses\":[]");
        String missing = POOL_C.replace("pool-c", "pool-missing");
        StringBuilder huge = new StringBuilder(POOL_C.replace("pool-c", "pool-huge")
                .replace("10.3.0.0/24", "10.4.0.0/16")
                .replace("}}}", "}},\"status\":{\"ipAddresses\":["));
        int n = 60_000;
        for (int i = 0; i < n; i++) {
            huge.append(i == 0 ? "" : ",")
                    .append("{\"ipAddress\":\"10.4.")
                    .append((i + 2) / 256)
                    .append('.')
                    .append((i + 2) % 256)
                    .append("\",\"owner\":{\"pod\":{\"containerID\":\"")
                    .append("0".repeat(64))
                    .append("\",\"name\":\"p-")
                    .append(i)
                    .append("\",\"namespace\":\"[ns]\"}},\"phase\":\"Allocated\"}");
        }
        huge.append("]}}");
        page("v1beta1", "limit=500", String.join(",", tricky, empty, missing, huge), null);
        for (var detail : IpPoolStore.Detail.values()) {
            var pools = new IpPoolStore(client).list(detail); // in name order
            assertEquals(
                    List.of("pool-empty", "pool-huge", "pool-missing", "pool-tricky"),
                    pools.stream().map(p -> p.definition().name()).toList());
            assertEquals(
                    List.of(0, n, 0, 3),
                    pools.stream().map(p -> p.allocations().size()).toList(),
                    "entries of each pool, " + detail);
            assertEquals(
                    List.of("10.3.0.2", "10.3.0.3", "10.3.0.4"),
                    pools.get(3).allocations().stream().map(Allocation::ip).toList());
            assertEquals(
                    List.of("Allocated", "Reserved", "Allocated"),
                    pools.get(3).allocations().stream().map(Allocation::phase).toList());
            var last = pools.get(1).allocations().get(n - 1);
            assertEquals("10.4." + (n + 1) / 256 + "." + (n + 1) % 256, last.ip());
            if (detail == IpPoolStore.Detail.OWNERS) {
                assertEquals("n{[\\/a]}\"b", pools.get(3).allocations().get(0).podOwner());
                assertEquals("]}", pools.get(3).allocations().get(0).containerId());
                assertEquals("[ns]/p-" + (n - 1), last.podOwner());
            }
        }
    }

    @Test
    void specFieldsACrdMayGainLaterAreSkipped() {
        page(
                "v1beta1",
                "limit=500",
                POOL_C.replace("\"spec\":{", "\"spec\":{\"future\":{\"a\":[1,{\"b\":null}]},")
                        .replace("\"cidr\":\"10.3.0.0/24\"", "\"cidr\":\"10.3.0.0/24\",\"note\":[\"x\"]")
                        .replace("\"prefixLength\":24", "\"prefixLength\":24,\"mtu\":1450"),
                null);
        assertEquals(List.of(modelled(POOL_C)), new IpPoolStore(client).list());
    }

    @Test
    void aServerWithoutV1beta1IsReadInV1alpha2AfterDiscovery() {
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1beta1")
                .andReturn(404, "")
                .always();
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1alpha2")
                .andReturn(
                        200,
                        new io.fabric8.kubernetes.api.model.APIResourceListBuilder()
                                .withGroupVersion("crd.antrea.io/v1alpha2")
                                .addNewResource()
                                .withName("ippools")
                                .withKind("IPPool")
                                .withNamespaced(false)
                                .endResource()
                                .build())
                .always();
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1beta1/ippools?limit=500")
                .andReturn(404, "")
                .always();
        page("v1alpha2", "limit=500", ALPHA, null);
        var record = new IpPoolStore(client).list(IpPoolStore.Detail.OWNERS);
        assertEquals(List.of(modelled(ALPHA)), record);
        assertEquals("crd.antrea.io/v1alpha2", record.get(0).apiVersion());
        assertEquals(
                List.of(new Allocation("10.5.0.7", "Allocated", "n/p", "c", null, null)),
                record.get(0).allocations());
    }

    @Test
    void namesComeFromTheServersTable() {
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1beta1/ippools?limit=500&includeObject=None")
                .andReturn(200, """
                {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"20"},
                 "columnDefinitions":[{"name":"Name","type":"string","format":"name"},{"name":"Total","type":"integer"}],
                 "rows":[{"cells":["pool-z",40,3,"5m"]},{"cells":["pool-a",null,null,"1d"],"object":{"kind":"x"}}]}""")
                .always();
        assertEquals(List.of("pool-a", "pool-z"), new IpPoolStore(client).names());
    }

    @Test
    void namesFromAServerThatSendsThePlainListInstead() {
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1beta1/ippools?limit=500&includeObject=None")
                .andReturn(200, "{\"kind\":\"IPPoolList\",\"metadata\":{},\"items\":[" + POOL_C + "," + POOL_A + "]}")
                .always();
        assertEquals(List.of("pool-a", "pool-c"), new IpPoolStore(client).names());
    }

    @Test
    void aRefusalIsTheServersMessage() {
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1beta1/ippools?limit=500")
                .andReturn(403, """
                {"kind":"Status","apiVersion":"v1","status":"Failure","message":"ippools.crd.antrea.io is forbidden: \
                User \\"u\\" cannot list resource \\"ippools\\"","reason":"Forbidden","code":403}""")
                .always();
        var e = assertThrows(IpamctlException.class, () -> new IpPoolStore(client).list(IpPoolStore.Detail.ADDRESSES));
        assertEquals(
                "forbidden: ippools.crd.antrea.io is forbidden: User \"u\" cannot list resource \"ippools\"",
                e.getMessage());
    }

    @Test
    void aTruncatedListIsOneLineNotAPartialAnswer() {
        server.expect()
                .get()
                .withPath("/apis/crd.antrea.io/v1beta1/ippools?limit=500")
                .andReturn(200, "{\"kind\":\"IPPoolList\",\"metadata\":{},\"items\":[" + POOL_A.substring(0, 300))
                .always();
        var e = assertThrows(IpamctlException.class, () -> new IpPoolStore(client).list(IpPoolStore.Detail.ADDRESSES));
        assertEquals(
                "the API server at " + client.getMasterUrl() + " sent an IPPool list that is not valid JSON",
                e.getMessage());
    }
}
