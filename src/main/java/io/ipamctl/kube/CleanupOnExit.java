package io.ipamctl.kube;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clean-up step that runs exactly once: when closed (normal end, error, timeout) or, if the run is
 * interrupted first (Ctrl-C), from wherever its {@link Cleanups} registry runs it, since a blocked
 * thread never reaches its finally block then.
 */
public final class CleanupOnExit implements AutoCloseable {

    private final Runnable step;
    private final Runnable unregister;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    /** For {@link Cleanups} registries: unregister is called when the handle is closed. */
    public CleanupOnExit(Runnable step, Runnable unregister) {
        this.step = step;
        this.unregister = unregister;
    }

    /**
     * Runs the step unless it ran already, and returns once it has finished, also when another thread
     * runs it right now (so "its clean-up ran" holds for whoever returns from here). The step runs on a
     * thread of its own that nothing interrupts: a Ctrl-C that comes while it runs (the command had ended
     * by itself a moment before and was deleting its Traceflow) would otherwise cut its API calls short
     * and leave the object behind. The caller's interrupt, from before or during the wait, is kept for
     * after. What the step throws is thrown here to the thread that started it.
     */
    public void runNow() {
        boolean interrupted = Thread.interrupted();
        try {
            if (started.compareAndSet(false, true)) {
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread runner = new Thread(
                        () -> {
                            try {
                                step.run();
                            } catch (RuntimeException | Error e) {
                                failure.set(e);
                            } finally {
                                finished.countDown();
                            }
                        },
                        "ipamctl-cleanup");
                runner.setDaemon(true);
                runner.start();
                interrupted |= awaitFinished();
                rethrow(failure.get());
            } else {
                interrupted |= awaitFinished();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the step to end, whatever interrupts come meanwhile; whether one came. */
    private boolean awaitFinished() {
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    public boolean done() {
        return finished.getCount() == 0;
    }

    @Override
    public void close() {
        unregister.run();
        runNow();
    }
}
