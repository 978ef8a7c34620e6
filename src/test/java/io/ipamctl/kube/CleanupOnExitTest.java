package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

    /**
     * ServerIT's Ctrl-C flake: the command had ended by itself and was deleting its Traceflow when the Ctrl-C
     * came; the server's interrupt of the worker cut the delete short ("could not delete Traceflow …"). An
     * interrupt of the thread that runs the clean-up must not reach the step.
     */
    @Test
    void anInterruptThatComesWhileTheStepRunsDoesNotReachIt() throws Exception {
        CountDownLatch stepStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> step = new AtomicReference<>("not run");
        CleanupOnExit cleanup = new Recorded().register("t", () -> {
            stepStarted.countDown();
            try {
                release.await(); // a blocking API call
                step.set("finished");
            } catch (InterruptedException e) {
                step.set("interrupted");
            }
        });
        AtomicBoolean keptInterrupt = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            cleanup.close();
            keptInterrupt.set(Thread.interrupted());
        });
        worker.start();
        stepStarted.await();
        worker.interrupt(); // the Ctrl-C, while the step runs
        release.countDown();
        worker.join();
        assertEquals("finished", step.get());
        assertTrue(keptInterrupt.get(), "the interrupt is kept for the code that unwinds");
    }

    /**
     * The server's cancel runs what is left of a stuck command's clean-up and then says "its clean-up ran":
     * a step the command's own thread runs at that moment is waited for, not skipped.
     */
    @Test
    void aSecondCallerWaitsForTheStepAnotherThreadRuns() throws Exception {
        CountDownLatch stepStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        CleanupOnExit cleanup = new Recorded().register("t", () -> {
            stepStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.set(true);
        });
        Thread first = new Thread(cleanup::runNow);
        first.start();
        stepStarted.await();
        AtomicBoolean seenBySecond = new AtomicBoolean();
        Thread second = new Thread(() -> {
            cleanup.runNow();
            seenBySecond.set(finished.get());
        });
        second.start();
        // the step is released only once the second caller has returned or waits (it must wait)
        while (second.getState() != Thread.State.WAITING && second.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
        release.countDown();
        second.join();
        first.join();
        assertTrue(seenBySecond.get(), "the second caller returned while the step was still running");
        assertTrue(cleanup.done());
    }

    @Test
    void whatTheStepThrowsReachesTheThreadThatRanIt() {
        CleanupOnExit cleanup = new Recorded().register("t", () -> {
            throw new IllegalStateException("restore failed");
        });
        IllegalStateException e =
                org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, cleanup::close);
        assertEquals("restore failed", e.getMessage());
    }

    @Test
    void theJvmRegistryAddsAndRemovesAShutdownHook() {
        AtomicInteger runs = new AtomicInteger();
        CleanupOnExit cleanup = Cleanups.JVM.register("t", runs::incrementAndGet);
        cleanup.close();
        assertEquals(1, runs.get());
    }
}
