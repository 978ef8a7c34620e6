package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CleanupOnExitTest {

    @Test
    void closingRunsTheStepOnceAndUnregistersTheHook() {
        AtomicInteger runs = new AtomicInteger();
        CleanupOnExit cleanup = new CleanupOnExit("t", runs::incrementAndGet);
        cleanup.close();
        cleanup.close();
        assertEquals(1, runs.get());
        assertFalse(Runtime.getRuntime().removeShutdownHook(cleanup.hook()), "hook already removed");
    }

    @Test
    void anInterruptedRunCleansUpFromTheHookAndTheLateFinallyDoesNothing() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CleanupOnExit cleanup = new CleanupOnExit("t", runs::incrementAndGet);
        // what the JVM does on Ctrl-C: run the hook while the main thread is still blocked
        Thread hook = cleanup.hook();
        hook.start();
        hook.join();
        assertEquals(1, runs.get());
        cleanup.close();
        assertEquals(1, runs.get());
    }
}
