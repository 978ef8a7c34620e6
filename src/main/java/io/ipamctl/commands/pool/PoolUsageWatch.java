package io.ipamctl.commands.pool;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.CleanupOnExit;
import io.ipamctl.output.Frames;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.OutputRequest;
import io.ipamctl.output.Printable;
import io.ipamctl.output.Printer;
import io.ipamctl.sources.SourceWatch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/** pool usage --watch: the view again after every change of any pool shown, until interrupted. */
final class PoolUsageWatch {

    /** Starts watching: onChange at every change, onEnd with the reason when the server ends the watch for good. */
    interface Watcher {
        SourceWatch open(Runnable onChange, Consumer<String> onEnd);
    }

    private PoolUsageWatch() {}

    /**
     * @param look one look at the pools; its argument receives the pools' problems
     * @return 130 when interrupted (Ctrl-C in the shell; a plain run ends with the JVM at Ctrl-C)
     */
    // "try": the resource only guards the block (a lock, a clean-up), so the body never names it
    @SuppressWarnings("try")
    static int run(
            Session session, Watcher watcher, OutputRequest request, Function<Consumer<String>, Printable> look) {
        Semaphore changed = new Semaphore(0);
        AtomicReference<String> ended = new AtomicReference<>();
        boolean inPlace = session.environment().stdoutTerminal();
        Frames frames = new Frames(session.out(), inPlace, request.format() == OutputFormat.YAML ? "---\n" : "\n");
        Set<String> warned = new HashSet<>();
        Consumer<String> warnOnce = message -> {
            if (warned.add(message)) {
                session.warn(message);
                frames.keepShown();
            }
        };
        // the watch starts before the first look, so no change falls between the two
        try (CleanupOnExit screen = session.cleanups().register("watch-screen", frames::close);
                SourceWatch watch = watcher.open(changed::release, reason -> {
                    ended.set(reason);
                    changed.release();
                })) {
            while (true) {
                frames.show(render(session, look.apply(warnOnce), request));
                changed.acquire();
                changed.drainPermits(); // a burst of changes is shown once
                if (ended.get() != null) {
                    throw IpamctlException.failed(ended.get());
                }
            }
        } catch (InterruptedException e) {
            return ExitCode.INTERRUPTED;
        }
    }

    private static String render(Session session, Printable view, OutputRequest request) {
        StringWriter frame = new StringWriter();
        new Printer(new PrintWriter(frame), session.ansi()).print(view, request);
        return frame.toString();
    }
}
