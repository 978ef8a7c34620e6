package io.ipamctl.sandbox;

import io.ipamctl.IpamctlException;
import io.ipamctl.kube.AgentPod;
import io.ipamctl.kube.ExecResult;
import io.ipamctl.kube.NodeExec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sandbox exec: the sandbox's nodes have no agent Pods to exec into, so the OVS tools run on this
 * machine against the userspace OVS instance of the same node name, which the sandbox process
 * started (cli/ovs-node). Without Open vSwitch installed it says so; it never invents output.
 */
final class SandboxOvsExec implements NodeExec {

    private final Path base;
    private final Runnable ensureStarted;
    private boolean started;

    /**
     * @param base          the nodes' directories (base/NODE/run, db, log)
     * @param ensureStarted makes sure the sandbox's OVS nodes run (or throws why they cannot), once
     */
    SandboxOvsExec(Path base, Runnable ensureStarted) {
        this.base = base;
        this.ensureStarted = ensureStarted;
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
    public ExecResult stream(AgentPod agent, List<String> argv, Duration timeout, Consumer<InputStream> reader) {
        Path node = node(agent.node());
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
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(
                    p::destroyForcibly, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
            reader.accept(p.getInputStream());
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            watchdog.cancel(false);
            if (!done) {
                p.destroyForcibly();
                throw IpamctlException.failed(argv.get(0) + " on sandbox node " + agent.node()
                        + " did not finish within " + timeout.toSeconds() + "s");
            }
            return new ExecResult(p.exitValue(), "", stderr.join());
        } catch (IOException e) {
            return new ExecResult(127, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IpamctlException.failed("interrupted");
        }
    }

    /** The node's OVS directory, once the sandbox's nodes run. */
    private synchronized Path node(String nodeName) {
        if (!started) {
            ensureStarted.run();
            started = true;
        }
        Path node = base.resolve(nodeName);
        if (!Files.exists(node.resolve("run").resolve("ovs-vswitchd.pid"))) {
            throw IpamctlException.failed("the sandbox has no Open vSwitch node " + nodeName);
        }
        return node;
    }
}
