package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipamctl.sandbox.SandboxClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The real sandbox process (issue 15 item 3, and 18): the first --sandbox command starts it detached,
 * later commands connect to it, concurrent commands and a running watch see each other's writes at
 * once, `sandbox stop`, the idle timeout and --sandbox-reset take its Open vSwitch nodes with them,
 * a killed sandbox (stale pid and port) and one of another build are replaced, and requests without
 * its token are refused. Every wait here is for an event, bounded; nothing is timed.
 */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class SandboxProcessTest {

    private static final Pattern NOTICE =
            Pattern.compile("ipamctl: using the built-in sandbox cluster \\(pid (\\d+)([^)]*)\\)");

    @TempDir
    Path xdg;

    Path state;
    CliRun cli;

    @BeforeEach
    void setUp() {
        state = xdg.resolve("ipamctl");
        cli = new CliRun(xdg).allowSandboxProcess(); // its state: xdg/ipamctl
        env().forEach(cli::env);
        cli.env("IPAMCTL_SANDBOX_IDLE", "120s"); // a safety net: a sandbox this test leaves behind ends by itself
    }

    @AfterEach
    void stopSandbox() throws Exception {
        try {
            SandboxClient.stop(state, "the test", new PrintWriter(Writer.nullWriter()));
        } finally {
            // whatever a failed test left behind: OVS daemons outlive the directory JUnit removes
            Path ovs = state.resolve("sandbox/ovs");
            if (Files.isDirectory(ovs)) {
                ProcessBuilder pb = new ProcessBuilder("cli/ovs-node", "down", "--all")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                pb.environment().put("IPAMCTL_OVS_BASE", ovs.toString());
                pb.start().waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theFirstCommandStartsTheSandboxAndLaterOnesConnectToIt() throws Exception {
        var first = cli.sandbox("pool", "list");
        assertEquals(0, first.code(), first.err());
        long pid = pid(first);
        assertNotEquals(ProcessHandle.current().pid(), pid, "a process of its own");
        assertTrue(
                first.err()
                        .contains("ipamctl: starting the built-in sandbox cluster (pid " + pid + ", log "
                                + state.resolve("sandbox/server.log") + ") ...\n"),
                first.err());
        assertTrue(
                first.err()
                        .endsWith("(pid " + pid + ", started now, fresh seed scenario); state in "
                                + state.resolve("sandbox/state.json") + "\n"),
                first.err());
        var second = cli.sandbox("pool", "list");
        assertEquals(
                "ipamctl: using the built-in sandbox cluster (pid " + pid + "); state in "
                        + state.resolve("sandbox/state.json") + "\n",
                second.err());
        assertEquals(first.out(), second.out());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("sandbox/token"))));
        var status = cli.run("sandbox", "status", "-o", "json");
        assertEquals(0, status.code(), status.err());
        var doc = new ObjectMapper().readTree(status.out());
        assertEquals(pid, doc.path("pid").asLong());
        assertTrue(doc.path("url").asText().startsWith("http://127.0.0.1:"), status.out());
        assertEquals("NOT_STARTED", doc.path("ovs").path("phase").asText());
    }

    @Test
    void concurrentCommandsAndARunningWatchSeeEachOthersWritesAtOnce() throws Exception {
        assertEquals(0, cli.sandbox("pool", "list").code());
        Process watch = ipamctl("--sandbox", "pool", "usage", "-w", "--source", "antrea");
        try {
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            awaitLine(lines, seen, l -> l.startsWith("pool-db "));
            // two writers at once, while the watch is open: nobody waits for anybody
            var a = CompletableFuture.supplyAsync(() -> createPool("pool-c1", 31));
            var b = CompletableFuture.supplyAsync(() -> createPool("pool-c2", 32));
            assertEquals(
                    "ippool.crd.antrea.io/pool-c1 created\n",
                    a.get(2, TimeUnit.MINUTES).out(),
                    a.get().err());
            assertEquals(
                    "ippool.crd.antrea.io/pool-c2 created\n",
                    b.get(2, TimeUnit.MINUTES).out(),
                    b.get().err());
            assertFalse(a.get().err().contains("waiting"), a.get().err());
            assertFalse(b.get().err().contains("waiting"), b.get().err());
            awaitLine(lines, seen, l -> l.startsWith("pool-c1 "));
            awaitLine(lines, seen, l -> l.startsWith("pool-c2 "));
            var status = new ObjectMapper()
                    .readTree(cli.run("sandbox", "status", "-o", "json").out());
            assertEquals(1, status.path("watches").asInt(), "the watch is open");
        } finally {
            watch.destroy();
            watch.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A wait says what it waits for and who holds it. */
    @Test
    void aCommandWaitingForAStartNamesWhoHoldsIt() throws Exception {
        Files.createDirectories(state.resolve("sandbox"));
        Path lockFile = state.resolve("sandbox/start.lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            var lock = ch.lock();
            ch.write(ByteBuffer.wrap("pid 1 (ipamctl --sandbox pool usage)".getBytes(StandardCharsets.UTF_8)));
            var result = new CompletableFuture<CliRun.Result>();
            Thread command = new Thread(() -> result.complete(cli.sandbox("pool", "list")));
            command.start();
            // it found the lock taken and waits for it (in this thread, or in the test server's worker)
            await(
                    () -> Thread.getAllStackTraces().entrySet().stream()
                            .anyMatch(t -> t.getKey().getState() == Thread.State.TIMED_WAITING
                                    && java.util.Arrays.stream(t.getValue())
                                            .anyMatch(f -> f.getClassName().endsWith("StartLock")
                                                    && f.getMethodName().equals("acquire"))),
                    60);
            lock.release();
            var r = result.get(2, TimeUnit.MINUTES);
            assertEquals(0, r.code(), r.err());
            assertTrue(
                    r.err()
                            .startsWith("ipamctl: waiting for pid 1 (ipamctl --sandbox pool usage), which holds "
                                    + lockFile + " while it starts or stops the sandbox cluster ...\n"),
                    r.err());
        }
    }

    @Test
    void stopEndsTheSandboxAndItsOpenVSwitchNodesAndKeepsTheState() throws Exception {
        assumeOvs();
        var created = createPool("pool-kept", 33);
        long pid = pid(created);
        List<Long> daemons = ovsDaemons();
        assertEquals(4, daemons.size(), "ovsdb-server and ovs-vswitchd of node-01 and node-02");
        var stop = cli.run("sandbox", "stop");
        assertEquals("sandbox stopped (pid " + pid + ", with its Open vSwitch nodes)\n", stop.out(), stop.err());
        assertEquals(0, stop.code());
        assertGone(pid);
        daemons.forEach(SandboxProcessTest::assertGone);
        assertFalse(Files.exists(state.resolve("sandbox/server.json")));
        assertFalse(Files.exists(state.resolve("sandbox/token")));
        assertEquals(3, cli.run("sandbox", "status").code());
        assertEquals(
                "sandbox is not running (nothing to stop)\n",
                cli.run("sandbox", "stop").out());
        var again = cli.sandbox("pool", "get", "pool-kept");
        assertEquals(0, again.code(), "the state outlives the process: " + again.err());
        assertNotEquals(pid, pid(again));
    }

    @Test
    void anIdleSandboxStopsByItselfWithItsOpenVSwitchNodes() throws Exception {
        assumeOvs();
        cli.env("IPAMCTL_SANDBOX_IDLE", "8s");
        List<Long> daemons = ovsDaemons(); // the first command: it starts the sandbox, which starts its OVS nodes
        long pid = pid(cli.sandbox("pool", "list"));
        await(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), 120);
        daemons.forEach(SandboxProcessTest::assertGone);
        assertTrue(Files.readString(state.resolve("sandbox/server.log")).contains("sandbox: stopped (idle for 8s)"));
    }

    @Test
    void aKilledSandboxIsReplacedAndItsOrphanedNodesAreStopped() throws Exception {
        assumeOvs();
        var created = createPool("pool-kept", 33);
        long pid = pid(created);
        List<Long> daemons = ovsDaemons();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        assertGone(pid);
        // its threads end after its main thread: its lock goes with the last of them
        await(this::lockFree, 60);
        assertTrue(Files.exists(state.resolve("sandbox/server.json")), "a stale pid and port are left behind");
        var next = cli.sandbox("pool", "get", "pool-kept");
        assertEquals(0, next.code(), next.err());
        assertNotEquals(pid, pid(next));
        assertTrue(next.err().contains("started now"), next.err());
        daemons.forEach(SandboxProcessTest::assertGone); // the new sandbox stopped the killed one's OVS nodes
    }

    @Test
    void aSandboxOfAnotherBuildIsReplaced() throws Exception {
        long pid = pid(cli.sandbox("pool", "list"));
        Path info = state.resolve("sandbox/server.json");
        Files.writeString(info, Files.readString(info).replaceAll("\"build\" : \"[^\"]*\"", "\"build\" : \"another\""));
        var next = cli.sandbox("pool", "list");
        assertEquals(0, next.code(), next.err());
        assertTrue(
                next.err()
                        .startsWith("ipamctl: stopping the sandbox cluster (pid " + pid
                                + ") and its Open vSwitch nodes ...\n"),
                next.err());
        assertGone(pid);
        assertNotEquals(pid, pid(next));
    }

    @Test
    void resetRestartsTheOpenVSwitchNodesFromTheSeed() throws Exception {
        assumeOvs();
        assertEquals(0, createPool("pool-gone", 33).code());
        long pid = pid(cli.sandbox("pool", "list"));
        List<Long> daemons = ovsDaemons();
        var reset = cli.run("--sandbox-reset", "pool", "list");
        assertEquals(0, reset.code(), reset.err());
        assertEquals(
                "ipamctl: resetting the built-in sandbox cluster (pid " + pid + ") to the seed scenario ...\n"
                        + "ipamctl: using the built-in sandbox cluster (pid " + pid
                        + ", reset to the seed scenario); state in "
                        + state.resolve("sandbox/state.json") + "\n",
                reset.err());
        assertFalse(reset.out().contains("pool-gone"), reset.out());
        daemons.forEach(SandboxProcessTest::assertGone);
        assertEquals(4, ovsDaemons().size(), "fresh OVS nodes run again");
    }

    @Test
    void requestsWithoutTheTokenAreRefused() throws Exception {
        cli.sandbox("pool", "list");
        var info =
                new ObjectMapper().readTree(state.resolve("sandbox/server.json").toFile());
        String url = info.path("url").asText() + "api/v1/namespaces";
        String token = Files.readString(state.resolve("sandbox/token")).strip();
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(
                401,
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode());
        assertEquals(
                401,
                http.send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .header("Authorization", "Bearer " + token + "x")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
        assertEquals(
                200,
                http.send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .header("Authorization", "Bearer " + token)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
    }

    /** pool create NAME with the range .11-.20 of 172.16.OCTET.0/24. */
    private CliRun.Result createPool(String name, int octet) {
        String net = "172.16." + octet + ".";
        return cli.sandbox(
                "pool",
                "create",
                name,
                "--range",
                net + "11-" + net + "20",
                "--gateway",
                net + "254",
                "--prefix-length",
                "24");
    }

    private java.util.Map<String, String> env() {
        return java.util.Map.of(
                "PATH",
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME",
                xdg.toString(),
                "XDG_STATE_HOME",
                xdg.toString(),
                "IPAMCTL_HOME",
                Path.of("").toAbsolutePath().toString());
    }

    /** ipamctl as a process of its own, as a user runs it in another terminal. */
    private Process ipamctl(String... args) throws java.io.IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.ipamctl.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(env());
        return pb.start();
    }

    /** The OVS nodes of the sandbox run (starting them if needed); their daemons' pids. */
    private List<Long> ovsDaemons() throws Exception {
        var show = cli.sandbox("ovs", "show", "--no-headers");
        assertEquals(0, show.code(), show.err());
        List<Long> pids = new ArrayList<>();
        for (String node : List.of("node-01", "node-02")) {
            for (String daemon : List.of("ovsdb-server", "ovs-vswitchd")) {
                Path f = state.resolve("sandbox/ovs")
                        .resolve(node)
                        .resolve("run")
                        .resolve(daemon + ".pid");
                pids.add(Long.parseLong(Files.readString(f).strip()));
            }
        }
        return pids;
    }

    private boolean lockFree() {
        try (FileChannel ch = FileChannel.open(state.resolve("sandbox/server.lock"), StandardOpenOption.WRITE)) {
            var l = ch.tryLock();
            if (l != null) {
                l.release();
            }
            return l != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void assumeOvs() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/ovs-vsctl")),
                "Open vSwitch is not installed: run cli/ovs-node install (cli/run-tests does)");
    }

    private static long pid(CliRun.Result r) {
        Matcher m = NOTICE.matcher(r.err());
        assertTrue(m.find(), r.err());
        return Long.parseLong(m.group(1));
    }

    private static void assertGone(long pid) {
        await(() -> ProcessHandle.of(pid).map(p -> !p.isAlive() || zombie(pid)).orElse(true), 60);
    }

    /** An ended daemon waits for its reaper (PID 1 of a container may be slow): it runs no more. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static void awaitLine(BufferedReader lines, List<String> seen, java.util.function.Predicate<String> wanted)
            throws Exception {
        Optional<String> already = seen.stream().filter(wanted).findFirst();
        if (already.isPresent()) {
            return;
        }
        var read = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                    seen.add(l);
                    if (wanted.test(l)) {
                        return l;
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        assertTrue(read.get(2, TimeUnit.MINUTES) != null, "the watch never printed the line; it printed: " + seen);
    }

    /** Waits for the condition, at most the given seconds (then the test fails). */
    private static void await(BooleanSupplier condition, int seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
