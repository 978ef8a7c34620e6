package io.ipamctl.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipamctl.IpamctlException;
import io.ipamctl.kube.NodeExec;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a command reaches the sandbox cluster of its state directory: it connects to the running
 * sandbox process, or starts one (detached, so it outlives the command) and waits until it answers;
 * a sandbox of another build is stopped and replaced. Every wait is bounded and says on stderr what
 * it waits for and who holds it.
 */
public final class SandboxClient {

    /**
     * What a command needs to talk to the sandbox.
     *
     * @param url   the API server (127.0.0.1, a port chosen at its start)
     * @param token the bearer token it requires
     */
    public record Connection(String url, String token, long pid, Path stateDir) {}

    /**
     * The sandbox as `sandbox status` shows it; running false when no sandbox process runs.
     *
     * @param ovsPhase  NOT_STARTED, STARTING, RUNNING, UNAVAILABLE or STOPPED
     * @param ovsNodes  the nodes whose daemons run
     */
    public record Status(
            boolean running,
            long pid,
            String url,
            String started,
            long idleTimeoutSeconds,
            long idleSeconds,
            int watches,
            String ovsPhase,
            String ovsProblem,
            List<String> ovsNodes,
            String ovsBase,
            String state,
            String log,
            String tokenFile,
            boolean otherBuild) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    // above the server's own budget: its stand-ins get 30 s to finish a round, then the OVS nodes stop
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(75);
    private static final Duration OVS_TIMEOUT = Duration.ofSeconds(120);
    private static final String NOTICE = "ipamctl: using the built-in sandbox cluster";

    private SandboxClient() {}

    /**
     * Connects to the sandbox of stateDir, starting it when none runs (or one of another build runs).
     *
     * @param reset back to the seed scenario first (a running sandbox resets in place, its OVS nodes restart)
     * @param who   this command, for the messages of others that wait for it ("pid 42 (ipamctl ...)")
     * @param env   the caller's environment: PATH, HOME, IPAMCTL_HOME and IPAMCTL_SANDBOX_IDLE go to a new sandbox
     */
    // "try": the resource only guards the block (a lock, a clean-up), so the body never names it
    @SuppressWarnings("try")
    public static Connection connect(
            Path stateDir, boolean reset, String who, PrintWriter err, Map<String, String> env) {
        SandboxFiles files = new SandboxFiles(stateDir);
        String build = SandboxFiles.build();
        try {
            Optional<SandboxFiles.ServerInfo> info = files.running().filter(i -> !i.stopping());
            if (info.isPresent() && info.get().build().equals(build)) {
                return use(files, info.get(), reset, who, err);
            }
            files.create();
            try (StartLock ignored = StartLock.acquire(files, who, "start the sandbox cluster", err)) {
                awaitStopped(files, err);
                info = files.running();
                if (info.isPresent() && info.get().build().equals(build)) {
                    return use(files, info.get(), reset, who, err); // another command started it meanwhile
                }
                if (info.isPresent()) {
                    stopRunning(files, info.get(), who + ", of another build", err);
                }
                boolean fresh = reset || !Files.exists(files.state()) && !Files.exists(files.legacyState());
                Connection c = spawn(files, reset, env, err);
                notice(err, c, fresh ? "started now, fresh seed scenario" : "started now", files);
                return c;
            }
        } catch (IOException e) {
            throw IpamctlException.failed(
                    "cannot start the sandbox cluster in " + files.dir() + ": " + e.getMessage(), e);
        }
    }

    /** The running sandbox of this build, reset first when asked. */
    private static Connection use(
            SandboxFiles files, SandboxFiles.ServerInfo info, boolean reset, String who, PrintWriter err)
            throws IOException {
        Connection c = connection(files, info);
        if (reset) {
            reset(c, who, err);
        }
        notice(err, c, reset ? "reset to the seed scenario" : null, files);
        return c;
    }

    /** Runs the OVS tools of the sandbox's nodes; the first use asks the sandbox to start them and waits. */
    public static NodeExec nodeExec(Connection c, PrintWriter err) {
        SandboxFiles files = new SandboxFiles(c.stateDir());
        return new SandboxOvsExec(files.ovs(), () -> awaitOvs(c, err));
    }

    /** The sandbox of stateDir as it is now (asks the running sandbox process). */
    public static Status status(Path stateDir) {
        SandboxFiles files = new SandboxFiles(stateDir);
        Optional<SandboxFiles.ServerInfo> info = files.running().filter(i -> !i.stopping());
        if (info.isEmpty()) {
            return new Status(
                    false,
                    0,
                    null,
                    null,
                    0,
                    0,
                    0,
                    null,
                    null,
                    List.of(),
                    files.ovs().toString(),
                    files.state().toString(),
                    files.log().toString(),
                    files.token().toString(),
                    false);
        }
        try {
            Connection c = connection(files, info.get());
            JsonNode s = call(c, "GET", "status", null);
            List<String> nodes = new ArrayList<>();
            s.path("ovs").path("nodes").forEach(n -> nodes.add(n.asText()));
            return new Status(
                    true,
                    s.path("pid").asLong(),
                    s.path("url").asText(),
                    s.path("started").asText(),
                    s.path("idleTimeoutSeconds").asLong(),
                    s.path("idleSeconds").asLong(),
                    s.path("watches").asInt(),
                    s.path("ovs").path("phase").asText(),
                    text(s.path("ovs").path("problem")),
                    nodes,
                    s.path("ovs").path("base").asText(),
                    s.path("state").asText(),
                    s.path("log").asText(),
                    files.token().toString(),
                    !info.get().build().equals(SandboxFiles.build()));
        } catch (IOException e) {
            throw IpamctlException.failed(
                    "the sandbox cluster (pid " + info.get().pid() + ") does not answer: " + e.getMessage()
                            + " (stop it with: ipamctl sandbox stop)");
        }
    }

    /**
     * Stops the sandbox of stateDir (its OVS nodes stop with it; the state file stays). Returns the pid
     * that was stopped, or empty when none ran.
     */
    // "try": the resource only guards the block (a lock, a clean-up), so the body never names it
    @SuppressWarnings("try")
    public static Optional<Long> stop(Path stateDir, String who, PrintWriter err) {
        SandboxFiles files = new SandboxFiles(stateDir);
        if (files.running().isEmpty()) {
            return Optional.empty();
        }
        try (StartLock ignored = StartLock.acquire(files, who, "stop the sandbox cluster", err)) {
            Optional<SandboxFiles.ServerInfo> info = files.running();
            if (info.isEmpty()) {
                return Optional.empty();
            }
            if (info.get().stopping()) {
                awaitStopped(files, err);
            } else {
                stopRunning(files, info.get(), who, err);
            }
            return Optional.of(info.get().pid());
        } catch (IOException e) {
            throw IpamctlException.failed(
                    "cannot stop the sandbox cluster in " + files.dir() + ": " + e.getMessage(), e);
        }
    }

    /** This command as others see it while they wait for it. */
    public static String who(List<String> args) {
        return "pid " + ProcessHandle.current().pid() + " (ipamctl"
                + (args.isEmpty() ? "" : " " + io.ipamctl.SafeText.printable(String.join(" ", args))) + ")";
    }

    private static Connection connection(SandboxFiles files, SandboxFiles.ServerInfo info) throws IOException {
        return new Connection(
                info.url(), files.readToken(), info.pid(), files.dir().getParent());
    }

    private static void notice(PrintWriter err, Connection c, String what, SandboxFiles files) {
        err.println(NOTICE + " (pid " + c.pid() + (what == null ? "" : ", " + what) + "); state in " + files.state());
        err.flush();
    }

    /** Back to the seed in place: the sandbox swaps its objects and restarts its OVS nodes; waits for it. */
    private static void reset(Connection c, String who, PrintWriter err) throws IOException {
        JsonNode asked = call(c, "POST", "reset", who);
        long generation = asked.path("generation").asLong();
        err.println("ipamctl: resetting the built-in sandbox cluster (pid " + c.pid() + ") to the seed scenario ...");
        err.flush();
        long end = System.nanoTime() + OVS_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            JsonNode s = call(c, "GET", "status", null);
            if (s.path("reset").path("done").asLong() >= generation) {
                return;
            }
            pause(50);
        }
        throw IpamctlException.failed("the sandbox cluster (pid " + c.pid() + ") did not finish its reset within "
                + OVS_TIMEOUT.toSeconds() + "s (log: " + new SandboxFiles(c.stateDir()).log() + ")");
    }

    private static void awaitOvs(Connection c, PrintWriter err) {
        SandboxFiles files = new SandboxFiles(c.stateDir());
        try {
            JsonNode s = call(c, "GET", "status", null);
            if (!"RUNNING".equals(s.path("ovs").path("phase").asText())) {
                s = call(c, "POST", "ovs", null);
            }
            boolean told = false;
            long end = System.nanoTime() + OVS_TIMEOUT.toNanos();
            while (true) {
                String phase = s.path("ovs").path("phase").asText();
                if (phase.equals("RUNNING")) {
                    return;
                }
                if (phase.equals("UNAVAILABLE")) {
                    throw IpamctlException.failed(
                            s.path("ovs").path("problem").asText("the sandbox has no Open vSwitch"));
                }
                if (System.nanoTime() > end) {
                    throw IpamctlException.failed(
                            "the sandbox cluster (pid " + c.pid() + ") did not start its Open vSwitch nodes"
                                    + " within " + OVS_TIMEOUT.toSeconds() + "s (log: " + files.log() + ")");
                }
                if (!told) {
                    boolean resetting = s.path("reset").path("done").asLong()
                            < s.path("reset").path("asked").asLong();
                    err.println("ipamctl: waiting for the sandbox cluster (pid " + c.pid() + ") to "
                            + (resetting
                                    ? "restart its Open vSwitch nodes (reset asked by "
                                            + s.path("reset").path("by").asText() + ")"
                                    : "start its Open vSwitch nodes")
                            + " ...");
                    err.flush();
                    told = true;
                }
                pause(100);
                s = call(c, "GET", "status", null);
            }
        } catch (IOException e) {
            throw IpamctlException.failed(
                    "the sandbox cluster (pid " + c.pid() + ") does not answer: " + e.getMessage());
        }
    }

    /** A sandbox that is stopping (idle, or asked by another command) keeps its lock until its OVS nodes are down. */
    private static void awaitStopped(SandboxFiles files, PrintWriter err) {
        Optional<SandboxFiles.ServerInfo> info = files.running().filter(SandboxFiles.ServerInfo::stopping);
        if (info.isEmpty()) {
            return;
        }
        err.println(
                "ipamctl: waiting for the sandbox cluster (pid " + info.get().pid() + ") to finish stopping ...");
        err.flush();
        if (!awaitUnlocked(files, STOP_TIMEOUT)) {
            throw IpamctlException.failed(
                    "the sandbox cluster (pid " + info.get().pid() + ") did not finish stopping within "
                            + STOP_TIMEOUT.toSeconds() + "s (log: " + files.log() + ")");
        }
    }

    /** Asks the running sandbox to stop, waits until its lock is free; a sandbox that does not answer is ended. */
    private static void stopRunning(SandboxFiles files, SandboxFiles.ServerInfo info, String who, PrintWriter err)
            throws IOException {
        err.println("ipamctl: stopping the sandbox cluster (pid " + info.pid() + ") and its Open vSwitch nodes ...");
        err.flush();
        boolean asked;
        try {
            call(
                    new Connection(
                            info.url(),
                            files.readToken(),
                            info.pid(),
                            files.dir().getParent()),
                    "POST",
                    "stop",
                    who);
            asked = true;
        } catch (IOException e) {
            asked = false;
        }
        if (asked && awaitUnlocked(files, STOP_TIMEOUT)) {
            return;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(info.pid()).filter(SandboxClient::isSandboxProcess);
        if (p.isPresent()) {
            p.get().destroy();
            if (!awaitUnlocked(files, Duration.ofSeconds(10))) {
                p.get().destroyForcibly();
                awaitUnlocked(files, Duration.ofSeconds(5));
            }
        }
        if (files.serverLockHeld()) {
            throw IpamctlException.failed("the sandbox cluster (pid " + info.pid() + ") did not stop within "
                    + STOP_TIMEOUT.toSeconds() + "s (log: " + files.log() + ")");
        }
    }

    private static boolean isSandboxProcess(ProcessHandle p) {
        // /proc first: ProcessHandle.Info cuts a long command line (the class path) off before the main class
        Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                return List.of(Files.readString(cmdline, java.nio.charset.StandardCharsets.ISO_8859_1)
                                .split("\0"))
                        .contains(SandboxServer.class.getName());
            }
        } catch (IOException e) {
            // gone meanwhile, or not ours to read: fall back to what the JDK reports
        }
        return p.info()
                        .arguments()
                        .map(a -> List.of(a).contains(SandboxServer.class.getName()))
                        .orElse(false)
                || p.info()
                        .commandLine()
                        .map(l -> l.contains(SandboxServer.class.getName()))
                        .orElse(false);
    }

    private static boolean awaitUnlocked(SandboxFiles files, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (files.serverLockHeld()) {
            if (System.nanoTime() > end) {
                return false;
            }
            pause(50);
        }
        return true;
    }

    /** Starts the detached sandbox process and waits until it answers. */
    private static Connection spawn(SandboxFiles files, boolean reset, Map<String, String> env, PrintWriter err)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            cmd.add(setsid.toString()); // its own session: Ctrl-C and a closed terminal of this command do not reach it
        }
        cmd.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SandboxServer.class.getName());
        cmd.add("--state");
        cmd.add(files.dir().getParent().toString());
        cmd.add("--idle");
        cmd.add(Long.toString(idleTimeout(env).toSeconds()));
        if (reset) {
            cmd.add("--reset");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        for (String k : SandboxServer.ENV) {
            String v = env.get(k);
            if (v != null) {
                pb.environment().put(k, v);
            }
        }
        File log = files.log().toFile();
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log)).redirectError(ProcessBuilder.Redirect.appendTo(log));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")));
        Optional<SandboxFiles.ServerInfo> stale = staleInfo(files);
        Process p = pb.start();
        err.println(
                "ipamctl: starting the built-in sandbox cluster (pid " + p.pid() + ", log " + files.log() + ") ...");
        err.flush();
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        String build = SandboxFiles.build();
        while (true) {
            Optional<SandboxFiles.ServerInfo> info =
                    files.running().filter(i -> !i.stopping() && !stale.equals(Optional.of(i)));
            if (info.isPresent() && info.get().build().equals(build)) {
                return connection(files, info.get());
            }
            if (!p.isAlive() && p.exitValue() != 0) {
                throw IpamctlException.failed("the sandbox cluster did not start (exit " + p.exitValue() + "): "
                        + lastLine(files) + " (log: " + files.log() + ")");
            }
            if (System.nanoTime() > end) {
                throw IpamctlException.failed("the sandbox cluster (pid " + p.pid() + ") did not answer within "
                        + START_TIMEOUT.toSeconds() + "s (log: " + files.log() + ")");
            }
            pause(20);
        }
    }

    /** The server.json a killed sandbox left (until the new one, once it holds the lock, removes it). */
    private static Optional<SandboxFiles.ServerInfo> staleInfo(SandboxFiles files) {
        try {
            return Files.exists(files.serverInfo())
                    ? Optional.of(
                            new ObjectMapper().readValue(files.serverInfo().toFile(), SandboxFiles.ServerInfo.class))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The JVM options of this process that fit a long-running one too (no agents, no CDS dump). */
    private static List<String> jvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a :
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            boolean fits = a.startsWith("-XX:")
                            && !a.startsWith("-XX:ArchiveClassesAtExit")
                            && !a.startsWith("-XX:+AutoCreateSharedArchive")
                    || a.startsWith("-Xshare")
                    || a.startsWith("-Xlog")
                    || a.startsWith("-Xss")
                    || a.startsWith("-Xmn");
            if (fits) {
                out.add(a);
            }
        }
        out.add("-Xmx256m");
        return out;
    }

    /** IPAMCTL_SANDBOX_IDLE: 30m by default, e.g. 90s, 2h, 0 for never. */
    static Duration idleTimeout(Map<String, String> env) {
        String v = env.get("IPAMCTL_SANDBOX_IDLE");
        if (v == null || v.isBlank()) {
            return SandboxServer.DEFAULT_IDLE;
        }
        var m = java.util.regex.Pattern.compile("(\\d{1,7})([smh]?)").matcher(v.strip());
        if (!m.matches()) {
            throw IpamctlException.invalid(
                    "IPAMCTL_SANDBOX_IDLE must be a duration such as 90s, 30m or 2h (0: never), got \""
                            + io.ipamctl.SafeText.printable(v) + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static String lastLine(SandboxFiles files) {
        try {
            List<String> lines = Files.readAllLines(files.log());
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
        } catch (IOException ignored) {
            // no log: nothing to show
        }
        return "no output";
    }

    /** One call to the sandbox's own endpoints (status, stop, reset, ovs). */
    private static JsonNode call(Connection c, String method, String what, String who) throws IOException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            String body =
                    who == null ? "" : JSON.createObjectNode().put("by", who).toString();
            HttpRequest.Builder b = HttpRequest.newBuilder(
                            URI.create(c.url() + SandboxDispatcher.CONTROL_PREFIX.substring(1) + what))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + c.token());
            b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofString(body)) : b.GET();
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IOException("HTTP " + r.statusCode());
            }
            return JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IpamctlException.failed("interrupted");
        }
    }

    /**
     * start.lock: held while a client starts, replaces or stops the sandbox. The holder writes who it is
     * into the file, so that a client waiting for it can say whom it waits for.
     */
    private static final class StartLock implements AutoCloseable {

        private final FileChannel channel;
        private final FileLock lock;

        private StartLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static StartLock acquire(SandboxFiles files, String who, String what, PrintWriter err) throws IOException {
            FileChannel ch = FileChannel.open(
                    files.startLock(), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long end = System.nanoTime() + START_TIMEOUT.toNanos();
            boolean told = false;
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // another command of this JVM (a warm server, tests) holds it
                }
                if (l != null) {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap(who.getBytes(StandardCharsets.UTF_8)), 0);
                    return new StartLock(ch, l);
                }
                String holder = Files.readString(files.startLock(), StandardCharsets.UTF_8)
                        .strip();
                if (System.nanoTime() > end) {
                    ch.close();
                    throw IpamctlException.failed("gave up after " + START_TIMEOUT.toSeconds() + "s waiting for "
                            + (holder.isEmpty() ? "another command" : holder) + " to "
                            + what.replace("start", "finish starting")
                            + "; if that command hangs, end it");
                }
                if (!told) {
                    err.println(
                            "ipamctl: waiting for " + (holder.isEmpty() ? "another command" : holder) + ", which holds "
                                    + files.startLock() + " while it starts or stops the sandbox cluster ...");
                    err.flush();
                    told = true;
                }
                pause(50);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                channel.truncate(0);
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
