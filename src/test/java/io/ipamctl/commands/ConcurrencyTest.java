package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ipamctl.kube.crd.v1beta1.IPPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ipamctl runs racing on the same addresses, interleaved deterministically on the mock server
 * (see {@link RaceServer}): run A through endpoint 0, run B through endpoint 1. Whatever the
 * interleaving, the object the server stored first stays and the other run undoes its own write.
 */
class ConcurrencyTest {

    static final String POOLS = "/apis/crd.antrea.io/v1beta1/ippools";
    static final String PODS = "/api/v1/pods";

    @TempDir
    Path dir;

    RaceServer server;
    KubernetesClient client;
    final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void seed() {
        server = new RaceServer(2);
        client = server.client();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("ns-db")
                        .endMetadata()
                        .build())
                .create();
        client.resources(IPPool.class)
                .resource(Serialization.unmarshal("""
                {"apiVersion":"crd.antrea.io/v1beta1","kind":"IPPool","metadata":{"name":"pool-db"},
                 "spec":{"ipRanges":[{"start":"172.16.20.11","end":"172.16.20.50"}],
                 "subnetInfo":{"gateway":"172.16.20.254","prefixLength":24,"vlan":20}}}""", IPPool.class))
                .create();
        client.pods()
                .inNamespace("ns-db")
                .resource(pod("db-02", Map.of("team", "db")))
                .create();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        client.close();
        server.close();
    }

    private static Pod pod(String name, Map<String, String> annotations) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("ns-db")
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-01")
                .addNewContainer()
                .withName("db")
                .withImage("registry.k8s.io/pause:3.10")
                .endContainer()
                .endSpec()
                .build();
    }

    /** Starts ipamctl through one endpoint; the run waits wherever a gate holds one of its requests. */
    private CompletableFuture<CliRun.Result> start(int endpoint, String... args) throws Exception {
        Path state = Files.createDirectories(dir.resolve("run-" + endpoint));
        List<String> all = new ArrayList<>(
                List.of("--kubeconfig", server.kubeconfig(endpoint, dir).toString()));
        all.addAll(List.of(args));
        // a thread of its own per run: the common pool may have a single thread, and a held run blocks it
        return CompletableFuture.supplyAsync(() -> new CliRun(state).run(all.toArray(String[]::new)), threads);
    }

    private static String[] createPool(String name, String range) {
        return new String[] {
            "pool", "create", name, "--range", range, "--gateway", "172.16.40.1", "--prefix-length", "24"
        };
    }

    private List<String> pools() {
        return client.resources(IPPool.class).list().getItems().stream()
                .map(p -> p.getMetadata().getName())
                .sorted()
                .toList();
    }

    @Test
    void poolCreatedInsideTheOtherRunsCheckWindowWins() throws Exception {
        var aCreate = server.hold(0, "POST", POOLS);
        var a = start(0, createPool("pool-a", "172.16.40.10-172.16.40.60"));
        aCreate.awaitArrival(); // A found no overlap and is about to create
        var b = start(1, createPool("pool-b", "172.16.40.50-172.16.40.70")).get();
        assertEquals(0, b.code(), b.err());
        aCreate.release();
        var lost = a.get();
        assertEquals(1, lost.code());
        assertEquals("", lost.out());
        assertEquals(
                "error: pool pool-a overlaps with pool pool-b at 172.16.40.50-172.16.40.60: another client created pool-b "
                        + "just before pool-a; IPPool pool-a was deleted again, nothing changed\n",
                lost.err());
        assertEquals(List.of("pool-b", "pool-db"), pools());
    }

    @Test
    void bothPoolsCreatedBeforeEitherChecksTheFirstChecksFirst() throws Exception {
        racePoolsBothCreated(true);
    }

    @Test
    void bothPoolsCreatedBeforeEitherChecksTheSecondChecksFirst() throws Exception {
        racePoolsBothCreated(false);
    }

    /** A's create is stored first, then B's, in the same second; only then do both check. */
    private void racePoolsBothCreated(boolean firstChecksFirst) throws Exception {
        var aCreate = server.hold(0, "POST", POOLS);
        var bCreate = server.hold(1, "POST", POOLS);
        var aCheck = server.holdCheck(0, POOLS);
        var bCheck = server.holdCheck(1, POOLS);
        var a = start(0, createPool("pool-a", "172.16.40.10-172.16.40.60"));
        var b = start(1, createPool("pool-b", "172.16.40.50-172.16.40.70"));
        aCreate.awaitArrival();
        bCreate.awaitArrival(); // both validated against a cluster without the other
        aCreate.release();
        aCheck.awaitArrival();
        bCreate.release();
        bCheck.awaitArrival();
        assertEquals(List.of("pool-a", "pool-b", "pool-db"), pools());
        if (firstChecksFirst) {
            aCheck.release();
            a.get();
            bCheck.release();
        } else {
            bCheck.release();
            b.get();
            aCheck.release();
        }
        assertEquals("ippool.crd.antrea.io/pool-a created\n", a.get().out());
        assertEquals(0, a.get().code(), a.get().err());
        assertEquals(1, b.get().code());
        assertEquals("", b.get().out());
        assertEquals(
                "error: pool pool-b overlaps with pool pool-a at 172.16.40.50-172.16.40.60: another client created pool-a "
                        + "just before pool-b; IPPool pool-b was deleted again, nothing changed\n",
                b.get().err());
        assertEquals(List.of("pool-a", "pool-db"), pools());
    }

    @Test
    void theLoserDeletesOnlyItsOwnPoolNeverOneReCreatedUnderItsName() throws Exception {
        var aCreate = server.hold(0, "POST", POOLS);
        var aUndo = server.hold(0, "GET", POOLS + "/pool-a");
        var a = start(0, createPool("pool-a", "172.16.40.10-172.16.40.60"));
        aCreate.awaitArrival();
        assertEquals(
                0,
                start(1, createPool("pool-b", "172.16.40.50-172.16.40.70"))
                        .get()
                        .code());
        aCreate.release();
        aUndo.awaitArrival();
        // meanwhile someone replaces pool-a by a pool of their own
        client.resources(IPPool.class).withName("pool-a").delete();
        client.resources(IPPool.class)
                .resource(Serialization.unmarshal("""
                {"apiVersion":"crd.antrea.io/v1beta1","kind":"IPPool","metadata":{"name":"pool-a"},
                 "spec":{"ipRanges":[{"cidr":"172.16.41.0/26"}],"subnetInfo":{"gateway":"172.16.41.254","prefixLength":24}}}""", IPPool.class))
                .create();
        aUndo.release();
        assertEquals(1, a.get().code());
        assertEquals(
                "error: pool pool-a overlaps with pool pool-b at 172.16.40.50-172.16.40.60: another client created pool-b "
                        + "just before pool-a; IPPool pool-a is gone already, nothing changed\n",
                a.get().err());
        assertEquals(List.of("pool-a", "pool-b", "pool-db"), pools());
        assertEquals(
                "172.16.41.0/26",
                client.resources(IPPool.class)
                        .withName("pool-a")
                        .get()
                        .getSpec()
                        .getIpRanges()
                        .get(0)
                        .getCidr());
    }

    private Path manifest(String name) throws Exception {
        return PodManifest.write(dir, name);
    }

    private Pod pod(String name) {
        return client.pods().inNamespace("ns-db").withName(name).get();
    }

    @Test
    void pinFromManifestsBothCreatedTheSecondChecksFirstAndDeletesItsPod() throws Exception {
        var aCreate = server.hold(0, "POST", "/api/v1/namespaces/ns-db/pods");
        var bCreate = server.hold(1, "POST", "/api/v1/namespaces/ns-db/pods");
        var aCheck = server.holdCheck(0, PODS);
        var bCheck = server.holdCheck(1, PODS);
        var a = start(0, "pod", "pin-ip", "-f", manifest("db-a").toString(), "172.16.20.33", "--pool", "pool-db");
        var b = start(1, "pod", "pin-ip", "-f", manifest("db-b").toString(), "172.16.20.33", "--pool", "pool-db");
        aCreate.awaitArrival();
        bCreate.awaitArrival();
        aCreate.release();
        aCheck.awaitArrival();
        bCreate.release();
        bCheck.awaitArrival();
        bCheck.release();
        assertEquals(1, b.get().code());
        assertEquals("", b.get().out());
        assertEquals(
                "error: IP 172.16.20.33 is already requested by pod ns-db/db-a (ipam.antrea.io/pod-ips): another client "
                        + "got there just before pod ns-db/db-b was created; pod ns-db/db-b was deleted again, nothing changed\n",
                b.get().err());
        aCheck.release();
        assertEquals(0, a.get().code(), a.get().err());
        assertEquals(
                "pod/db-a created with 172.16.20.33 pinned from pool pool-db\n",
                a.get().out());
        assertEquals(null, pod("db-b"));
        assertEquals("172.16.20.33", pod("db-a").getMetadata().getAnnotations().get("ipam.antrea.io/pod-ips"));
        // a third run, later, is refused before it writes anything
        var c = start(1, "pod", "pin-ip", "-f", manifest("db-c").toString(), "172.16.20.33", "--pool", "pool-db")
                .get();
        assertEquals(1, c.code());
        assertEquals(
                "error: IP 172.16.20.33 is already requested by pod ns-db/db-a (ipam.antrea.io/pod-ips)\n", c.err());
        assertEquals(null, pod("db-c"));
    }

    @Test
    void recreateThatLostCreatesTheOriginalPodAgainWithoutThePin() throws Exception {
        String originalUid = pod("db-02").getMetadata().getUid();
        var aCreate = server.hold(0, "POST", "/api/v1/namespaces/ns-db/pods");
        var a = start(0, "pod", "pin-ip", "db-02", "172.16.20.33", "-n", "ns-db", "--pool", "pool-db", "--recreate");
        aCreate.awaitArrival(); // A checked the address, saved and deleted db-02, and is about to create it pinned
        var b = start(1, "pod", "pin-ip", "-f", manifest("db-b").toString(), "172.16.20.33", "--pool", "pool-db")
                .get();
        assertEquals(0, b.code(), b.err());
        aCreate.release();
        var lost = a.get();
        assertEquals(1, lost.code());
        assertEquals("", lost.out());
        List<String> err = lost.err().lines().toList();
        assertEquals(2, err.size(), lost.err());
        String saved = err.get(0).substring(err.get(0).indexOf(" to ") + 4);
        assertEquals("saved the original manifest of pod ns-db/db-02 to " + saved, err.get(0));
        assertEquals(
                "error: IP 172.16.20.33 is already requested by pod ns-db/db-b (ipam.antrea.io/pod-ips): another client "
                        + "got there just before pod ns-db/db-02 was created; pod ns-db/db-02 was created again from its original "
                        + "manifest, without the new pin (" + saved + ")",
                err.get(1));
        Pod restored = pod("db-02");
        assertTrue(!originalUid.equals(restored.getMetadata().getUid()));
        assertEquals(Map.of("team", "db"), restored.getMetadata().getAnnotations());
        assertEquals("172.16.20.33", pod("db-b").getMetadata().getAnnotations().get("ipam.antrea.io/pod-ips"));
    }
}
