package io.ipamctl.server;

import io.ipamctl.ExitCode;
import io.ipamctl.client.Wire;
import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Host;
import io.ipamctl.commands.InProcessOnly;
import io.ipamctl.output.Utf8Writer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection: the hello, then a status, a stop or one command run. For a run, the
 * command executes on a worker thread of its own with an {@link Environment} built only from the
 * request (its env, directory, terminal, stdin) and writers that frame its output, while this thread
 * keeps reading the client (stdin, cancel). Nothing per request comes from the server process.
 */
final class Conversation implements Runnable {

    private final Server server;
    private final Link link;
    private Wire.Reader reader;
    private Wire.Writer writer;
    private final AtomicBoolean answered = new AtomicBoolean();

    Conversation(Server server, Link link) {
        this.server = server;
        this.link = link;
    }

    @Override
    public void run() {
        try (link) {
            if (!link.admitted()) {
                return; // another user's process: closed without a word
            }
            reader = new Wire.Reader(link.in());
            writer = new Wire.Writer(link.out());
            Wire.Frame hello = reader.next();
            String[] h = hello == null || hello.type() != Wire.HELLO
                    ? new String[0]
                    : hello.text().split(" ", 3);
            if (h.length != 3 || !h[0].equals(Wire.VERSION)) {
                return; // not a client of this protocol version: it falls back to in-process
            }
            switch (h[1]) {
                case Wire.STATUS -> {
                    writer.text(Wire.INFO, server.status());
                    writer.number(Wire.EXIT, ExitCode.OK);
                }
                case Wire.STOP -> {
                    writer.text(Wire.INFO, server.status());
                    writer.number(Wire.EXIT, ExitCode.OK);
                    server.retire("stopped by ipamctl server stop");
                }
                case Wire.RUN -> run(h[2]);
                default -> {
                    // unknown kind: closing tells the client to run in-process
                }
            }
        } catch (IOException e) {
            // the client went away; a running request was cancelled by its reader loop
        }
    }

    private void run(String build) throws IOException {
        String cwd = null;
        String terminal = "";
        Map<String, String> env = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        for (Wire.Frame f = reader.next(); ; f = reader.next()) {
            if (f == null) {
                return;
            }
            if (f.type() == Wire.START) {
                break;
            }
            switch (f.type()) {
                case Wire.CWD -> cwd = f.text();
                case Wire.TERMINAL -> terminal = f.text();
                case Wire.ENV -> {
                    String e = f.text();
                    int eq = e.indexOf('=');
                    if (eq > 0) {
                        env.put(e.substring(0, eq), e.substring(eq + 1));
                    }
                }
                case Wire.ARG -> args.add(f.text());
                default -> {
                    // a newer client's frame: nothing this server needs
                }
            }
        }
        if (!build.equals(server.build())) {
            writer.text(Wire.OTHER_BUILD, server.build());
            server.retire("a client of another build (" + build + ") came");
            return;
        }
        if (cwd == null || !cwd.startsWith("/")) {
            writer.text(Wire.DECLINED, "no working directory");
            return;
        }
        String[] argv = args.toArray(String[]::new);
        RequestStdin stdin = new RequestStdin(writer);
        Environment environment = new Environment(
                env, Path.of(cwd), stdin, Environment.Terminal.parse(terminal), Environment.defaultStateDir(env));
        Optional<String> declined = InProcessOnly.reason(argv, environment);
        if (declined.isPresent()) {
            writer.text(Wire.DECLINED, declined.get());
            server.log("declined " + Server.describe(argv) + ": " + declined.get());
            return;
        }
        writer.empty(Wire.RUNNING);
        execute(argv, environment, stdin);
    }

    private void execute(String[] argv, Environment environment, RequestStdin stdin) throws IOException {
        FrameOutputStream stdout = new FrameOutputStream(writer, Wire.STDOUT);
        FrameOutputStream stderr = new FrameOutputStream(writer, Wire.STDERR);
        PrintWriter out = new PrintWriter(new Utf8Writer(stdout), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        RequestCleanups cleanups = new RequestCleanups();
        Host host = new Host(server.apiClients(), cleanups, true);
        AtomicBoolean cancelled = new AtomicBoolean();
        boolean stopped = true;
        long start = System.nanoTime();
        Thread worker = new Thread(
                () -> {
                    int code;
                    try {
                        code = server.runner().run(argv, environment, out, err, host);
                    } catch (RuntimeException | Error e) {
                        err.println("error: internal error in the ipamctl server: "
                                + e.getClass().getSimpleName() + " (run with IPAMCTL_SERVER=off to run in-process)");
                        code = ExitCode.ERROR;
                    }
                    out.flush();
                    err.flush();
                    finish(cancelled.get() ? ExitCode.INTERRUPTED : code, argv, start);
                },
                "ipamctl-request");
        worker.setDaemon(true);
        server.requestStarted();
        worker.start();
        try {
            while (worker.isAlive()) {
                Wire.Frame f = reader.next();
                if (f == null || f.type() == Wire.CANCEL) {
                    stdin.end();
                    stopped = cancel(worker, cleanups, stdout, cancelled, f == null);
                    break;
                }
                if (f.type() == Wire.STDIN) {
                    stdin.deliver(f.payload());
                } else if (f.type() == Wire.STDIN_END) {
                    stdin.end();
                }
            }
        } catch (IOException e) {
            if (!answered.get()) {
                stdin.end();
                stopped = cancel(worker, cleanups, stdout, cancelled, true); // the client vanished mid-request
            }
        } finally {
            stdin.end();
            if (stopped) {
                joinQuietly(worker);
            }
        }
    }

    /**
     * Ctrl-C (or the client went away): interrupt the worker, whose unwinding runs its clean-up
     * steps and ends with 130; if it does not stop within the grace time, run what is left of its
     * clean-up here, answer with a failure and retire the server (its stuck thread would stay).
     */
    private boolean cancel(
            Thread worker,
            RequestCleanups cleanups,
            FrameOutputStream stdout,
            AtomicBoolean cancelled,
            boolean clientGone) {
        cancelled.set(true);
        stdout.drop();
        writer.interrupt(worker);
        try {
            worker.join(server.settings().cancelGrace().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            cleanups.runPending();
            if (answered.compareAndSet(false, true) && !clientGone) {
                try {
                    writer.text(
                            Wire.STDERR,
                            "error: the command did not stop within "
                                    + Server.text(server.settings().cancelGrace())
                                    + " of Ctrl-C; its clean-up ran, and the ipamctl server restarts at the next command\n");
                    writer.number(Wire.EXIT, ExitCode.ERROR);
                } catch (IOException e) {
                    // the client is gone as well
                }
            }
            server.requestEnded();
            server.retire("a cancelled command did not stop within "
                    + Server.text(server.settings().cancelGrace()));
            return false;
        }
        return true;
    }

    private void finish(int code, String[] argv, long start) {
        if (!answered.compareAndSet(false, true)) {
            return; // the cancel answered already (and retired the server)
        }
        try {
            writer.number(Wire.EXIT, code);
        } catch (IOException e) {
            // the client is gone; nothing is waiting for the code
        }
        server.requestEnded();
        server.log(Server.describe(argv) + " -> " + code + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
        try {
            link.close(); // ends this conversation's read of the client
        } catch (IOException e) {
            // closed already
        }
    }

    private static void joinQuietly(Thread worker) {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
