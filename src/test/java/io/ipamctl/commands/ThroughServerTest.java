package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.server.InJvmServer;
import io.ipamctl.server.InJvmServerExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a warm server must never mix up between requests (the pitfalls of mvnd, Gradle and Nailgun):
 * each request gets its own kubeconfig, context, namespace and directory, also two at once; an edited
 * kubeconfig is read again; what must run in the caller's process is declined; help follows the
 * caller's terminal. Runs go through a real server with the Java client's code (CliRun.throughServer).
 */
@Timeout(120)
class ThroughServerTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final InJvmServerExtension warm = new InJvmServerExtension("ipamctl-through-");

    InJvmServer server;
    RaceServer cluster;
    KubernetesClient seed;
    final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws IOException {
        server = warm.server();
        cluster = new RaceServer(2);
        seed = cluster.client();
        for (String ns : new String[] {"ns-a", "ns-b"}) {
            seed.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .endMetadata()
                            .build())
                    .create();
            seed.pods()
                    .inNamespace(ns)
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName("pod-in-" + ns)
                            .endMetadata()
                            .withNewSpec()
                            .addNewContainer()
                            .withName("c")
                            .withImage("registry.k8s.io/pause:3.10")
                            .endContainer()
                            .endSpec()
                            .build())
                    .create();
        }
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        seed.close();
        cluster.close();
    }

    /** A kubeconfig for one endpoint with contexts a (namespace ns-a) and b (ns-b); current is the given one. */
    private Path kubeconfig(String name, int endpoint, String current, String token) throws IOException {
        return cluster.kubeconfig(
                endpoint, dir.resolve(name), current, token, java.util.Map.of("a", "ns-a", "b", "ns-b"));
    }

    private CliRun caller(Path kubeconfig) {
        return new CliRun(dir).env("KUBECONFIG", kubeconfig.toString());
    }

    private CliRun.Result through(CliRun cli, String... args) {
        return warm.run(cli, args);
    }

    @Test
    void twoClientsAtOnceEachSeeOnlyTheirOwnKubeconfigContextAndNamespace() throws Exception {
        Path first = kubeconfig("first", 0, "a", "token-first");
        Path second = kubeconfig("second", 1, "b", "token-second");
        // the first run's pod list is held at the API server until the second run has finished
        RaceServer.Gate held = cluster.hold(0, "GET", "/namespaces/ns-a/pods");
        CompletableFuture<CliRun.Result> a =
                CompletableFuture.supplyAsync(() -> through(caller(first), "__complete", "pods"), threads);
        held.awaitArrival();
        assertEquals(new CliRun.Result(0, "pod-in-ns-b\n", ""), through(caller(second), "__complete", "pods"));
        assertEquals(
                new CliRun.Result(0, "pod-in-ns-a\n", ""), through(caller(second), "-n", "ns-a", "__complete", "pods"));
        assertEquals(
                new CliRun.Result(0, "pod-in-ns-a\n", ""),
                through(caller(second), "--context", "a", "__complete", "pods"));
        held.release();
        assertEquals(new CliRun.Result(0, "pod-in-ns-a\n", ""), a.get());
        assertEquals(
                new CliRun.Result(0, "pod-in-ns-b\n", ""),
                through(caller(first), "--context", "b", "__complete", "pods"));
    }

    @Test
    void aKubeconfigEditedBetweenTwoCommandsIsReadAgain() throws Exception {
        Path kc = kubeconfig("config", 0, "a", "token-1");
        assertEquals(new CliRun.Result(0, "pod-in-ns-a\n", ""), through(caller(kc), "__complete", "pods"));
        kubeconfig("config", 0, "b", "token-1"); // kubectl config use-context b
        assertEquals(new CliRun.Result(0, "pod-in-ns-b\n", ""), through(caller(kc), "__complete", "pods"));
    }

    @Test
    void relativeKubeconfigPathsResolveAgainstTheCallersDirectory() throws Exception {
        kubeconfig("relative-kc", 0, "b", "t");
        CliRun cli = new CliRun(dir).cwd(dir).env("KUBECONFIG", "relative-kc");
        assertEquals(new CliRun.Result(0, "pod-in-ns-b\n", ""), through(cli, "__complete", "pods"));
        CliRun flag = new CliRun(dir).cwd(dir);
        assertEquals(
                new CliRun.Result(0, "pod-in-ns-b\n", ""),
                through(flag, "--kubeconfig", "relative-kc", "__complete", "pods"));
    }

    @Test
    void credentialPluginsRunInTheCallersProcessNotInTheServer() throws Exception {
        Path exec = io.ipamctl.kube.PluginKubeconfig.write(dir.resolve("exec-kc"), cluster.url(0));
        CliRun cli = caller(exec);
        assertNull(
                cli.throughServer(server.socket(), "--context", "cloud", "pool", "list"),
                "the plugin would see the server's env");
        assertNull(cli.throughServer(server.socket(), "--context", "oidc", "pool", "list"), "an auth-provider");
        assertEquals(
                new CliRun.Result(0, "pod-in-ns-a\n", ""),
                through(cli, "__complete", "pods"),
                "the current context of the same file has no plugin");
        assertNotNull(
                cli.throughServer(server.socket(), "--context", "cloud", "--version"), "no API client, no plugin");
    }

    @Test
    void theShellAndWatchesRunInTheCallersProcess() {
        CliRun cli = new CliRun(dir);
        assertNull(cli.throughServer(server.socket(), "--sandbox", "shell"));
        assertNull(cli.throughServer(server.socket(), "--sandbox", "pool", "usage", "-w"));
        assertNull(cli.throughServer(server.socket(), "server", "stop"));
        assertTrue(server.server() != null && !server.ended(), "declining stops nothing");
    }

    @Test
    void ctrlCBetweenTheDeleteAndTheCreateOfARecreateBringsTheOriginalPodBack() throws Exception {
        seed.resources(io.ipamctl.kube.crd.v1beta1.IPPool.class)
                .resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                        """
                {"apiVersion":"crd.antrea.io/v1beta1","kind":"IPPool","metadata":{"name":"pool-db"},
                 "spec":{"ipRanges":[{"start":"172.16.20.11","end":"172.16.20.50"}],
                 "subnetInfo":{"gateway":"172.16.20.254","prefixLength":24,"vlan":20}}}""", io.ipamctl.kube.crd.v1beta1.IPPool.class))
                .create();
        seed.pods()
                .inNamespace("ns-a")
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("db-02")
                        .addToAnnotations("team", "db")
                        .endMetadata()
                        .withNewSpec()
                        .withNodeName("node-01")
                        .addNewContainer()
                        .withName("db")
                        .withImage("registry.k8s.io/pause:3.10")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        Path kc = kubeconfig("config", 0, "a", "t");
        // the create of the pinned Pod never gets its answer: the original is deleted by then
        RaceServer.Gate create = cluster.stall(0, "POST", "/api/v1/namespaces/ns-a/pods");
        io.ipamctl.client.Client client = io.ipamctl.client.Client.connect(server.socket());
        var err = new java.io.ByteArrayOutputStream();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
                () -> client.run(
                        InJvmServer.BUILD,
                        "000:0",
                        dir.toString(),
                        java.util.Map.of(
                                "HOME", dir.toString(), "KUBECONFIG", kc.toString(), "XDG_STATE_HOME", dir.toString()),
                        new String[] {"pod", "pin-ip", "db-02", "172.16.20.33", "--pool", "pool-db", "--recreate"},
                        java.io.InputStream.nullInputStream(),
                        new java.io.ByteArrayOutputStream(),
                        err),
                threads);
        create.awaitArrival();
        assertNull(seed.pods().inNamespace("ns-a").withName("db-02").get(), "the original is deleted");
        client.cancel();
        assertEquals(130, run.get());
        var back = seed.pods().inNamespace("ns-a").withName("db-02").get();
        assertNotNull(back, "the original was created again");
        assertEquals(java.util.Map.of("team", "db"), back.getMetadata().getAnnotations(), "without the pin");
        String stderr = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(
                stderr.contains(
                        "warning: interrupted: pod ns-a/db-02 was created again from its original manifest, without "
                                + "the new pin (" + dir.resolve("ipamctl/recreate")),
                stderr);
    }

    /** HelpPage renders for the request's terminal (its width when stdout is one), never the server's; no colour. */
    @Test
    void helpIsWrappedForTheCallersTerminal() {
        java.util.Set<String> pages = new java.util.HashSet<>();
        for (Environment.Terminal t : new Environment.Terminal[] {
            new Environment.Terminal(false, true, false, 60),
            new Environment.Terminal(true, true, true, 132),
            Environment.Terminal.NONE
        }) {
            CliRun cli = new CliRun(dir).terminal(t);
            CliRun.Result served = through(cli, "pool", "usage", "--help");
            assertEquals(cli.inProcess("pool", "usage", "--help"), served, t.toString());
            int width = io.ipamctl.commands.docs.HelpPage.width(t);
            assertTrue(served.out().lines().allMatch(l -> l.length() <= width), t + ":\n" + served.out());
            assertTrue(!served.out().contains("\u001b["), "help is never coloured: " + t);
            pages.add(served.out());
        }
        assertEquals(3, pages.size(), "each terminal width gets its own wrapping");
    }
}
