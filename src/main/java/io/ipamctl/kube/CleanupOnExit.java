package io.ipamctl.kube;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a clean-up step exactly once: when closed (normal end, error, timeout) or, if the JVM is
 * shutting down first (Ctrl-C, SIGTERM), from a shutdown hook, since a blocked main thread never
 * reaches its finally block then.
 */
public final class CleanupOnExit implements AutoCloseable {

    private final Runnable step;
    private final AtomicBoolean done = new AtomicBoolean();
    private final Thread hook;

    public CleanupOnExit(String name, Runnable step) {
        this.step = step;
        this.hook = new Thread(this::runOnce, "ipamctl-cleanup-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void runOnce() {
        if (done.compareAndSet(false, true)) {
            step.run();
        }
    }

    /** The shutdown hook, for tests that play an interrupted run. */
    Thread hook() {
        return hook;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or has run) the step; runOnce below is then a no-op
        }
        runOnce();
    }
}
