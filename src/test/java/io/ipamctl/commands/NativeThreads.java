package io.ipamctl.commands;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Threads a command left running in native code. HotSpot's exit waits up to ~0.3 s (30 waits of
 * 10 ms) for every thread that is in native code (a selector in epoll_wait, a socket read), so a
 * command that leaves one behind makes its process linger after its output; a thread that waits in
 * Java (a parked pool thread) does not delay the exit.
 */
public final class NativeThreads {

    private NativeThreads() {}

    public static Set<Thread> now() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /**
     * The threads started since before that are still running in native code, each as "name at frame";
     * a thread on its way out is given a generous while to finish (no duration is asserted).
     */
    public static List<String> startedSince(Set<Thread> before, Predicate<Thread> notTheCommands) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            List<String> found = Thread.getAllStackTraces().entrySet().stream()
                    .filter(e -> !before.contains(e.getKey()) && !notTheCommands.test(e.getKey()))
                    .filter(NativeThreads::inNative)
                    .map(e -> e.getKey().getName() + " at " + e.getValue()[0])
                    .sorted()
                    .toList();
            if (found.isEmpty() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    private static boolean inNative(Map.Entry<Thread, StackTraceElement[]> e) {
        StackTraceElement[] stack = e.getValue();
        return e.getKey().isAlive()
                && e.getKey().getState() == Thread.State.RUNNABLE
                && stack.length > 0
                && stack[0].isNativeMethod();
    }
}
