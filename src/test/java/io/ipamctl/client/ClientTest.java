package io.ipamctl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Host;
import io.ipamctl.kube.CleanupOnExit;
import io.ipamctl.server.InJvmServer;
import io.ipamctl.server.StandInListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The protocol as both clients speak it, each run as a real process (the Java client as cli/ipamctl
 * starts it, the C client compiled from cli/client), against a real server on a real socket whose
 * command is a stand-in that shows what it received. Every test runs once per client.
 */
@Timeout(120)
class ClientTest {

    /**
     * The clients: the Java one through the socket (where no FIFO can be made) and through a request's
     * FIFOs (made as cli/ipamctl makes them), and the C one.
     */
    enum Kind {
        JAVA,
        JAVA_FIFO,
        NATIVE
    }

    /**
     * cli/ipamctl's choice of target, in the same words: FIFOs where the server reads its queue, else the
     * socket (mkfifo's complaints not sent to /dev/null: the other-user test's user may not open it).
     */
    private static final String LAUNCHER_TARGET = "b=$1 s=$2; shift 2; t=$s; "
            + "if [ -p \"${b%/*}/q\" ] && mkfifo -m 600 \"$b.i\" \"$b.o\"; then t=fifo:$b; fi; "
            + "a=(); for x in \"$@\"; do [ \"$x\" = @TARGET@ ] && x=$t; a+=(\"$x\"); done; exec \"${a[@]}\"";

    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    static Path nativeClient;

    /** Where the clients are run from: the build's own, or a copy another user can read (peerCopy). */
    Path classes = Path.of("target", "classes").toAbsolutePath();

    Path nativeProgram;

    Path dir;
    InJvmServer server;
    final List<String> cleanedUp = new CopyOnWriteArrayList<>();
    final CountDownLatch blocking = new CountDownLatch(1);

    @BeforeAll
    static void compileNativeClient() throws Exception {
        Path out = Files.createDirectories(Path.of("target", "test-native").toAbsolutePath());
        nativeClient = out.resolve("ipamctl-client");
        Process cc = new ProcessBuilder(
                        "cc",
                        "-O2",
                        "-Wall",
                        "-Werror",
                        "-o",
                        nativeClient.toString(),
                        Path.of("cli", "client", "ipamctl-client.c")
                                .toAbsolutePath()
                                .toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cc.waitFor() != 0) {
            throw new AssertionError("the C client does not compile:\n" + log);
        }
    }

    @BeforeEach
    void start() throws IOException {
        // short: a Unix socket path must fit in 107 bytes
        dir = InJvmServer.shortTempDir("ipamctl-client-test-");
        nativeProgram = nativeClient;
        server = InJvmServer.start(
                dir.resolve("run"), InJvmServer.BUILD, Duration.ofHours(1), Duration.ofSeconds(10), this::standIn);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        InJvmServer.deleteTree(dir);
    }

    /** The server's "command": shows what the request carried, reads stdin, or waits for Ctrl-C. */
    private int standIn(String[] args, Environment env, PrintWriter out, PrintWriter err, Host host) {
        switch (args[0]) {
            case "echo" -> {
                StringBuilder b = new StringBuilder("args=");
                for (int i = 1; i < args.length; i++) {
                    b.append('[').append(args[i]).append(']');
                }
                out.println(b);
                out.println("cwd=" + env.cwd());
                out.println("terminal=" + env.terminal());
                for (String name : List.of("FOO", "EMPTY", "LC_ALL", "IPAMCTL_LC_ALL")) {
                    out.println(name + "=" + env.get(name));
                }
                return 0;
            }
            case "split" -> {
                out.print("to stdout\n");
                err.print("to stderr\n");
                return 4;
            }
            case "cat" -> {
                try {
                    byte[] in = env.stdin().readAllBytes();
                    out.print(new String(in, StandardCharsets.UTF_8));
                    err.println("read " + in.length + " bytes");
                    return 0;
                } catch (IOException e) {
                    return 1;
                }
            }
            case "block" -> {
                try (CleanupOnExit cleanup = host.cleanups().register("test", () -> cleanedUp.add("cleaned up"))) {
                    out.println("started");
                    out.flush();
                    blocking.countDown();
                    new CountDownLatch(1).await();
                    return 0;
                } catch (InterruptedException e) {
                    return 130;
                }
            }
            default -> {
                return 2;
            }
        }
    }

    record Run(int code, String out, String err) {}

    /** The caller's environment: only what a test sets (no inherited variables). */
    private Map<String, String> callerEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.toString());
        env.put("PATH", "/usr/bin:/bin");
        return env;
    }

    private ProcessBuilder client(
            Kind kind, Path socket, String build, String terminal, Map<String, String> env, Path cwd, String... args) {
        // SIGINT's default action, as a terminal's processes have it: a test run started in the background inherits
        // SIGINT ignored, and a JVM started with it ignored never sees a Ctrl-C (HotSpot leaves it ignored)
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT"));
        Map<String, String> processEnv = new HashMap<>(env);
        String target = socket.toString();
        if (kind == Kind.JAVA_FIFO) {
            cmd.addAll(List.of(
                    "bash",
                    "-c",
                    LAUNCHER_TARGET,
                    "bash",
                    socket.resolveSibling("c" + ProcessHandle.current().pid() + "-" + requests.incrementAndGet())
                            .toString(),
                    socket.toString()));
            target = "@TARGET@";
        }
        if (kind != Kind.NATIVE) {
            cmd.addAll(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xint", // as cli/ipamctl runs it
                    "-XX:+UseSerialGC",
                    "-cp",
                    classes.toString(),
                    "io.ipamctl.client.Client"));
            // as cli/ipamctl starts every JVM: in a UTF-8 locale, the caller's LC_ALL passed along
            processEnv.put("IPAMCTL_LC_ALL", env.containsKey("LC_ALL") ? "=" + env.get("LC_ALL") : "");
            processEnv.put("LC_ALL", "C.UTF-8");
        } else {
            cmd.add(nativeProgram.toString());
        }
        cmd.addAll(List.of(target, build, terminal));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(processEnv);
        return pb;
    }

    private Run run(Kind kind, String stdin, String... args) throws Exception {
        return run(client(kind, server.socket(), InJvmServer.BUILD, "000:0", callerEnv(), dir, args), stdin);
    }

    private static Run run(ProcessBuilder pb, String stdin) throws Exception {
        Path out = Files.createTempFile("client", ".out");
        Path err = Files.createTempFile("client", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        int code = p.waitFor();
        Run r = new Run(
                code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void argumentsDirectoryEnvironmentAndTerminalArriveAsTheCallerHasThemInAnyLocale(Kind kind) throws Exception {
        Assumptions.assumeTrue(
                "UTF-8".equals(System.getProperty("sun.jnu.encoding")), "the test JVM needs UTF-8 file names");
        Path cwd = Files.createDirectories(dir.resolve("wörk dir"));
        Map<String, String> env = callerEnv();
        env.put("FOO", "grüße 🙂 ä=b");
        env.put("EMPTY", "");
        env.put("LC_ALL", "C"); // not UTF-8: nothing may be turned into '?'
        Run r = run(
                client(
                        kind,
                        server.socket(),
                        InJvmServer.BUILD,
                        "101:77",
                        env,
                        cwd,
                        "echo",
                        "pool-ü",
                        "",
                        "two words",
                        "--x=ä"),
                null);
        assertEquals(new Run(0, """
                args=[pool-ü][][two words][--x=ä]
                cwd=%s
                terminal=Terminal[stdin=true, stdout=false, stderr=true, columns=77]
                FOO=grüße 🙂 ä=b
                EMPTY=
                LC_ALL=C
                IPAMCTL_LC_ALL=null
                """.formatted(cwd), ""), r);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void stdoutAndStderrArriveApartWithTheExitCode(Kind kind) throws Exception {
        assertEquals(new Run(4, "to stdout\n", "to stderr\n"), run(kind, null, "split"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void stdinReachesTheCommandThatReadsItAndItsEndToo(Kind kind) throws Exception {
        String input = "pool-ü: 172.16.20.0/24\n".repeat(10_000); // several frames
        Run r = run(kind, input, "cat");
        assertEquals(0, r.code());
        assertEquals(input, r.out());
        assertEquals("read " + input.getBytes(StandardCharsets.UTF_8).length + " bytes\n", r.err());
        assertEquals(new Run(0, "", "read 0 bytes\n"), run(kind, "", "cat"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStdinThatTheCommandDoesNotReadIsNeverTouched(Kind kind) throws Exception {
        // stdin stays open and empty: a client that read it would wait for ever
        Process p = client(kind, server.socket(), InJvmServer.BUILD, "000:0", callerEnv(), dir, "split")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertEquals(4, p.waitFor());
        p.getOutputStream().close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void ctrlCCancelsTheCommandItsCleanUpRunsItAnswers130AndTheServerGoesOn(Kind kind) throws Exception {
        Path out = dir.resolve("out");
        Process p = client(kind, server.socket(), InJvmServer.BUILD, "000:0", callerEnv(), dir, "block")
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(blocking.await(60, TimeUnit.SECONDS), "the command started");
        awaitFile(out, "started\n");
        assertEquals(
                0,
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                        .start()
                        .waitFor());
        assertEquals(130, p.waitFor());
        assertEquals(List.of("cleaned up"), cleanedUp);
        assertEquals(new Run(4, "to stdout\n", "to stderr\n"), run(kind, null, "split"));
    }

    /** Waits until the client has written what the server sent (the client runs on, so poll). */
    private static void awaitFile(Path file, String content) throws Exception {
        while (!Files.exists(file) || !Files.readString(file).equals(content)) {
            Thread.sleep(20);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void noServerAndAStaleSocketBothMeanRunItInProcess(Kind kind) throws Exception {
        Path none = dir.resolve("none");
        assertEquals(
                new Run(Client.NO_SERVER, "", ""),
                run(client(kind, none, InJvmServer.BUILD, "000:0", callerEnv(), dir, "split"), null));
        // what kill -9 leaves: a socket file nobody listens on, a request queue nobody reads, the old pid
        Path staleDir = Files.createDirectory(dir.resolve("stale"));
        Path stale = staleDir.resolve("s");
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(stale));
        }
        assertEquals(
                0,
                new ProcessBuilder("mkfifo", staleDir.resolve("q").toString())
                        .start()
                        .waitFor());
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(staleDir.resolve("pid"), ended.pid() + "\n");
        assertTrue(Files.exists(stale));
        assertEquals(
                new Run(Client.NO_SERVER, "", ""),
                run(client(kind, stale, InJvmServer.BUILD, "000:0", callerEnv(), dir, "split"), null));
        if (kind == Kind.JAVA_FIFO) {
            // the pid taken again by a live process (this one): the client gives up waiting for an answer
            Files.writeString(staleDir.resolve("pid"), ProcessHandle.current().pid() + "\n");
            assertEquals(
                    new Run(Client.NO_SERVER, "", ""),
                    run(client(kind, stale, InJvmServer.BUILD, "000:0", callerEnv(), dir, "split"), null));
        }
        try (var left = Files.list(staleDir)) {
            assertEquals(
                    List.of("pid", "q", "s"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the client removed its FIFOs");
        }
    }

    /**
     * A server that goes away: before it took the command, the caller may run it in-process (111);
     * after, the command may be partly done, so the client says so and fails instead of running it twice.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aServerThatGoesAwayBeforeTheCommandMeansInProcessAfterItAFailure(Kind kind) throws Exception {
        for (boolean accepted : new boolean[] {false, true}) {
            Path listenDir = dir.resolve(accepted ? "dies-running" : "dies-early");
            Path socket = listenDir.resolve("s");
            try (StandInListener dying = StandInListener.bind(listenDir, kind == Kind.JAVA_FIFO)) {
                Thread server = new Thread(() -> {
                    try (var ch = dying.accept()) {
                        Wire.Reader in = ch.in();
                        for (Wire.Frame f = in.next(); f != null && f.type() != Wire.START; f = in.next()) {
                            f.text();
                        }
                        if (accepted) {
                            Wire.Writer out = ch.out();
                            out.empty(Wire.RUNNING);
                            out.text(Wire.STDOUT, "half a ta");
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                server.start();
                Run r = run(client(kind, socket, InJvmServer.BUILD, "000:0", callerEnv(), dir, "split"), null);
                server.join();
                assertEquals(
                        accepted
                                ? new Run(
                                        1,
                                        "half a ta",
                                        "error: the ipamctl server went away during the command, "
                                                + "which may be partly done; run it again (see: ipamctl server status)\n")
                                : new Run(Client.NO_SERVER, "", ""),
                        r);
            }
        }
    }

    /** A Ctrl-C before the server answered: the launcher must not run the command in-process after all. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCtrlCBeforeTheServerAnswersIsNotFollowedByAnInProcessRun(Kind kind) throws Exception {
        Path socket = dir.resolve("slow").resolve("s");
        try (StandInListener slow = StandInListener.bind(socket.getParent(), kind == Kind.JAVA_FIFO)) {
            CountDownLatch asked = new CountDownLatch(1);
            Thread server = new Thread(() -> {
                try (var ch = slow.accept()) {
                    Wire.Reader in = ch.in();
                    for (Wire.Frame f = in.next(); f != null && f.type() != Wire.START; f = in.next()) {
                        f.text();
                    }
                    asked.countDown();
                    for (Wire.Frame f = in.next(); f != null && f.type() != Wire.CANCEL; f = in.next()) {
                        f.text();
                    }
                    ch.out().text(Wire.DECLINED, "ipamctl shell runs in the caller's process");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            server.start();
            Process p = client(kind, socket, InJvmServer.BUILD, "000:0", callerEnv(), dir, "shell")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertTrue(asked.await(60, TimeUnit.SECONDS));
            assertEquals(
                    0,
                    new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                            .start()
                            .waitFor());
            assertEquals(130, p.waitFor(), "130, not 112 (run it in-process)");
            server.join();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aServerOfAnotherBuildAnswersNothingAndRetires(Kind kind) throws Exception {
        assertEquals(
                new Run(Client.NO_SERVER, "", ""),
                run(client(kind, server.socket(), "another-build", "000:0", callerEnv(), dir, "split"), null));
        server.awaitEnd();
        assertFalse(Files.exists(server.socket()), "the retired server removed its socket");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void whatMustRunInTheCallersProcessIsDeclinedBeforeAnythingRuns(Kind kind) throws Exception {
        try (InJvmServer real = InJvmServer.start(dir.resolve("real"))) {
            for (String[] args : List.of(
                    new String[] {"shell"},
                    new String[] {"--sandbox", "pool", "usage", "--watch"},
                    new String[] {"server", "status"})) {
                assertEquals(
                        new Run(Client.DECLINED, "", ""),
                        run(client(kind, real.socket(), InJvmServer.BUILD, "000:0", callerEnv(), dir, args), null),
                        String.join(" ", args));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPeerOfAnotherUserIsRefused(Kind kind) throws Exception {
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "SKIPPED: needs root to create a second user (useradd) and to run the client as it (setpriv)");
        String user = "ipamctl-peer";
        if (new ProcessBuilder("id", user).start().waitFor() != 0) {
            Process add = new ProcessBuilder(
                            "useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user)
                    .redirectErrorStream(true)
                    .start();
            String log = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, add.waitFor(), "useradd: " + log);
        }
        peerCopy();
        Path program = kind != Kind.NATIVE ? classes.resolve("io/ipamctl/client/Client.class") : nativeProgram;
        List<String> readable = List.of(
                "setpriv", "--reuid=" + user, "--regid=" + user, "--clear-groups", "test", "-r", program.toString());
        assertEquals(0, new ProcessBuilder(readable).start().waitFor(), "the other user reads the copy " + program);
        Path socket = server.socket();
        // 1. the server's own directory is 0700: another user cannot even reach the socket
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
        assertEquals(Client.NO_SERVER, asUser(user, kind, socket).code());
        // 2. the SO_PEERCRED check itself: with the directory and socket opened up, the server still refuses
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (kind == Kind.JAVA_FIFO) {
            // the FIFO owner check: the other user may make its FIFOs there and write the queue
            Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.setPosixFilePermissions(socket.resolveSibling("q"), PosixFilePermissions.fromString("rw-rw-rw-"));
        } else {
            Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals(new Run(Client.NO_SERVER, "", ""), asUser(user, kind, socket));
        assertTrue(
                server.log().stream().anyMatch(l -> l.equals("refused a connection from user " + user)),
                server.log().toString());
        // and the owner is served as before
        assertEquals(new Run(4, "to stdout\n", "to stderr\n"), run(kind, null, "split"));
    }

    /**
     * The clients copied where another user can read them (dir/peer, the test's own directory opened to
     * 0755): the checkout may lie in a directory only its owner can enter (a `mktemp -d` clone, as
     * newcomer-check and CI make).
     */
    private void peerCopy() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path peer = dir.resolve("peer");
        Path copied = Files.createDirectories(peer.resolve("classes/io/ipamctl/client"));
        try (var files = Files.list(classes.resolve("io/ipamctl/client"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copied.resolve(f.getFileName()));
            }
        }
        Path program = Files.copy(nativeClient, peer.resolve("ipamctl-client"));
        try (var all = Files.walk(peer)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(
                        p,
                        PosixFilePermissions.fromString(
                                Files.isDirectory(p) || p.equals(program) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        classes = peer.resolve("classes");
        nativeProgram = program;
    }

    private Run asUser(String user, Kind kind, Path socket) throws Exception {
        ProcessBuilder pb = client(kind, socket, InJvmServer.BUILD, "000:0", callerEnv(), Path.of("/"), "split");
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--clear-groups"));
        cmd.addAll(pb.command());
        pb.command(cmd);
        return run(pb, null);
    }
}
