package io.ipamctl.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The sandbox's Open vSwitch nodes: one userspace OVS per Node object (cli/ovs-node), owned by the
 * sandbox process. They start when first needed (an `ovs` command, `trace --local`, a Traceflow),
 * are kept in line with the cluster's objects as Antrea's agent would (a port and flows for every
 * running Pod of the node, tunnel flows to the others, the NetworkPolicies' ingress rules), and
 * stop with the sandbox. Used only from the sandbox's controller thread.
 */
final class SandboxOvs {

    /** Where the nodes are. */
    enum Phase {
        NOT_STARTED,
        STARTING,
        RUNNING,
        UNAVAILABLE,
        STOPPED
    }

    /** The kinds `ovs-node sync` reads. */
    private static final List<String> SYNC_KINDS = List.of("Pod", "Node", "Namespace", "NetworkPolicy");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path base;
    private final Map<String, String> env;
    private final Supplier<List<String>> objects;
    private final Consumer<String> log;
    private volatile Phase phase = Phase.NOT_STARTED;
    private volatile String problem;

    /**
     * @param base    the nodes' directories (IPAMCTL_OVS_BASE of cli/ovs-node)
     * @param env     PATH and IPAMCTL_HOME (where cli/ovs-node is) of the sandbox process
     * @param objects the cluster's objects as JSON, as stored
     */
    SandboxOvs(Path base, Map<String, String> env, Supplier<List<String>> objects, Consumer<String> log) {
        this.base = base;
        this.env = env;
        this.objects = objects;
        this.log = log;
    }

    Phase phase() {
        return phase;
    }

    /** Why the nodes cannot run (phase UNAVAILABLE), else null. */
    String problem() {
        return problem;
    }

    Path base() {
        return base;
    }

    boolean running() {
        return phase == Phase.RUNNING;
    }

    /** Marks the nodes as about to (re)start: their start is queued. */
    void starting() {
        if (phase != Phase.UNAVAILABLE) {
            phase = Phase.STARTING;
        }
    }

    /** Starts every node fresh and programs it from the objects; anything left by an earlier sandbox goes first. */
    void start() {
        if (phase == Phase.RUNNING || phase == Phase.UNAVAILABLE) {
            return;
        }
        phase = Phase.STARTING;
        String missing = missingTools();
        if (missing != null) {
            problem = missing;
            phase = Phase.UNAVAILABLE;
            log.accept("Open vSwitch nodes unavailable: " + missing);
            return;
        }
        long t0 = System.nanoTime();
        downAll();
        List<String> failed = new ArrayList<>();
        String objectsJson = objectsJson(null);
        for (String node : nodes()) {
            String out = run(List.of("sync", node), objectsJson);
            if (out != null) {
                failed.add(node + ": " + out);
            }
        }
        if (!failed.isEmpty()) {
            problem = "cli/ovs-node could not start the sandbox's nodes (" + String.join("; ", failed) + ")";
            phase = Phase.UNAVAILABLE;
            log.accept(problem);
            return;
        }
        phase = Phase.RUNNING;
        log.accept("Open vSwitch nodes " + nodes() + " running in " + base + " ("
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms)");
    }

    /** Programs every node from the current objects (when they run). */
    void syncAll() {
        if (phase != Phase.RUNNING) {
            return;
        }
        String objectsJson = objectsJson(null);
        for (String node : nodes()) {
            String out = run(List.of("sync", node), objectsJson);
            if (out != null) {
                log.accept("ovs-node sync " + node + " failed: " + out);
            }
        }
    }

    /**
     * Programs one node with this Pod as it is about to be (its address and container given, not yet
     * stored): Antrea's agent creates the port before the Pod runs.
     */
    void syncNode(String node, String podJson) {
        if (phase != Phase.RUNNING || node == null) {
            return;
        }
        String out = run(List.of("sync", node), objectsJson(podJson));
        if (out != null) {
            log.accept("ovs-node sync " + node + " failed: " + out);
        }
    }

    /** Daemons left in the nodes' directory by a sandbox process that was killed belong to nobody: they go. */
    void cleanUp() {
        if (Files.isDirectory(base)) {
            downAll();
        }
    }

    /** Stops every node's daemons and removes their directories. */
    void stop() {
        if (phase == Phase.RUNNING || phase == Phase.STARTING) {
            downAll();
            log.accept("Open vSwitch nodes stopped");
        }
        phase = Phase.STOPPED;
    }

    /** Stops the nodes and starts them fresh (a reset), when they ran. */
    void restart() {
        if (phase == Phase.RUNNING || phase == Phase.STARTING) {
            downAll();
            phase = Phase.STOPPED;
            start();
        }
    }

    /** Names of the nodes that run (their directories with a vswitchd pid file). */
    List<String> nodesUp() {
        List<String> up = new ArrayList<>();
        for (String node : nodes()) {
            if (Files.exists(base.resolve(node).resolve("run").resolve("ovs-vswitchd.pid"))) {
                up.add(node);
            }
        }
        return up;
    }

    private void downAll() {
        if (Files.isDirectory(base) && script() != null) {
            String out = run(List.of("down", "--all"), null);
            if (out != null) {
                log.accept("ovs-node down --all failed: " + out);
            }
        }
    }

    private String missingTools() {
        if (!onPath("ovs-vsctl")) {
            return "the sandbox has no Open vSwitch: install it (apt-get install openvswitch-switch, or cli/ovs-node install)"
                    + " and run again";
        }
        if (script() == null) {
            return "the sandbox cannot start its Open vSwitch nodes: cli/ovs-node is not part of this installation";
        }
        return null;
    }

    private Path script() {
        String home = env.get("IPAMCTL_HOME");
        Path script = home == null || home.isBlank() ? null : Path.of(home, "cli", "ovs-node");
        return script != null && Files.isExecutable(script) ? script : null;
    }

    private boolean onPath(String tool) {
        String path = env.get("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The Node objects' names, in their stored order. */
    private List<String> nodes() {
        List<String> names = new ArrayList<>();
        for (String o : objects.get()) {
            JsonNode n = parse(o);
            if (n != null
                    && "Node".equals(n.path("kind").asText())
                    && "v1".equals(n.path("apiVersion").asText())) {
                names.add(n.path("metadata").path("name").asText());
            }
        }
        return names;
    }

    /** A JSON List of the objects cli/ovs-node reads; podJson (if given) replaces the stored Pod of its name. */
    private String objectsJson(String podJson) {
        JsonNode replacement = podJson == null ? null : parse(podJson);
        ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        ArrayNode items = list.putArray("items");
        for (String o : objects.get()) {
            JsonNode n = parse(o);
            if (n == null || !SYNC_KINDS.contains(n.path("kind").asText())) {
                continue;
            }
            if (replacement != null && sameObject(n, replacement)) {
                continue;
            }
            items.add(n);
        }
        if (replacement != null) {
            items.add(replacement);
        }
        return list.toString();
    }

    private static boolean sameObject(JsonNode a, JsonNode b) {
        return a.path("kind").asText().equals(b.path("kind").asText())
                && a.path("metadata")
                        .path("namespace")
                        .asText()
                        .equals(b.path("metadata").path("namespace").asText())
                && a.path("metadata")
                        .path("name")
                        .asText()
                        .equals(b.path("metadata").path("name").asText());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    /** Runs cli/ovs-node; null when it succeeded, else the last line it printed. */
    private String run(List<String> args, String stdin) {
        Path script = script();
        if (script == null) {
            return "cli/ovs-node not found";
        }
        List<String> argv = new ArrayList<>();
        argv.add(script.toString());
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("IPAMCTL_OVS_BASE", base.toString());
        try {
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "did not finish within 120s";
            }
            if (p.exitValue() == 0) {
                return null;
            }
            String[] lines = out.split("\n");
            return lines.length == 0 || lines[lines.length - 1].isBlank()
                    ? "exit " + p.exitValue()
                    : lines[lines.length - 1];
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
