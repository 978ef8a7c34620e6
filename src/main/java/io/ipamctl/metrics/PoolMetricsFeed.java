package io.ipamctl.metrics;

import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.output.MetricFamily;
import io.ipamctl.output.PoolMetrics;
import io.ipamctl.sources.SourceWatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The pool metrics of `metrics serve`, kept current by watches: the pools are read once at start and
 * again after each burst of changes (never per scrape), so a scrape only copies the last result. A
 * watch the server ends is opened again and the pools read again (a re-list: events may have been
 * missed); a failed read is retried with back-off. Besides the pools it counts its own work.
 */
public final class PoolMetricsFeed {

    /** One read of every pool shown; its argument receives the pools' warnings. */
    public interface Look {
        List<SourceUsage> usages(Consumer<String> warn);
    }

    /** Starts a watch: onChange at every change, onEnd with the reason when the server ends it for good. */
    public interface Watcher {
        SourceWatch open(Runnable onChange, Consumer<String> onEnd);
    }

    /** What a scrape shows; replaced as a whole after each read, so a scrape never sees half an update. */
    record State(
            List<MetricFamily> pools,
            Instant lastUpdate,
            boolean lastOk,
            Duration lastDuration,
            long updates,
            long errors,
            long watchRestarts) {}

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final Look look;
    private final Watcher watcher;
    private final Consumer<String> log;
    private final Clock clock;
    private final Semaphore changed = new Semaphore(0);
    private final AtomicReference<String> ended = new AtomicReference<>();
    private final Set<String> warned = new HashSet<>();
    private volatile State state = new State(null, null, false, Duration.ZERO, 0, 0, 0);

    /** @param log where warnings and errors go (stderr), each warning once */
    public PoolMetricsFeed(Look look, Watcher watcher, Consumer<String> log, Clock clock) {
        this.look = look;
        this.watcher = watcher;
        this.log = log;
        this.clock = clock;
    }

    /** Watches and reads until interrupted; the watch is closed on the way out. */
    public void run() throws InterruptedException {
        SourceWatch watch = null;
        Duration retry = FIRST_RETRY;
        try {
            while (true) {
                if (watch == null) {
                    try {
                        watch = watcher.open(changed::release, reason -> {
                            ended.set(reason);
                            changed.release();
                        });
                    } catch (RuntimeException e) {
                        failed("cannot watch the pools", e, Duration.ZERO);
                        TimeUnit.MILLISECONDS.sleep(retry.toMillis());
                        retry = next(retry);
                        continue;
                    }
                }
                // the watch runs before the read, so no change falls between the two
                boolean ok = read();
                if (ok) {
                    retry = FIRST_RETRY;
                    changed.acquire();
                } else {
                    changed.tryAcquire(retry.toMillis(), TimeUnit.MILLISECONDS);
                    retry = next(retry);
                }
                changed.drainPermits(); // a burst of changes is read once
                String reason = ended.getAndSet(null);
                if (reason != null) {
                    log.accept("warning: " + reason + "; watching and reading the pools again");
                    watch.close();
                    watch = null;
                    State s = state;
                    state = new State(
                            s.pools(),
                            s.lastUpdate(),
                            s.lastOk(),
                            s.lastDuration(),
                            s.updates(),
                            s.errors(),
                            s.watchRestarts() + 1);
                }
            }
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }

    private boolean read() {
        Instant start = clock.instant();
        try {
            List<SourceUsage> usages = look.usages(this::warnOnce);
            Instant end = clock.instant();
            State s = state;
            state = new State(
                    PoolMetrics.usage(usages),
                    end,
                    true,
                    Duration.between(start, end),
                    s.updates() + 1,
                    s.errors(),
                    s.watchRestarts());
            return true;
        } catch (RuntimeException e) {
            failed("cannot read the pools", e, Duration.between(start, clock.instant()));
            return false;
        }
    }

    private void failed(String what, RuntimeException e, Duration took) {
        // an API error is explained by its IpamctlException; anything else is a bug, named without internals
        log.accept("error: " + what + ": " + (e instanceof IpamctlException ? e.getMessage() : "unexpected error")
                + "; trying again");
        State s = state;
        state = new State(s.pools(), s.lastUpdate(), false, took, s.updates(), s.errors() + 1, s.watchRestarts());
    }

    private void warnOnce(String message) {
        if (warned.add(message)) {
            log.accept("warning: " + message);
        }
    }

    private static Duration next(Duration retry) {
        Duration doubled = retry.multipliedBy(2);
        return doubled.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : doubled;
    }

    /** Whether the last read of the pools worked (/healthz). */
    public boolean healthy() {
        return state.lastOk();
    }

    /** The pools' metrics as last read (none before the first read worked), then the feed's own. */
    public List<MetricFamily> families() {
        State s = state;
        List<MetricFamily> all = new ArrayList<>();
        if (s.pools() != null) {
            all.addAll(s.pools());
        }
        all.add(MetricFamily.gauge(
                        "ipamctl_metrics_last_update_timestamp_seconds",
                        "When the pool metrics were last read successfully (Unix time; 0 before the first read).")
                .with(s.lastUpdate() == null ? 0 : s.lastUpdate().toEpochMilli() / 1000.0));
        all.add(MetricFamily.gauge(
                        "ipamctl_metrics_last_update_success",
                        "1 when the last read of the pools worked, 0 when it failed (the values shown are older).")
                .with(s.lastOk() ? 1 : 0));
        all.add(MetricFamily.gauge(
                        "ipamctl_metrics_last_update_duration_seconds", "How long the last read of the pools took.")
                .with(s.lastDuration().toNanos() / 1e9));
        all.add(MetricFamily.counter(
                        "ipamctl_metrics_updates_total",
                        "Successful reads of the pools (one at start, then one per burst of changes).")
                .with(s.updates()));
        all.add(MetricFamily.counter(
                        "ipamctl_metrics_update_errors_total",
                        "Failed reads or watches of the pools (API server unreachable, forbidden, ...).")
                .with(s.errors()));
        all.add(MetricFamily.counter(
                        "ipamctl_metrics_watch_restarts_total",
                        "Watches the API server ended, after which the pools were watched and read again.")
                .with(s.watchRestarts()));
        return all;
    }
}
