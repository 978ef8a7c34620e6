package io.ipamctl.kube;

/**
 * Where a run registers what must be undone when it is interrupted (a Traceflow to delete, a screen
 * to restore). A plain process runs the steps from JVM shutdown hooks at Ctrl-C ({@link #JVM});
 * the warm server keeps them per request and runs them when that request is cancelled, since its
 * JVM does not end.
 */
public interface Cleanups {

    /** Registers step; the returned handle runs it at most once, at close or at interruption. */
    CleanupOnExit register(String name, Runnable step);

    /** One JVM shutdown hook per step, removed again when the step's handle is closed. */
    Cleanups JVM = (name, step) -> {
        Thread[] hook = new Thread[1];
        CleanupOnExit cleanup = new CleanupOnExit(step, () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook[0]);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs (or has run) the step; running it again is a no-op
            }
        });
        hook[0] = new Thread(cleanup::runNow, "ipamctl-cleanup-" + name);
        Runtime.getRuntime().addShutdownHook(hook[0]);
        return cleanup;
    };
}
