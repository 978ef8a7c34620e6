package io.ipamctl.server;

import io.ipamctl.kube.CleanupOnExit;
import io.ipamctl.kube.Cleanups;
import java.util.ArrayList;
import java.util.List;

/**
 * The clean-up steps of one request. The server's JVM does not end at a Ctrl-C, so JVM shutdown
 * hooks would never run them: a cancelled request's worker runs its own steps as it unwinds (each
 * step with the interrupt set aside), and if it does not unwind in time the server runs what is left.
 */
final class RequestCleanups implements Cleanups {

    private final List<CleanupOnExit> pending = new ArrayList<>();

    @Override
    public synchronized CleanupOnExit register(String name, Runnable step) {
        CleanupOnExit[] self = new CleanupOnExit[1];
        self[0] = new CleanupOnExit(step, () -> unregister(self[0]));
        pending.add(self[0]);
        return self[0];
    }

    private synchronized void unregister(CleanupOnExit cleanup) {
        pending.remove(cleanup);
    }

    /** Runs every step not yet run (on a thread that is not interrupted). */
    void runPending() {
        List<CleanupOnExit> steps;
        synchronized (this) {
            steps = new ArrayList<>(pending);
            pending.clear();
        }
        for (CleanupOnExit c : steps) {
            try {
                c.runNow();
            } catch (RuntimeException e) {
                // one failed step must not keep the others from running
            }
        }
    }
}
