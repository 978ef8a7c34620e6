package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.CliRun;
import io.ipamctl.server.InJvmServer;
import io.ipamctl.server.InJvmServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm server on the real test cluster: a trace interrupted through the server deletes its
 * Traceflow (checked with the API), and two clients at once, one with the admin kubeconfig and one
 * whose service account may read nothing, each get their own answer.
 */
@Timeout(300)
class ServerIT {

    /** Unique per run: without a controller manager a deleted namespace stays Terminating. */
    private static final String NS = "ipamctl-server-it-" + Long.toHexString(System.nanoTime() & 0xffffff);

    @TempDir
    static Path dir;

    @RegisterExtension
    static final InJvmServerExtension server = new InJvmServerExtension("ipamctl-server-it-");

    static Path nobody;

    @BeforeAll
    static void start() throws IOException {
        RealCluster.kubeconfig();
        RealCluster.kubectlResult("create", "namespace", NS);
        RealCluster.kubectlResult("create", "serviceaccount", "nobody", "-n", NS);
        String token =
                RealCluster.kubectl("create", "token", "nobody", "-n", NS).strip();
        nobody = dir.resolve("nobody.kubeconfig");
        Files.copy(RealCluster.kubeconfig(), nobody);
        RealCluster.kubectl(
                "--kubeconfig", nobody.toString(), "config", "set-credentials", "sa-nobody", "--token=" + token);
        RealCluster.kubectl(
                "--kubeconfig", nobody.toString(), "config", "set-context", "--current", "--user=sa-nobody");
    }

    @AfterAll
    static void stop() throws Exception {
        RealCluster.kubectlResult("delete", "namespace", NS, "--wait=false");
    }

    private static CliRun.Result through(Path kubeconfig, String... args) {
        return server.run(dir, kubeconfig, args);
    }

    @Test
    void twoClientsAtOnceWithAnAdminAndAPowerlessKubeconfigEachGetTheirOwnAnswer() throws Exception {
        Path admin = RealCluster.kubeconfig();
        CliRun.Result adminAlone = through(admin, "pool", "list", "-o", "name");
        assertEquals(0, adminAlone.code(), adminAlone.err());
        assertTrue(adminAlone.out().contains("antrea/pool-ap\n"), adminAlone.out());
        // --source antrea: asked for by name, a source the user may not read is an error (not left out with a warning)
        CliRun.Result nobodyAlone = through(nobody, "pool", "list", "--source", "antrea", "-o", "name");
        assertEquals(1, nobodyAlone.code());
        assertTrue(nobodyAlone.err().startsWith("error: forbidden: "), nobodyAlone.err());
        assertEquals("", nobodyAlone.out());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<CliRun.Result> a = CompletableFuture.supplyAsync(
                        () -> {
                            await(together);
                            return through(admin, "pool", "list", "-o", "name");
                        },
                        threads);
                CompletableFuture<CliRun.Result> b = CompletableFuture.supplyAsync(
                        () -> {
                            await(together);
                            return through(nobody, "pool", "list", "--source", "antrea", "-o", "name");
                        },
                        threads);
                assertEquals(adminAlone, a.get(), "round " + round);
                assertEquals(nobodyAlone, b.get(), "round " + round);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<String> traceflows() {
        return RealCluster.kubectl("get", "traceflows", "-o", "name").lines().toList();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void ctrlCOfATraceThroughTheServerDeletesItsTraceflow() throws Exception {
        // no Antrea controller answers: the trace waits until it is interrupted
        Path client = Path.of("target", "ipamctl-client").toAbsolutePath();
        // SIGINT as a terminal delivers it: a test run started in the background inherits it ignored, and a JVM
        // (the Java client, where no C compiler built the native one) cannot catch an ignored SIGINT
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT"));
        cmd.addAll(
                Files.isExecutable(client)
                        ? List.of(client.toString())
                        : List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-cp",
                                Path.of("target", "ipamctl-client.jar")
                                        .toAbsolutePath()
                                        .toString(),
                                "io.ipamctl.client.Client"));
        cmd.addAll(List.of(
                server.socket().toString(),
                InJvmServer.BUILD,
                "000:0",
                "--kubeconfig",
                RealCluster.kubeconfig().toString(),
                "trace",
                "default/frontend",
                "default/backend1",
                "--protocol",
                "tcp",
                "--dst-port",
                "80",
                "--timeout",
                "2m"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", dir.toString());
        Path err = dir.resolve("trace.err");
        // this trace's Traceflow is the one that was not there before (another test's would not be its to delete)
        List<String> before = traceflows();
        Process trace = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        String name;
        while ((name = traceflows().stream()
                        .filter(n -> !before.contains(n))
                        .findFirst()
                        .orElse(""))
                .isEmpty()) {
            assertTrue(
                    trace.isAlive(),
                    "the trace ended before its Traceflow was seen: " + Files.readString(err, StandardCharsets.UTF_8));
            Thread.sleep(50);
        }
        assertTrue(name.startsWith("traceflow.crd.antrea.io/"), name);
        assertEquals(
                0,
                new ProcessBuilder("kill", "-INT", Long.toString(trace.pid()))
                        .start()
                        .waitFor());
        assertEquals(130, trace.waitFor(), Files.readString(err, StandardCharsets.UTF_8));
        assertEquals(
                "",
                RealCluster.kubectl("get", name, "--ignore-not-found", "-o", "name"),
                "the clean-up deleted it before the 130");
        assertEquals("", Files.readString(err, StandardCharsets.UTF_8));
        assertEquals(
                0,
                through(RealCluster.kubeconfig(), "pool", "list", "-o", "name").code(),
                "the server goes on");
    }
}
