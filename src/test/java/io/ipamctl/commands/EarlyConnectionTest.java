package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.ipamctl.kube.EarlyConnection;
import io.ipamctl.kube.crd.v1beta1.IPPool;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A cold run (Main: Ipamctl.runCold) starts its API connection on a second thread and may send the command's
 * first GETs ahead; the command must see exactly what it sees without that: the same output, errors and exit
 * codes, the same requests on the server (none twice), and no thread left behind.
 */
@Isolated("it counts the threads of the whole JVM")
class EarlyConnectionTest {

    private static final String DISCOVERY = "/apis/crd.antrea.io/v1beta1";
    private static final String POOLS = "/apis/crd.antrea.io/v1beta1/ippools?limit=500";

    @TempDir
    Path home;

    KubernetesMockServer server;
    Path kubeconfig;
    CliRun cli;

    @BeforeEach
    void start() {
        server = MockApiServer.startAntreaCrud();
        try (var client = server.createClient()) {
            client.resources(IPPool.class)
                    .resource(pool("pool-a", "10.1.0.0/24"))
                    .create();
            client.resources(IPPool.class)
                    .resource(pool("pool-b", "10.2.0.0/24"))
                    .create();
        }
        kubeconfig = CliRun.kubeconfig(home, server.url("/"), "early-token");
        cli = new CliRun(home);
        try {
            paths(server.getRequestCount()); // the set-up's own
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.shutdown();
    }

    private static IPPool pool(String name, String cidr) {
        IPPool p = new IPPool();
        p.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(name)
                .build());
        var spec = new io.ipamctl.kube.crd.v1beta1.IPPoolSpec();
        var range = new io.ipamctl.kube.crd.v1beta1.ippoolspec.IpRanges();
        range.setCidr(cidr);
        spec.setIpRanges(List.of(range));
        p.setSpec(spec);
        return p;
    }

    /** The same line run as Main runs it and as the shell and tests run it: same result, same requests. */
    private CliRun.Result sameBothWays(String... args) throws InterruptedException {
        return sameBothWays(true, args);
    }

    /**
     * @param sameRequests whether the server must see the same requests; else (bad input found after the
     *                     connection was guessed) the cold run may have sent its guessed GETs, and GETs only
     */
    private CliRun.Result sameBothWays(boolean sameRequests, String... args) throws InterruptedException {
        int before = server.getRequestCount();
        CliRun.Result plain = cli.inProcess(args);
        int plainRequests = server.getRequestCount() - before;
        List<String> plainPaths = paths(plainRequests);
        CliRun.Result cold = cli.cold(args);
        int coldRequests = server.getRequestCount() - before - plainRequests;
        assertEquals(plain, cold);
        List<String> coldPaths = paths(coldRequests);
        if (sameRequests) {
            assertEquals(plainPaths, coldPaths);
        } else {
            assertTrue(coldPaths.stream().allMatch(p -> p.startsWith("GET ")), coldPaths.toString());
        }
        return cold;
    }

    /** The next n requests the server got: "METHOD PATH". */
    private List<String> paths(int n) throws InterruptedException {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            var r = server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
            out.add(r.getMethod() + " " + r.getPath());
        }
        return out;
    }

    @Test
    void theCommandsFirstRequestsAreSentAheadAndEachReachesTheServerOnce() throws InterruptedException {
        int before = server.getRequestCount();
        var r = cli.cold("--kubeconfig", kubeconfig.toString(), "pool", "usage", "--source", "antrea", "--no-headers");
        assertEquals(0, r.code(), r.err());
        assertEquals(
                "pool-a   10.1.0.0/24   <none>   <none>   255   0   255   0.0%\n"
                        + "pool-b   10.2.0.0/24   <none>   <none>   255   0   255   0.0%\n",
                r.out());
        assertEquals(List.of("GET " + DISCOVERY, "GET " + POOLS), paths(server.getRequestCount() - before));
    }

    @Test
    void outputAndRequestsAreTheSameWithAndWithoutTheEarlyConnection() throws InterruptedException {
        String kc = kubeconfig.toString();
        sameBothWays("--kubeconfig", kc, "pool", "usage", "--source", "antrea");
        sameBothWays("--kubeconfig", kc, "pool", "usage", "--source", "antrea", "-o", "json");
        sameBothWays("--kubeconfig", kc, "pool", "usage", "pool-b", "--source=antrea");
        sameBothWays("--kubeconfig", kc, "pool", "usage", "--source", "antrea", "-l", "team=db");
        sameBothWays("--kubeconfig", kc, "pool", "list", "-o", "name");
        // guessed wrong on purpose: the kubeconfig given twice, the last wins (the guess takes the first)
        sameBothWays("--kubeconfig", "/no/such/kubeconfig", "pool", "usage", "--source", "antrea", "--kubeconfig", kc);
    }

    @Test
    void errorsAreTheSameOneLineWithAndWithoutTheEarlyConnection() throws Exception {
        String kc = kubeconfig.toString();
        server.expect()
                .get()
                .withPath(POOLS)
                .andReturn(
                        403,
                        new StatusBuilder()
                                .withCode(403)
                                .withReason("Forbidden")
                                .withMessage("ippools.crd.antrea.io is forbidden: User \"dev\" cannot list resource "
                                        + "\"ippools\" in API group \"crd.antrea.io\" at the cluster scope")
                                .build())
                .always();
        var forbidden = sameBothWays("--kubeconfig", kc, "pool", "usage", "--source", "antrea");
        assertEquals(
                "error: forbidden: ippools.crd.antrea.io is forbidden: User \"dev\" cannot list resource \"ippools\" "
                        + "in API group \"crd.antrea.io\" at the cluster scope\n",
                forbidden.err());
        assertEquals(1, forbidden.code());
        var badNamespace =
                sameBothWays(false, "--kubeconfig", kc, "-n", "Bad_NS", "pool", "usage", "--source", "antrea");
        assertEquals(2, badNamespace.code());
        var unknownContext =
                sameBothWays("--kubeconfig", kc, "--context", "prod", "pool", "usage", "--source", "antrea");
        assertEquals(
                "error: context \"prod\" not found in " + kc + " (see: kubectl config get-contexts)\n",
                unknownContext.err());
        var missing = sameBothWays("--kubeconfig", "/no/such/file", "pool", "usage", "--source", "antrea");
        assertEquals("error: kubeconfig /no/such/file does not exist\n", missing.err());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path refusedKc = CliRun.kubeconfig(
                java.nio.file.Files.createDirectories(home.resolve("refused")), "https://127.0.0.1:" + port, "t");
        var refused = sameBothWays("--kubeconfig", refusedKc.toString(), "pool", "usage", "--source", "antrea");
        assertEquals(
                "error: cannot connect to the API server at https://127.0.0.1:" + port
                        + "/: connection refused (is the cluster up? check --kubeconfig / --context)\n",
                refused.err());
    }

    @Test
    void noThreadOfTheEarlyConnectionOutlivesItsRun() {
        Set<Thread> before = NativeThreads.now();
        String kc = kubeconfig.toString();
        assertEquals(
                0,
                cli.cold("--kubeconfig", kc, "pool", "usage", "--source", "antrea")
                        .code());
        // a list sent ahead that the command never reads (guessed wrong: --source is given twice, the last wins)
        assertEquals(
                0,
                cli.cold("--kubeconfig", kc, "pool", "usage", "--source", "antrea", "--source", "node")
                        .code());
        // never taken at all (bad input found before the command connects)
        assertEquals(
                2,
                cli.cold("--kubeconfig", kc, "-n", "Bad_NS", "pool", "usage", "--source", "antrea")
                        .code());
        assertEquals(
                List.of(), NativeThreads.startedSince(before, t -> t.getName().startsWith("vert.x-")));
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("ipamctl-early-connection")));
    }

    @Test
    void theGuessTakesWhatPicocliWillParse() {
        Environment env = new Environment(
                Map.of("HOME", home.toString()),
                home,
                java.io.InputStream.nullInputStream(),
                Environment.Terminal.NONE,
                home);
        var g = EarlyStart.guess(
                        new String[] {"pool", "--kubeconfig=kc", "usage", "--source", "antrea", "--context", "c"}, env)
                .orElseThrow();
        assertEquals(home.resolve("kc"), g.settings().kubeconfig());
        assertEquals("c", g.settings().context());
        assertEquals(Duration.ofSeconds(30), g.settings().requestTimeout());
        assertEquals(
                List.of(
                        new EarlyConnection.Read("apis/crd.antrea.io/v1beta1", "application/json"),
                        new EarlyConnection.Read("apis/crd.antrea.io/v1beta1/ippools?limit=500", "application/json")),
                g.reads());
        assertEquals(
                Duration.ofSeconds(5),
                EarlyStart.guess(new String[] {"--request-timeout", "5s", "ns", "list"}, env)
                        .orElseThrow()
                        .settings()
                        .requestTimeout());
        assertEquals(
                List.of(),
                EarlyStart.guess(new String[] {"pool", "usage", "--source", "whereabouts"}, env)
                        .orElseThrow()
                        .reads());
        assertEquals(
                1,
                EarlyStart.guess(new String[] {"pool", "usage", "--source", "antrea", "-l", "a=b"}, env)
                        .orElseThrow()
                        .reads()
                        .size());
        for (String[] none : new String[][] {
            {"--version"},
            {"pool", "usage", "--help"},
            {"-v", "pool", "usage"},
            {"--sandbox", "pool", "usage"},
            {"pool", "usage", "-w"},
            {"completion", "bash"},
            {"server", "status"},
            {"pool", "usage", "--request-timeout", "soon"},
            {"pool", "usage", "--kubeconfig"},
            {}
        }) {
            assertEquals(Optional.empty(), EarlyStart.guess(none, env), String.join(" ", none));
        }
    }
}
