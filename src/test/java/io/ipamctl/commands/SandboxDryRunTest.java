package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.kube.crd.v1beta1.IPPool;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 15 item 2: the sandbox honours dryRun=All on every write it serves, as kube-apiserver does:
 * the write is checked and answered, and nothing is stored (the state file, rewritten after every
 * change, is compared before and after).
 */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class SandboxDryRunTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @TempDir
    Path files;

    /** A runner on this class's sandbox (made per test, after the extension's beforeAll). */
    final CliRun cli = sandbox.cli();

    @Test
    void poolCreateServerDryRunStoresNothing() {
        String before = ServerState.of(sandbox.state());
        var r = cli.sandbox(
                "pool",
                "create",
                "pool-x",
                "--range",
                "172.16.40.11-172.16.40.50",
                "--gateway",
                "172.16.40.254",
                "--prefix-length",
                "24",
                "--dry-run=server");
        assertEquals("ippool.crd.antrea.io/pool-x created (server dry run)\n", r.out(), r.err());
        assertEquals(0, r.code());
        assertEquals(before, ServerState.of(sandbox.state()));
        assertEquals(1, cli.sandbox("pool", "get", "pool-x").code(), "the pool must not exist");
    }

    @Test
    void poolDeleteForcedServerDryRunStoresNothing() {
        String before = ServerState.of(sandbox.state());
        var r = cli.sandbox("pool", "delete", "pool-db", "--force", "--dry-run=server");
        assertEquals("ippool.crd.antrea.io/pool-db deleted (server dry run)\n", r.out(), r.err());
        assertEquals(0, r.code());
        assertEquals(before, ServerState.of(sandbox.state()));
        assertEquals(0, cli.sandbox("pool", "get", "pool-db").code(), "the pool must still exist");
    }

    @Test
    void nsBindAndUnbindServerDryRunStoreNothing() {
        String before = ServerState.of(sandbox.state());
        var bind = cli.sandbox("ns", "bind", "ns-db", "pool-db", "--dry-run=server");
        assertEquals("namespace/ns-db bound to pool-db (server dry run)\n", bind.out(), bind.err());
        assertEquals(0, bind.code());
        var unbind = cli.sandbox("ns", "unbind", "ns-ap", "--dry-run=server");
        assertEquals("namespace/ns-ap unbound (was pool-ap) (server dry run)\n", unbind.out(), unbind.err());
        var client = cli.sandbox("ns", "bind", "ns-db", "pool-db", "--dry-run=client");
        assertEquals("namespace/ns-db bound to pool-db (dry run)\n", client.out(), client.err());
        assertEquals(before, ServerState.of(sandbox.state()));
        assertEquals("""
                NAMESPACE   POOL      TOTAL   USED   FREE   USE%
                ns-ap       pool-ap      40      3     37   7.5%
                """, cli.sandbox("ns", "list").out());
    }

    @Test
    void podPinIpServerDryRunStoresNothing() throws Exception {
        String before = ServerState.of(sandbox.state());
        Path manifest = PodManifest.write(files, "db-03");
        var created = cli.sandbox(
                "pod", "pin-ip", "-f", manifest.toString(), "172.16.20.33", "--pool", "pool-db", "--dry-run=server");
        assertEquals(
                "pod/db-03 created with 172.16.20.33 pinned from pool pool-db (server dry run)\n",
                created.out(),
                created.err());
        assertEquals(0, created.code());
        var recreated =
                cli.sandbox("pod", "pin-ip", "db-02", "172.16.20.33", "-n", "ns-db", "--recreate", "--dry-run=server");
        assertEquals(
                "pod/db-02 re-created with 172.16.20.33 pinned from pool pool-db (server dry run)\n",
                recreated.out(),
                recreated.err());
        assertEquals(0, recreated.code());
        assertEquals(before, ServerState.of(sandbox.state()));
        assertEquals(
                """
                POOL      IP             PHASE       OWNER         NODE
                pool-db   172.16.20.48   Allocated   ns-db/db-01   node-01
                pool-db   172.16.20.50   Allocated   ns-db/db-02   node-02
                """, cli.sandbox("pool", "usage", "pool-db", "--allocations").out());
    }

    /** Every verb, the status subresource included, straight to the API server: answered, never stored. */
    @Test
    void everyWriteVerbWithDryRunStoresNothing() throws Exception {
        String before = ServerState.of(sandbox.state());
        try (KubernetesClient k = sandbox.client()) {
            IPPool pool = k.resources(IPPool.class).withName("pool-db").get();
            pool.getStatus().setIpAddresses(java.util.List.of());
            IPPool answered = k.resources(IPPool.class).resource(pool).dryRun().updateStatus();
            assertEquals(0, answered.getStatus().getIpAddresses().size(), "the answer shows the change");
            pool.getMetadata().setLabels(Map.of("dry", "run"));
            assertEquals(
                    "run",
                    k.resources(IPPool.class)
                            .resource(pool)
                            .dryRun()
                            .update()
                            .getMetadata()
                            .getLabels()
                            .get("dry"));
            k.resources(IPPool.class).withName("pool-db").dryRun().edit(p -> {
                p.getMetadata().setLabels(Map.of("edited", "yes"));
                return p;
            });
            k.pods().inNamespace("ns-db").withName("db-01").dryRun().delete();
            k.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("ns-new")
                            .endMetadata()
                            .build())
                    .dryRun()
                    .create();
            var fresh = new PodBuilder()
                    .withNewMetadata()
                    .withName("p")
                    .withNamespace("ns-db")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("c")
                    .withImage("registry.k8s.io/pause:3.10")
                    .endContainer()
                    .endSpec()
                    .build();
            assertNotNull(k.pods()
                    .inNamespace("ns-db")
                    .resource(fresh)
                    .dryRun()
                    .create()
                    .getMetadata()
                    .getUid());
        }
        assertEquals(before, ServerState.of(sandbox.state()));
    }

    /** As kube-apiserver: an object cannot be created in a namespace that does not exist, dry run or not. */
    @Test
    void createInAMissingNamespaceIsNotFound() {
        try (KubernetesClient k = sandbox.client()) {
            var pod = new PodBuilder()
                    .withNewMetadata()
                    .withName("p")
                    .withNamespace("nope")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("c")
                    .withImage("registry.k8s.io/pause:3.10")
                    .endContainer()
                    .endSpec()
                    .build();
            var dry = assertThrows(
                    KubernetesClientException.class,
                    () -> k.pods().inNamespace("nope").resource(pod).dryRun().create());
            assertEquals(404, dry.getCode());
            var real = assertThrows(
                    KubernetesClientException.class,
                    () -> k.pods().inNamespace("nope").resource(pod).create());
            assertEquals(404, real.getCode());
            assertEquals("namespaces \"nope\" not found", real.getStatus().getMessage());
        }
    }
}
