package io.ipamctl.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A program in a real pseudo-terminal: a tmux server of its own (private socket), one window of a
 * fixed size, keys sent as a person types them, the screen read back as text.
 */
final class Tmux implements AutoCloseable {

    private final Path socket;

    /** Starts command in a new window of width x height, with env added to this process's environment. */
    Tmux(Path dir, int width, int height, Map<String, String> env, List<String> command) {
        boolean installed = List.of("/usr/bin/tmux", "/usr/local/bin/tmux").stream()
                .anyMatch(p -> Path.of(p).toFile().canExecute());
        if (!installed) {
            System.err.println(
                    "#### tmux is not installed: the pseudo-terminal tests are SKIPPED (apt-get install tmux) ####");
        }
        Assumptions.assumeTrue(installed, "tmux is not installed");
        socket = dir.resolve("tmux.sock");
        List<String> args = new ArrayList<>(
                List.of("new-session", "-d", "-s", "t", "-x", String.valueOf(width), "-y", String.valueOf(height)));
        args.addAll(command);
        run(env, args);
    }

    /** Text typed as is (no key names). */
    void type(String text) {
        run(Map.of(), List.of("send-keys", "-t", "t", "-l", text));
    }

    /** Keys by tmux's names: Enter, Tab, C-c, C-d. */
    void keys(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "t"));
        args.addAll(List.of(keys));
        run(Map.of(), args);
    }

    /** The screen as text, wrapped lines joined, without the empty lines below the last one written. */
    String screen() {
        String s = run(Map.of(), List.of("capture-pane", "-p", "-J", "-t", "t"));
        return s.stripTrailing() + "\n";
    }

    /** Waits until the screen shows what the test waits for (bounded only to fail a hanging test). */
    String awaitScreen(String what, Predicate<String> shown) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            String s = screen();
            if (shown.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal never showed " + what + "; it shows:\n" + s);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private String run(Map<String, String> env, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("tmux " + args + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run tmux: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder("tmux", "-S", socket.toString(), "kill-server")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            System.err.println("tmux kill-server: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
