package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntConsumer;

import io.ipamctl.IpamctlException;

/**
 * Runs one piece of work per node in parallel, at most {@link #PARALLELISM} at a time, and keeps
 * every node's outcome: a failing node never hides the others.
 */
public final class NodeFanOut {

    public static final int PARALLELISM = 16;

    /** The outcome for one node: a value or a one-line error. */
    public record Outcome<T>(String node, AgentPod agent, T value, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private NodeFanOut() {
    }

    public static <T> List<Outcome<T>> run(List<AntreaAgents.Lookup> targets, Function<AgentPod, T> work) {
        return run(targets, work, done -> { });
    }

    /**
     * As {@link #run(List, Function)}, telling answered how many nodes have answered so far (1, 2, ... in
     * order, one call at a time), for a progress line.
     */
    public static <T> List<Outcome<T>> run(List<AntreaAgents.Lookup> targets, Function<AgentPod, T> work,
                                           IntConsumer answered) {
        List<Outcome<T>> out = new ArrayList<>();
        if (targets.size() == 1) {
            out.add(one(targets.get(0), work));
            answered.accept(1);
            return out;
        }
        Object lock = new Object();
        int[] done = {0};
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLELISM, Math.max(1, targets.size())), r -> {
            Thread t = new Thread(r, "node-exec");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome<T>>> futures = new ArrayList<>();
            for (AntreaAgents.Lookup target : targets) {
                futures.add(pool.submit(() -> {
                    Outcome<T> outcome = one(target, work);
                    synchronized (lock) {
                        answered.accept(++done[0]);
                    }
                    return outcome;
                }));
            }
            for (Future<Outcome<T>> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IpamctlException.failed("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static <T> Outcome<T> one(AntreaAgents.Lookup target, Function<AgentPod, T> work) {
        if (!target.usable()) {
            return new Outcome<>(target.node(), target.agent(), null, target.problem());
        }
        try {
            return new Outcome<>(target.node(), target.agent(), work.apply(target.agent()), null);
        } catch (IpamctlException e) {
            return new Outcome<>(target.node(), target.agent(), null, e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome<>(target.node(), target.agent(), null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
