package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The warm server as a user meets it, through the built launcher (cli/ipamctl, no cluster needed: the
 * sandbox): the first command runs in-process and leaves a server behind, the next ones are served
 * by it (native and Java client alike, same output), IPAMCTL_SERVER=off and CI start nothing, a
 * killed server is replaced without any clean-up by hand, a Ctrl-C in the terminal does not reach the
 * server, non-ASCII survives a C locale, and the Java client loads nothing but java.base.
 */
@Timeout(300)
class LauncherIT {

    LauncherHome home;
    Path dir;
    Path runtime;

    @BeforeEach
    void dirs() throws IOException {
        home = new LauncherHome("ipamctl-launcher-");
        dir = home.dir();
        runtime = home.runtime();
    }

    @AfterEach
    void stopServers() throws Exception {
        // the sandbox process the first --sandbox command started (it outlives commands, as for a user)
        launcher(Map.of("IPAMCTL_SERVER", "off"), "sandbox", "stop");
        home.close();
    }

    record Result(int code, String out, String err) {}

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.putAll(home.env());
        env.put("IPAMCTL_NO_BUILD", "1");
        env.put("IPAMCTL_OVS_BASE", dir.resolve("ovs").toString());
        env.putAll(extra);
        return env;
    }

    private Result launcher(Map<String, String> extra, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of("cli", "ipamctl").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return run(new ProcessBuilder(cmd), env(extra));
    }

    private static Result run(ProcessBuilder pb, Map<String, String> env) throws Exception {
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        Process p = pb.redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        int code = p.waitFor();
        Result r = new Result(
                code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private Path socket() {
        return runtime.resolve("ipamctl").resolve("s");
    }

    /** The server started in the background after a command: wait until it answers (no time limit but the test's). */
    private Map<String, String> awaitServer() throws Exception {
        while (true) {
            Result status = launcher(Map.of(), "server", "status", "-o", "json");
            if (status.code() == 0) {
                Map<String, String> values = new HashMap<>();
                Matcher m =
                        Pattern.compile("\"(\\w+)\"\\s*:\\s*\"?([^\",\\n]*)\"?").matcher(status.out());
                while (m.find()) {
                    values.put(m.group(1), m.group(2));
                }
                return values;
            }
            assertEquals(3, status.code(), status.toString());
            Thread.sleep(100);
        }
    }

    private static final String POOL_AP =
            "pool-ap   172.16.19.11-172.16.19.50   172.16.19.254   19   40   3   37   7.5%\n";

    @Test
    void theFirstCommandRunsInProcessAndLeavesAServerThatServesTheNextOnesWithEitherClient() throws Exception {
        // stdout a pipe, as in `ipamctl ... | cat`: the end of the output comes with the command's end,
        // though a server is being started in the background (it holds no copy of the pipe)
        List<String> cmd = List.of(
                Path.of("cli", "ipamctl").toAbsolutePath().toString(),
                "--sandbox",
                "pool",
                "usage",
                "pool-ap",
                "--no-headers");
        ProcessBuilder piped = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        piped.environment().clear();
        piped.environment().putAll(env(Map.of()));
        Process p = piped.start();
        p.getOutputStream().close();
        assertEquals(POOL_AP, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8), "read until EOF");
        assertEquals(0, p.waitFor());
        Map<String, String> status = awaitServer();
        assertEquals("0", status.get("requests"));
        assertEquals(
                Files.readString(Path.of("target", "build-id")).strip() + "@java",
                status.get("build"),
                "the jars and the JDK");
        assertEquals("true", status.get("sameBuild"));
        Result nativeClient = launcher(Map.of(), "--sandbox", "pool", "usage", "pool-ap", "--no-headers");
        assertEquals(POOL_AP, nativeClient.out());
        Result javaClient =
                launcher(Map.of("IPAMCTL_CLIENT", "java"), "--sandbox", "pool", "usage", "pool-ap", "--no-headers");
        Result inProcess =
                launcher(Map.of("IPAMCTL_SERVER", "off"), "--sandbox", "pool", "usage", "pool-ap", "--no-headers");
        assertEquals(POOL_AP, inProcess.out());
        assertEquals(inProcess, nativeClient);
        assertEquals(inProcess, javaClient);
        Result failing = launcher(Map.of(), "--sandbox", "pool", "usage", "--threshold", "7", "--no-headers");
        assertEquals(3, failing.code());
        assertEquals(
                "threshold: pool pool-ap is 7.5% full (3 of 40), at or above 7%\n"
                        + "threshold: ExternalIPPool egress-pool is 12.5% full (3 of 24), at or above 7%\n",
                failing.err()
                        .lines()
                        .filter(l -> !l.startsWith("ipamctl: using"))
                        .map(l -> l + "\n")
                        .reduce("", String::concat));
        assertEquals("3", awaitServer().get("requests"), "the three were served by the server");
        assertTrue(Files.isExecutable(Path.of("target", "ipamctl-client")), "the native client was built");

        Result stop = launcher(Map.of(), "server", "stop");
        assertEquals(new Result(0, "Stopped the ipamctl server (pid " + status.get("pid") + ").\n", ""), stop);
        assertEquals(
                new Result(3, "", "No ipamctl server is running (socket " + socket() + ").\n"),
                launcher(Map.of(), "server", "status"),
                "server commands never start one");
    }

    @Test
    void offAndCiRunInProcessAndNeverStartAServer() throws Exception {
        for (Map<String, String> off : List.of(Map.of("IPAMCTL_SERVER", "off"), Map.of("CI", "true"))) {
            Result r = launcher(off, "--sandbox", "pool", "usage", "pool-ap", "--no-headers");
            assertEquals(0, r.code(), r.toString());
            assertEquals(POOL_AP, r.out());
            // the launcher makes the socket directory before it starts a server in the background
            assertFalse(Files.exists(runtime.resolve("ipamctl")), off + ": nothing was started");
        }
    }

    @Test
    void twoFirstCommandsAtOnceLeaveOneServerNotTwo() throws Exception {
        // neither finds a server, so each starts one after its command: the second leaves at once
        var a = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> quietly("--sandbox", "pool", "list", "-o", "name"));
        var b = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> quietly("--sandbox", "ns", "list", "-o", "name"));
        assertEquals(0, a.get().code(), a.get().toString());
        assertEquals(0, b.get().code(), b.get().toString());
        String pid = awaitServer().get("pid");
        // A launcher starts its server after it exits, detached, and on a loaded machine seconds later: the
        // second one may not even run yet when the first answers. "One server" is judged once every start
        // the two left behind has happened (the loser then leaves at once), from one look at the processes.
        while (!home.starters().isEmpty()) {
            Thread.sleep(50);
        }
        List<Long> left;
        while ((left = home.servers()).size() > 1) {
            Thread.sleep(50);
        }
        assertEquals(List.of(Long.parseLong(pid)), left);
    }

    private Result quietly(String... args) {
        try {
            return launcher(Map.of(), args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKilledServerIsReplacedWithoutCleaningUpByHand() throws Exception {
        launcher(Map.of(), "--sandbox", "pool", "list", "-o", "name");
        String pid = awaitServer().get("pid");
        assertEquals(0, new ProcessBuilder("kill", "-9", pid).start().waitFor());
        while (ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(socket()), "kill -9 leaves the socket file behind");
        Result r = launcher(Map.of(), "--sandbox", "pool", "usage", "pool-ap", "--no-headers");
        assertEquals(POOL_AP, r.out(), r.toString());
        assertNotEquals(pid, awaitServer().get("pid"), "a new server took over the socket");
    }

    @Test
    void aCtrlCInTheTerminalDoesNotReachTheServer() throws Exception {
        // a terminal's process group: the launcher, and a shell that stays after it. env gives it SIGINT's default
        // action, as a terminal's processes have it: a test run started in the background (… &) inherits SIGINT
        // ignored, which stays so through setsid, bash and exec (the sleep then never ended: the test timed out)
        Path launcher = Path.of("cli", "ipamctl").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(
                "setsid",
                "env",
                "--default-signal=INT",
                "bash",
                "-c",
                "\"$0\" --sandbox pool list -o name >/dev/null 2>&1; echo done; exec sleep 600",
                launcher.toString());
        pb.environment().clear();
        pb.environment().putAll(env(Map.of()));
        Process group = pb.redirectErrorStream(true).start();
        assertEquals("done", new String(group.getInputStream().readNBytes(4), StandardCharsets.UTF_8));
        String pid = awaitServer().get("pid");
        // Ctrl-C: SIGINT to the whole foreground process group
        assertEquals(
                0,
                new ProcessBuilder("kill", "-INT", "--", "-" + group.pid())
                        .start()
                        .waitFor());
        assertEquals(130, group.waitFor());
        assertEquals(pid, awaitServer().get("pid"), "the server is in a session of its own");
    }

    @Test
    void nonAsciiSurvivesACLocaleInProcessAndThroughBothClients() throws Exception {
        Map<String, String> c = Map.of("LC_ALL", "C", "LANG", "C");
        launcher(c, "--sandbox", "pool", "list", "-o", "name"); // in-process; leaves a server
        awaitServer();
        Result inProcess =
                launcher(Map.of("LC_ALL", "C", "IPAMCTL_SERVER", "off"), "--sandbox", "pool", "get", "pool-ü");
        assertEquals(
                new Result(
                        2,
                        "",
                        "error: invalid pool name \"pool-ü\": expected NAME, NAMESPACE/NAME or SOURCE/NAME as "
                                + "-o name prints it (e.g. pool-ap, kube-system/192.168.20.0-24, antrea/pool-ap)\n"),
                inProcess);
        assertEquals(inProcess, launcher(c, "--sandbox", "pool", "get", "pool-ü"));
        Map<String, String> java = new HashMap<>(c);
        java.put("IPAMCTL_CLIENT", "java");
        assertEquals(inProcess, launcher(java, "--sandbox", "pool", "get", "pool-ü"));
        assertEquals("2", awaitServer().get("requests"));
    }

    /** The thin Java client, as the launcher starts it with its archive, loads java.base and its own classes only. */
    @Test
    void theJavaClientLoadsNothingButJavaBaseAndItsOwnClasses() throws Exception {
        launcher(Map.of(), "--sandbox", "pool", "list", "-o", "name");
        awaitServer();
        Path log = dir.resolve("classes.log");
        String build = Files.readString(Path.of("target", "build-id")).strip() + "@java"; // as the launcher says it
        Result r = run(
                new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xshare:auto",
                        "-XX:SharedArchiveFile="
                                + Path.of("target", "ipamctl-client.jsa").toAbsolutePath(),
                        "-Xlog:cds=off",
                        "-Xlog:class+load=info:file=" + log,
                        "-cp",
                        Path.of("target", "ipamctl-client.jar").toAbsolutePath().toString(),
                        "io.ipamctl.client.Client",
                        socket().toString(),
                        build,
                        "000:0",
                        "--sandbox",
                        "pool",
                        "usage",
                        "pool-ap",
                        "--no-headers"),
                env(Map.of("LC_ALL", "C.UTF-8")));
        assertEquals(
                launcher(Map.of("IPAMCTL_SERVER", "off"), "--sandbox", "pool", "usage", "pool-ap", "--no-headers"), r);
        assertEquals(POOL_AP, r.out());
        List<String> foreign = new ArrayList<>();
        int fromArchive = 0;
        int own = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher m = Pattern.compile("\\[class,load\\] (\\S+) source: (.*)").matcher(line);
            if (!m.find()) {
                continue;
            }
            String name = m.group(1);
            fromArchive += m.group(2).startsWith("shared objects file") ? 1 : 0;
            if (name.startsWith("io.ipamctl.client.")) {
                own++;
            } else if (!inJavaBase(name)) {
                foreign.add(name + " (" + m.group(2) + ")");
            }
        }
        assertEquals(List.of(), foreign, "classes from outside java.base");
        assertTrue(own >= 3, "the client's own classes were loaded: " + own);
        assertTrue(fromArchive > 300, "most classes come from the class-data archive: " + fromArchive);
    }

    private static boolean inJavaBase(String name) {
        // hidden classes: java.lang.invoke's (LambdaForm$MH/0x...) and lambdas (Host$$Lambda$3/0x...) of their host
        int hidden = name.indexOf("/0x");
        String lookup = hidden < 0 ? name : name.substring(0, hidden);
        if (lookup.contains("$$Lambda$")) {
            lookup = lookup.substring(0, lookup.indexOf("$$Lambda$"));
        }
        try {
            return "java.base"
                    .equals(Class.forName(lookup, false, null).getModule().getName());
        } catch (ClassNotFoundException e) {
            return hidden >= 0 && lookup.startsWith("java.lang.invoke.");
        }
    }
}
