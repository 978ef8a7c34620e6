package io.ipamctl.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The sandbox's stand-ins for Antrea's agents and controllers, driven by every change the API server
 * stores: the IPAM stand-in when Pods, pools or namespaces change, the Service and Egress address
 * stand-in when Services, Egresses, ExternalIPPools, ServiceCIDRs or IPAddresses change, the OVS nodes
 * when Pods, Nodes, namespaces or NetworkPolicies change, the Traceflow stand-in for each new Traceflow. All of them run
 * on one thread, one after the other, so they never race each other; changes that arrive meanwhile
 * are coalesced into the next round. {@link #awaitSettled} waits until nothing is left to do.
 */
final class SandboxControllers {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A write of a stand-in may conflict with a client's write: it is tried again, a few times. */
    private static final int ATTEMPTS = 3;

    private final SandboxAntrea antrea;
    private final SandboxServices services;
    private final SandboxOvs ovs;
    private final SandboxTraceflow traceflow;
    private final Consumer<String> log;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-controllers");
        t.setDaemon(true);
        return t;
    });
    private final Object monitor = new Object();
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private final Set<String> traceflows = new LinkedHashSet<>();
    private boolean antreaDirty;
    private boolean servicesDirty;
    private boolean ovsDirty;
    private boolean ovsStart;
    private boolean busy;
    private volatile long lastBusy = System.nanoTime();

    SandboxControllers(
            SandboxAntrea antrea,
            SandboxServices services,
            SandboxOvs ovs,
            SandboxTraceflow traceflow,
            Consumer<String> log) {
        this.antrea = antrea;
        this.services = services;
        this.ovs = ovs;
        this.traceflow = traceflow;
        this.log = log;
    }

    /** One object was stored (old or new null for a create or delete). */
    void changed(String oldJson, String newJson) {
        JsonNode now = parse(newJson);
        JsonNode before = parse(oldJson);
        JsonNode any = now != null ? now : before;
        if (any == null) {
            return;
        }
        String kind = any.path("kind").asText();
        String group = any.path("apiVersion").asText();
        synchronized (monitor) {
            switch (kind) {
                case "Pod", "Namespace" -> {
                    antreaDirty = true;
                    ovsDirty = true;
                }
                case "Node", "NetworkPolicy" -> ovsDirty = true;
                case "IPPool" -> antreaDirty |= group.startsWith("crd.antrea.io/");
                case "Service", "Egress", "ExternalIPPool", "ServiceCIDR", "IPAddress" -> servicesDirty = true;
                case "Traceflow" -> {
                    if (now != null
                            && now.path("status").path("phase").asText("").isEmpty()) {
                        traceflows.add(now.path("metadata").path("name").asText());
                    }
                }
                default -> {
                    return;
                }
            }
            schedule();
        }
    }

    /** Every object was replaced: everything is looked at again. */
    void replaced() {
        synchronized (monitor) {
            antreaDirty = true;
            servicesDirty = true;
            ovsDirty = true;
            schedule();
        }
    }

    /** The OVS nodes are wanted: they start in the next round (their phase says Starting at once). */
    void startOvs() {
        synchronized (monitor) {
            ovs.starting();
            ovsStart = true;
            schedule();
        }
    }

    /** Runs a task (reset, clean-up) on the controller thread before anything else queued. */
    void submit(Runnable task) {
        synchronized (monitor) {
            tasks.add(task);
            schedule();
        }
    }

    /** Waits until every change stored so far has been acted on; false when the time ran out. */
    boolean awaitSettled(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (busy) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            return true;
        }
    }

    /** Whether a round runs or is queued. */
    boolean busy() {
        synchronized (monitor) {
            return busy;
        }
    }

    /** Nanos when the stand-ins last finished their work. */
    long lastBusy() {
        return lastBusy;
    }

    /** Lets the running round finish (bounded) and takes no more. */
    void shutdown(Duration timeout) {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void schedule() {
        if (!busy && !thread.isShutdown()) {
            busy = true;
            thread.execute(this::rounds);
        }
    }

    private void rounds() {
        while (true) {
            Runnable task;
            boolean start;
            boolean reconcile;
            boolean addresses;
            boolean sync;
            Set<String> answer;
            synchronized (monitor) {
                task = tasks.poll();
                start = ovsStart;
                reconcile = antreaDirty;
                addresses = servicesDirty;
                sync = ovsDirty;
                answer = new LinkedHashSet<>(traceflows);
                // once stopping, what is left undone no longer matters: the sandbox stops sooner
                if (thread.isShutdown()
                        || task == null && !start && !reconcile && !addresses && !sync && answer.isEmpty()) {
                    busy = false;
                    lastBusy = System.nanoTime();
                    monitor.notifyAll();
                    return;
                }
                if (task == null) {
                    ovsStart = false;
                    antreaDirty = false;
                    servicesDirty = false;
                    ovsDirty = false;
                    traceflows.clear();
                }
            }
            if (task != null) {
                guarded("task", task, 1);
                continue;
            }
            if (start) {
                guarded("Open vSwitch start", ovs::start, 1);
            }
            if (reconcile) {
                guarded("IPAM", antrea::reconcile, ATTEMPTS);
            }
            if (addresses) {
                guarded("Service and Egress addresses", services::reconcile, ATTEMPTS);
            }
            if (sync && !start) {
                guarded("Open vSwitch sync", ovs::syncAll, 1);
            }
            for (String name : answer) {
                guarded("Traceflow " + name, () -> traceflow.answer(name), ATTEMPTS);
            }
        }
    }

    private void guarded(String what, Runnable step, int attempts) {
        for (int i = 1; i <= attempts; i++) {
            try {
                step.run();
                return;
            } catch (RuntimeException e) {
                log.accept(what + " failed" + (i < attempts ? " (trying again)" : "") + ": " + e);
            }
        }
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
