package io.ipamctl.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.ipamctl.IpamctlException;
import io.ipamctl.kube.ConnectionSettings;
import io.ipamctl.kube.KubeConnector;
import io.ipamctl.kube.OvsReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox cluster: one long-running process per state directory, like a tiny kind cluster. It
 * serves the Kubernetes API on 127.0.0.1 (a port chosen when it starts, a bearer token required),
 * holds the objects in memory and writes them to the state file after every change, and runs the
 * stand-ins for Antrea (IPAM, Traceflow) and the nodes' Open vSwitch. Clients find it through the
 * files of {@link SandboxFiles}; it stops after an idle time, on `ipamctl sandbox stop`, or when a
 * client of another build replaces it. Tests run the same server inside their JVM ({@link #start}).
 */
public final class SandboxServer implements AutoCloseable {

    /**
     * How to run.
     *
     * @param stateDir    ipamctl's state directory (the sandbox lives in its sandbox/ folder)
     * @param reset       start from the seed scenario instead of the state file
     * @param idleTimeout stop after this long without a client request or open watch (0: never)
     * @param env         PATH, HOME and IPAMCTL_HOME for the OVS tools and cli/ovs-node
     */
    public record Options(Path stateDir, boolean reset, Duration idleTimeout, Map<String, String> env) {}

    /** The default idle time before the sandbox stops. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    /** The environment variables the sandbox process and its OVS tools need from the client that starts it. */
    static final List<String> ENV = List.of("PATH", "HOME", "IPAMCTL_HOME", "TMPDIR", "LANG", "LC_ALL", "JAVA_HOME");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final SandboxFiles files;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SandboxDispatcher dispatcher;
    private final MockWebServer web;
    private final KubernetesClient client;
    private final SandboxOvs ovs;
    private final SandboxAntrea antrea;
    private final SandboxServices services;
    private final SandboxControllers controllers;
    private final ScheduledExecutorService idle;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final String url;
    private final SandboxFiles.ServerInfo info;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final AtomicLong resetsAsked = new AtomicLong();
    private final AtomicLong resetsDone = new AtomicLong();
    private volatile String resetBy;
    /** Something, and a Pod, changed since the last reset (the OVS ports are then no longer the seed's). */
    private volatile boolean changed;

    private volatile boolean podsChanged;
    private final PrintWriter log;
    /** Held so the setting sticks: java.util.logging keeps loggers weakly. */
    private final java.util.logging.Logger mockServerLog =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private boolean closed;

    private SandboxServer(Options options) throws IOException {
        this.options = options;
        this.files = new SandboxFiles(options.stateDir());
        files.create();
        log = new PrintWriter(
                Files.newBufferedWriter(
                        files.log(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                true);
        lockChannel = FileChannel.open(files.serverLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockServer(lockChannel);
        if (lock == null) {
            lockChannel.close();
            throw new IOException("another sandbox process runs for " + files.dir());
        }
        // what a killed sandbox left behind names a dead process and a closed port
        Files.deleteIfExists(files.serverInfo());
        Files.deleteIfExists(files.token());
        mockServerLog.setLevel(java.util.logging.Level.OFF);
        String userToken = token();
        String internalToken = token();
        List<CustomResourceDefinitionContext> crds = new ArrayList<>(antreaResources());
        crds.add(namespaced("whereabouts.cni.cncf.io", "v1alpha1", "ippools", "IPPool"));
        crds.add(namespaced("whereabouts.cni.cncf.io", "v1alpha1", "nodeslicepools", "NodeSlicePool"));
        crds.add(namespaced("k8s.cni.cncf.io", "v1", "network-attachment-definitions", "NetworkAttachmentDefinition"));
        crds.addAll(serviceCidrResources());
        dispatcher = new SandboxDispatcher(crds, userToken, internalToken);
        boolean fresh = restore();
        web = new MockWebServer();
        web.setDispatcher(dispatcher);
        web.start(InetAddress.getLoopbackAddress(), 0);
        url = "http://127.0.0.1:" + web.getPort() + "/";
        client = KubeConnector.connect(
                url,
                internalToken,
                new ConnectionSettings(null, null, Duration.ofSeconds(30), options.env(), null, null));
        ovs = new SandboxOvs(files.ovs(), options.env(), dispatcher::objects, this::log);
        Runnable ensureOvs = () -> {
            ovs.start();
            if (!ovs.running()) {
                throw IpamctlException.failed(
                        ovs.problem() == null ? "the sandbox's Open vSwitch nodes are stopped" : ovs.problem());
            }
        };
        antrea = new SandboxAntrea(client, this::wirePort);
        SandboxTraceflow traceflow = new SandboxTraceflow(
                client, new OvsReader(new SandboxOvsExec(files.ovs(), ensureOvs), Duration.ofSeconds(30)), ensureOvs);
        services = new SandboxServices(client);
        controllers = new SandboxControllers(antrea, services, ovs, traceflow, this::log);
        dispatcher.attach(
                new SandboxDispatcher.Listener() {
                    @Override
                    public void changed(String oldJson, String newJson) {
                        changed = true;
                        podsChanged |= (newJson != null ? newJson : oldJson).contains("\"kind\":\"Pod\"");
                        save();
                        controllers.changed(oldJson, newJson);
                    }

                    @Override
                    public void replaced() {
                        save();
                        controllers.replaced();
                    }
                },
                this::control);
        // daemons left behind by a sandbox process that was killed belong to nobody: they go first
        controllers.submit(ovs::cleanUp);
        controllers.replaced();
        // the first client already sees the ClusterIP records and the `kubernetes` ServiceCIDR a real API server has
        addressRecords();
        files.writeToken(userToken);
        info = new SandboxFiles.ServerInfo(
                ProcessHandle.current().pid(),
                url,
                SandboxFiles.build(),
                started.toString(),
                options.idleTimeout().toSeconds(),
                false);
        files.writeServerInfo(info);
        idle = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-idle");
            t.setDaemon(true);
            return t;
        });
        if (!options.idleTimeout().isZero()) {
            long every = Math.max(1, Math.min(5, options.idleTimeout().toSeconds() / 4));
            idle.scheduleWithFixedDelay(this::stopWhenIdle, every, every, TimeUnit.SECONDS);
        }
        log("started (pid " + ProcessHandle.current().pid() + ", " + url + ", "
                + (fresh ? "fresh seed scenario" : "state of " + files.state()) + ", stops after "
                + options.idleTimeout().toSeconds() + "s idle)");
    }

    /** Starts the sandbox server (in this JVM); it runs until {@link #close()}, an idle timeout or a stop request. */
    public static SandboxServer start(Options options) throws IOException {
        return new SandboxServer(options);
    }

    /**
     * The detached sandbox process: {@code --state DIR [--reset] [--idle SECONDS]}; the environment
     * comes from the client that started it.
     */
    public static void main(String[] args) throws Exception {
        Path state = null;
        boolean reset = false;
        Duration idleTimeout = DEFAULT_IDLE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--state" -> state = Path.of(args[++i]);
                case "--reset" -> reset = true;
                case "--idle" -> idleTimeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (state == null) {
            throw new IllegalArgumentException("--state DIR is required");
        }
        // Ctrl-C in the terminal of the command that started it is meant for that command, not for the sandbox
        InterruptSignal.ignore();
        Map<String, String> env = new java.util.HashMap<>();
        ENV.forEach(k -> {
            String v = System.getenv(k);
            if (v != null) {
                env.put(k, v);
            }
        });
        SandboxServer server;
        try {
            server = start(new Options(state, reset, idleTimeout, env));
        } catch (IOException e) {
            System.err.println("sandbox: cannot start: " + e.getMessage());
            System.exit(3);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop("terminated by a signal")));
        server.stopped.await();
        System.exit(0);
    }

    public String url() {
        return url;
    }

    /** Waits until the stand-ins have acted on every change stored so far (tests). */
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        return controllers.awaitSettled(timeout);
    }

    /**
     * Back to the seed scenario, now (tests). The OVS nodes that run are restarted when Pods changed
     * since the last reset (so their ports get the seed's numbers again), else only brought in line.
     */
    public void resetToSeed() throws InterruptedException {
        controllers.awaitSettled(Duration.ofMinutes(2));
        if (!changed) {
            return; // still the seed
        }
        long generation = resetsAsked.incrementAndGet();
        boolean restartOvs = podsChanged;
        controllers.submit(() -> reset(restartOvs, "the test", generation));
        if (controllers.awaitSettled(Duration.ofMinutes(2))) {
            // What the stand-ins wrote while settling the restored seed (Pods admitted and running, their
            // addresses) is part of the seed as tests see it: the next reset is needed only after a test
            // changes something. Counting those writes made every test reset and restart the OVS nodes.
            changed = false;
            podsChanged = false;
        }
    }

    @Override
    public void close() {
        stop("closed");
    }

    /** Stops the stand-ins, the OVS nodes and the API server; the state file stays. */
    void stop(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // each step on its own: whatever fails, the lock is released and the process can end
        step(() -> files.writeServerInfo(info.asStopping())); // clients start nothing on it and wait for the lock
        step(idle::shutdown);
        step(() -> controllers.shutdown(Duration.ofSeconds(30)));
        step(ovs::stop);
        step(client::close);
        step(web::shutdown);
        step(() -> Files.deleteIfExists(files.serverInfo()));
        step(() -> Files.deleteIfExists(files.token()));
        step(lock::release);
        step(lockChannel::close);
        log("stopped (" + reason + ")");
        log.close();
        stopped.countDown();
    }

    /** A part of stopping that may fail without keeping the rest from running. */
    private interface Step {
        void run() throws Exception;
    }

    private void step(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            log("stopping: " + e);
        }
    }

    /** Idle: no request with the user's token, no open watch, and nothing for the stand-ins to do, for the idle time. */
    private void stopWhenIdle() {
        long idleNanos = System.nanoTime() - Math.max(dispatcher.lastUserRequest(), controllers.lastBusy());
        if (dispatcher.userWatches() == 0
                && !controllers.busy()
                && idleNanos > options.idleTimeout().toNanos()) {
            // not on this timer's thread: stopping ends the timer
            new Thread(() -> stop("idle for " + options.idleTimeout().toSeconds() + "s"), "sandbox-stop").start();
        }
    }

    /** The Pod's OVS port is made on its node before it runs, as the CNI ADD does. */
    private void wirePort(Pod pod) {
        ovs.syncNode(pod.getSpec().getNodeName(), Serialization.asJson(pod));
    }

    private void reset(boolean restartOvs, String by, long generation) {
        try {
            resetBy = by;
            log("reset to the seed scenario (asked by " + by + ")");
            boolean ovsUp = ovs.phase() == SandboxOvs.Phase.RUNNING || ovs.phase() == SandboxOvs.Phase.STARTING;
            if (restartOvs && ovsUp) {
                ovs.stop();
                ovs.starting();
            }
            dispatcher.replaceAll(SandboxState.seed());
            changed = false;
            podsChanged = false;
            if (restartOvs && ovsUp) {
                ovs.start();
            } else {
                ovs.syncAll();
            }
            antrea.reconcile();
            addressRecords();
        } catch (IOException e) {
            log("reset failed: " + e.getMessage());
        } finally {
            resetsDone.accumulateAndGet(generation, Math::max);
        }
    }

    private void addressRecords() {
        try {
            services.reconcile();
        } catch (RuntimeException e) {
            log("Service and Egress addresses failed: " + e);
        }
    }

    /** The objects at start: the seed when asked or when there is no state yet, else the state file. */
    private boolean restore() throws IOException {
        List<ObjectNode> objects = null;
        if (!options.reset()) {
            if (Files.isRegularFile(files.state())) {
                objects = readOrNull(files.state());
            } else if (Files.isRegularFile(files.legacyState())) {
                objects = readOrNull(files.legacyState());
                Files.deleteIfExists(files.legacyState());
            }
        }
        boolean fresh = objects == null;
        dispatcher.replaceAll(fresh ? SandboxState.seed() : objects);
        save();
        return fresh;
    }

    private List<ObjectNode> readOrNull(Path file) {
        try {
            return SandboxState.read(file);
        } catch (IOException | RuntimeException e) {
            log("the state file " + file + " cannot be read (" + e.getMessage() + "): starting from the seed scenario");
            return null;
        }
    }

    private void save() {
        try {
            SandboxFiles.writeAtomically(files.state(), SandboxState.write(dispatcher.objects()), false);
        } catch (IOException e) {
            log("cannot save the state to " + files.state() + ": " + e.getMessage());
        }
    }

    /** The sandbox's own endpoints: status, stop, reset, ovs (answered at once; the work runs elsewhere). */
    private MockResponse control(String method, String path, byte[] body) {
        String what = path.substring(SandboxDispatcher.CONTROL_PREFIX.length());
        boolean post = method.equalsIgnoreCase("POST");
        switch (what) {
            case "status" -> {
                return SandboxDispatcher.json(HttpURLConnection.HTTP_OK, status().toString());
            }
            case "stop" -> {
                if (!post) {
                    break;
                }
                Thread t = new Thread(() -> stop("stopped by " + by(body)), "sandbox-stop");
                t.start();
                return SandboxDispatcher.json(HttpURLConnection.HTTP_ACCEPTED, status().toString());
            }
            case "reset" -> {
                if (!post) {
                    break;
                }
                long generation = resetsAsked.incrementAndGet();
                String by = by(body);
                resetBy = by;
                if (ovs.running()) {
                    ovs.starting(); // from now on, OVS commands wait for the fresh nodes
                }
                controllers.submit(() -> reset(true, by, generation));
                return SandboxDispatcher.json(
                        HttpURLConnection.HTTP_ACCEPTED,
                        status().put("generation", generation).toString());
            }
            case "ovs" -> {
                if (!post) {
                    break;
                }
                if (!ovs.running() && ovs.phase() != SandboxOvs.Phase.UNAVAILABLE) {
                    controllers.startOvs();
                }
                return SandboxDispatcher.json(HttpURLConnection.HTTP_ACCEPTED, status().toString());
            }
            default -> {
                // below
            }
        }
        return SandboxDispatcher.status(HttpURLConnection.HTTP_NOT_FOUND, "NotFound", "the sandbox has no " + path);
    }

    private ObjectNode status() {
        ObjectNode s = JSON.createObjectNode();
        s.put("pid", ProcessHandle.current().pid());
        s.put("url", url);
        s.put("build", SandboxFiles.build());
        s.put("started", started.toString());
        s.put("idleTimeoutSeconds", options.idleTimeout().toSeconds());
        s.put("idleSeconds", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - dispatcher.lastUserRequest()));
        s.put("watches", dispatcher.userWatches());
        s.put("state", files.state().toString());
        s.put("log", files.log().toString());
        ObjectNode o = s.putObject("ovs");
        o.put("phase", ovs.phase().name());
        o.put("problem", ovs.problem());
        o.put("base", ovs.base().toString());
        var nodes = o.putArray("nodes");
        if (ovs.running()) {
            ovs.nodesUp().forEach(nodes::add);
        }
        ObjectNode r = s.putObject("reset");
        r.put("asked", resetsAsked.get());
        r.put("done", resetsDone.get());
        r.put("by", resetBy);
        return s;
    }

    private static String by(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n.path("by").asText("a client");
        } catch (IOException | RuntimeException e) {
            return "a client";
        }
    }

    private void log(String message) {
        log.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " sandbox: " + message);
    }

    /** The lock a live server holds; a client probing it at the same moment makes us try again briefly. */
    private static FileLock lockServer(FileChannel channel) throws IOException {
        // a sandbox that is stopping keeps its lock until its OVS nodes are down
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                FileLock l = channel.tryLock();
                if (l != null || System.nanoTime() > end) {
                    return l;
                }
            } catch (OverlappingFileLockException e) {
                return null; // a server of this directory runs in this JVM
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private static String token() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Gives a test's own mock server the sandbox's API discovery of Antrea's groups (its CRDs as Antrea serves them). */
    public static void expectAntreaDiscovery(io.fabric8.kubernetes.client.server.mock.KubernetesMockServer server) {
        SandboxDispatcher.discovery().forEach((path, json) -> {
            if (path.startsWith("/apis/crd.antrea.io/")) {
                server.expect().get().withPath(path).andReturn(200, json).always();
            }
        });
    }

    /** Antrea's custom resources, for a mock server in CRUD mode (also used by tests that build their own). */
    public static List<CustomResourceDefinitionContext> antreaResources() {
        return List.of(
                crd("ippools", "IPPool", "v1beta1"),
                crd("ippools", "IPPool", "v1alpha2"),
                crd("traceflows", "Traceflow", "v1beta1"),
                crd("externalippools", "ExternalIPPool", "v1beta1"),
                crd("egresses", "Egress", "v1beta1"));
    }

    /** Kubernetes' ServiceCIDR and IPAddress (networking.k8s.io/v1, cluster-scoped), for a mock server in CRUD mode. */
    public static List<CustomResourceDefinitionContext> serviceCidrResources() {
        return List.of(
                new CustomResourceDefinitionContext.Builder()
                        .withGroup("networking.k8s.io")
                        .withVersion("v1")
                        .withPlural("servicecidrs")
                        .withKind("ServiceCIDR")
                        .withScope("Cluster")
                        .withStatusSubresource(true)
                        .build(),
                new CustomResourceDefinitionContext.Builder()
                        .withGroup("networking.k8s.io")
                        .withVersion("v1")
                        .withPlural("ipaddresses")
                        .withKind("IPAddress")
                        .withScope("Cluster")
                        .build());
    }

    /** Gives a test's own mock server the discovery of networking.k8s.io/v1 as a 1.33+ API server lists it. */
    public static void expectServiceCidrDiscovery(
            io.fabric8.kubernetes.client.server.mock.KubernetesMockServer server) {
        String path = "/apis/networking.k8s.io/v1";
        server.expect()
                .get()
                .withPath(path)
                .andReturn(200, SandboxDispatcher.discovery().get(path))
                .always();
    }

    private static CustomResourceDefinitionContext crd(String plural, String kind, String version) {
        return new CustomResourceDefinitionContext.Builder()
                .withGroup("crd.antrea.io")
                .withVersion(version)
                .withPlural(plural)
                .withKind(kind)
                .withScope("Cluster")
                .withStatusSubresource(true)
                .build();
    }

    /** Whereabouts' IPPool and Multus' NetworkAttachmentDefinition: namespaced, no status subresource. */
    private static CustomResourceDefinitionContext namespaced(
            String group, String version, String plural, String kind) {
        return new CustomResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withPlural(plural)
                .withKind(kind)
                .withScope("Namespaced")
                .build();
    }
}
