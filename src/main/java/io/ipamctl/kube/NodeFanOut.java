package io.ipamctl.kube;

import io.ipamctl.IpamctlException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

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

    private NodeFanOut() {}

    public static <T> List<Outcome<T>> run(List<AntreaAgents.Lookup> targets, Function<AgentPod, T> work) {
        return run(targets, work, done -> {});
    }

    /**
     * As {@link #run(List, Function)}, telling answered how many nodes have answered so far (1, 2, ... in
     * order, one call at a time), for a progress line.
     */
    public static <T> List<Outcome<T>> run(
            List<AntreaAgents.Lookup> targets, Function<AgentPod, T> work, IntConsumer answered) {
        return runIndexed(targets, (i, agent) -> work.apply(agent), answered);
    }

    /**
     * Like {@link #run}, but each node's work emits items while it runs, and {@code consumer} gets
     * them on the calling thread in node order (the first node's, then the second's, ...) as soon as
     * they are produced: the first node's output streams, later nodes' wait in memory for their turn.
     */
    public static <T, R> List<Outcome<T>> stream(
            List<AntreaAgents.Lookup> targets,
            BiFunction<AgentPod, Consumer<R>, T> work,
            Consumer<R> consumer,
            IntConsumer answered) {
        List<BlockingQueue<Object>> queues = new ArrayList<>();
        targets.forEach(t -> queues.add(new LinkedBlockingQueue<>()));
        Object end = new Object();
        CompletableFuture<List<Outcome<T>>> all = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return runIndexed(
                                targets,
                                (i, agent) -> {
                                    Batches<R> batches = new Batches<>(queues.get(i));
                                    try {
                                        return work.apply(agent, batches);
                                    } finally {
                                        batches.flush();
                                        queues.get(i).add(end);
                                    }
                                },
                                answered);
                    } finally {
                        queues.forEach(q -> q.add(end)); // nodes without a usable agent never ran
                    }
                },
                r -> daemon(r, "node-fan-out").start());
        try {
            for (BlockingQueue<Object> q : queues) {
                for (Object batch = q.take(); batch != end; batch = q.take()) {
                    @SuppressWarnings("unchecked")
                    List<R> items = (List<R>) batch;
                    items.forEach(consumer);
                }
            }
            return all.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IpamctlException.failed("interrupted");
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * A node's items handed on in batches: one queue hand-off (a lock, often a wake-up of the reading
     * thread) per item was ~10% of `ovs flows`' CPU at 100k flows.
     */
    private static final class Batches<R> implements Consumer<R> {
        static final int SIZE = 256;
        private final BlockingQueue<Object> queue;
        private List<R> batch = new ArrayList<>(SIZE);

        Batches(BlockingQueue<Object> queue) {
            this.queue = queue;
        }

        @Override
        public void accept(R item) {
            batch.add(item);
            if (batch.size() == SIZE) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                queue.add(batch);
                batch = new ArrayList<>(SIZE);
            }
        }
    }

    private static <T> List<Outcome<T>> runIndexed(
            List<AntreaAgents.Lookup> targets, BiFunction<Integer, AgentPod, T> work, IntConsumer answered) {
        List<Outcome<T>> out = new ArrayList<>();
        if (targets.size() == 1) {
            out.add(one(targets.get(0), agent -> work.apply(0, agent)));
            answered.accept(1);
            return out;
        }
        Object lock = new Object();
        int[] done = {0};
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(PARALLELISM, Math.max(1, targets.size())), r -> daemon(r, "node-exec"));
        try {
            List<Future<Outcome<T>>> futures = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    Outcome<T> outcome = one(targets.get(index), agent -> work.apply(index, agent));
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

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
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
            return new Outcome<>(
                    target.node(), target.agent(), null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
