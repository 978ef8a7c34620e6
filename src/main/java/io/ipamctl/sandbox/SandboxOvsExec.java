package io.ipamctl.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.ipamctl.IpamctlException;
import io.ipamctl.kube.AgentPod;
import io.ipamctl.kube.ExecResult;
import io.ipamctl.kube.NodeExec;

/**
 * Sandbox exec: the sandbox's nodes have no agent Pods to exec into, so the OVS tools run here
 * against the local userspace OVS instance of the same node name (made by cli/ovs-node). Without
 * Open vSwitch installed it says so; it never invents output.
 */
final class SandboxOvsExec implements NodeExec {

    private final Path base;
    private final Map<String, String> env;
    private final PrintWriter err;
    private boolean started;

    SandboxOvsExec(Path base, Map<String, String> env, PrintWriter err) {
        this.base = base;
        this.env = env;
        this.err = err;
    }

    @Override
    public ExecResult run(AgentPod agent, List<String> argv, Duration timeout) {
        StringBuilder out = new StringBuilder();
        ExecResult r = stream(agent, argv, timeout, in -> {
            try {
                out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new ExecResult(r.exitCode(), out.toString(), r.stderr());
    }

    @Override
    public synchronized ExecResult stream(AgentPod agent, List<String> argv, Duration timeout, Consumer<InputStream> reader) {
        Path node = ensureNode(agent.node());
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("OVS_RUNDIR", node.resolve("run").toString());
        pb.environment().put("OVS_DBDIR", node.resolve("db").toString());
        pb.environment().put("OVS_LOGDIR", node.resolve("log").toString());
        pb.environment().put("OVS_SYSCONFDIR", node.resolve("db").toString());
        try {
            Process p = pb.start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(p::destroyForcibly,
                    CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
            reader.accept(p.getInputStream());
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            watchdog.cancel(false);
            if (!done) {
                p.destroyForcibly();
                throw IpamctlException.failed(argv.get(0) + " on sandbox node " + agent.node() + " did not finish within "
                        + timeout.toSeconds() + "s");
            }
            return new ExecResult(p.exitValue(), "", stderr.join());
        } catch (IOException e) {
            return new ExecResult(127, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IpamctlException.failed("interrupted");
        }
    }

    /** The node's OVS directory; the seed's OVS nodes are started on first use when OVS is installed. */
    private Path ensureNode(String nodeName) {
        Path node = base.resolve(nodeName);
        if (Files.exists(node.resolve("run").resolve("ovs-vswitchd.pid"))) {
            return node;
        }
        if (!onPath("ovs-vsctl")) {
            throw IpamctlException.failed("the sandbox has no Open vSwitch for node " + nodeName
                    + ": install it (apt-get install openvswitch-switch, or cli/ovs-node install) and run again");
        }
        String home = env.get("IPAMCTL_HOME");
        Path script = home == null ? null : Path.of(home, "cli", "ovs-node");
        if (started || script == null || !Files.isExecutable(script)) {
            throw IpamctlException.failed("the sandbox has no local OVS node " + nodeName + " in " + base
                    + " (start them with: IPAMCTL_OVS_BASE=" + base + " cli/ovs-node seed)");
        }
        started = true;
        err.println("ipamctl: sandbox: starting local Open vSwitch nodes (cli/ovs-node seed) in " + base);
        err.flush();
        try {
            ProcessBuilder pb = new ProcessBuilder(script.toString(), "seed").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("IPAMCTL_OVS_BASE", base.toString());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw IpamctlException.failed("cli/ovs-node seed failed; run it by hand to see why: IPAMCTL_OVS_BASE=" + base
                        + " " + script + " seed");
            }
        } catch (IOException e) {
            throw IpamctlException.failed("cannot run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IpamctlException.failed("interrupted");
        }
        return ensureNode(nodeName);
    }

    private boolean onPath(String tool) {
        String path = env.getOrDefault("PATH", System.getenv("PATH"));
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
