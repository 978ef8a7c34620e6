package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CleanupOnExitTest {

    /** A registry that keeps what the JVM variant would hand to Runtime.addShutdownHook. */
    static final class Recorded implements Cleanups {
        final List<CleanupOnExit> registered = new ArrayList<>();
        final AtomicInteger unregistered = new AtomicInteger();

        @Override
        public CleanupOnExit register(String name, Runnable step) {
            CleanupOnExit c = new CleanupOnExit(step, unregistered::incrementAndGet);
            registered.add(c);
            return c;
        }
    }

    @Test
    void closingRunsTheStepOnceAndUnregistersIt() {
        AtomicInteger runs = new AtomicInteger();
        Recorded registry = new Recorded();
        CleanupOnExit cleanup = registry.register("t", runs::incrementAndGet);
        cleanup.close();
        cleanup.close();
        assertEquals(1, runs.get());
        assertTrue(registry.unregistered.get() >= 1);
        assertTrue(cleanup.done());
    }

    @Test
    void anInterruptedRunCleansUpFromTheRegistryAndTheLateFinallyDoesNothing() {
        AtomicInteger runs = new AtomicInteger();
        Recorded registry = new Recorded();
        CleanupOnExit cleanup = registry.register("t", runs::incrementAndGet);
        // what a JVM hook or the server's cancel does while the run is still blocked
        registry.registered.get(0).runNow();
        assertEquals(1, runs.get());
        cleanup.close();
        assertEquals(1, runs.get());
    }

    @Test
    void anInterruptedThreadRunsTheStepWithTheInterruptSetAsideAndKeepsIt() {
        AtomicBoolean interruptedDuringStep = new AtomicBoolean(true);
        CleanupOnExit cleanup = new Recorded()
                .register(
                        "t",
                        () -> interruptedDuringStep.set(Thread.currentThread().isInterrupted()));
        Thread.currentThread().interrupt();
        cleanup.close();
        assertFalse(interruptedDuringStep.get(), "the step's API calls must not see the interrupt");
        assertTrue(Thread.interrupted(), "the interrupt is kept for the code that unwinds");
    }

    @Test
    void theJvmRegistryAddsAndRemovesAShutdownHook() {
        AtomicInteger runs = new AtomicInteger();
        CleanupOnExit cleanup = Cleanups.JVM.register("t", runs::incrementAndGet);
        cleanup.close();
        assertEquals(1, runs.get());
    }
}
