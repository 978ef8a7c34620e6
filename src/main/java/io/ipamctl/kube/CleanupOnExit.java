package io.ipamctl.kube;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A clean-up step that runs exactly once: when closed (normal end, error, timeout) or, if the run is
 * interrupted first (Ctrl-C), from wherever its {@link Cleanups} registry runs it, since a blocked
 * thread never reaches its finally block then.
 */
public final class CleanupOnExit implements AutoCloseable {

    private final Runnable step;
    private final Runnable unregister;
    private final AtomicBoolean done = new AtomicBoolean();

    /** For {@link Cleanups} registries: unregister is called when the handle is closed. */
    public CleanupOnExit(Runnable step, Runnable unregister) {
        this.step = step;
        this.unregister = unregister;
    }

    /**
     * Runs the step unless it ran already. An interrupted thread (a cancelled request unwinding)
     * runs it with the interrupt set aside, or every API call of the step would fail at once.
     */
    public void runNow() {
        if (done.compareAndSet(false, true)) {
            boolean interrupted = Thread.interrupted();
            try {
                step.run();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    public boolean done() {
        return done.get();
    }

    @Override
    public void close() {
        unregister.run();
        runNow();
    }
}
