package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ipamctl shell as a person meets it: the built launcher (cli/ipamctl) in a real pseudo-terminal
 * (tmux), against the sandbox, keys typed one line at a time, the whole screen compared at the end.
 * Also the shell reading lines from a pipe.
 */
class ShellIT {

    private static final String PROMPT = "ipamctl> ";

    /** Prompts on the screen (tmux drops the blank after a prompt with nothing typed). */
    private static long prompts(String screen) {
        return screen.lines().filter(l -> l.startsWith("ipamctl>")).count();
    }

    @TempDir
    Path dir;

    /** Types text, presses Enter, waits for the prompt that comes back (the n-th on the screen). */
    private static void enter(Tmux tmux, String text, int n) {
        if (!text.isEmpty()) {
            tmux.type(text);
        }
        tmux.keys("Enter");
        tmux.awaitScreen("prompt " + n, s -> prompts(s) == n);
    }

    /** Types text, presses TAB, waits until the screen shows the completed line. */
    private static void complete(Tmux tmux, String text, String completed) {
        tmux.type(text);
        tmux.keys("Tab");
        tmux.awaitScreen(completed, s -> s.contains(completed));
    }

    private Map<String, String> env() {
        // IPAMCTL_SERVER=off: the shell runs in-process anyway, and no warm server may outlive the test
        return Map.of(
                "HOME",
                dir.toString(),
                "XDG_STATE_HOME",
                dir.resolve("state").toString(),
                "IPAMCTL_NO_BUILD",
                "1",
                "TERM",
                "xterm-256color",
                "IPAMCTL_SERVER",
                "off");
    }

    /** The sandbox process the commands started (they leave it running, as for a user). */
    @AfterEach
    void stopSandbox() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher().toString(), "sandbox", "stop")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env());
        pb.start().waitFor(120, TimeUnit.SECONDS);
    }

    /** The pid of the sandbox process, from its server.json. */
    private long sandboxPid() throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("state/ipamctl/sandbox/server.json").toFile())
                .path("pid")
                .asLong();
    }

    private static Path launcher() {
        return Path.of("cli", "ipamctl").toAbsolutePath();
    }

    @Test
    void transcriptOfATypedSession() throws IOException {
        List<String> command = List.of(
                "bash",
                "-c",
                "\"$0\" \"$@\"; echo \"[exit $?]\"; sleep 600",
                launcher().toString(),
                "--sandbox",
                "-n",
                "ns-db",
                "shell");
        try (Tmux tmux = new Tmux(dir, 110, 45, env(), command)) {
            tmux.awaitScreen("the first prompt", s -> prompts(s) == 1);
            // (a completed word keeps the blank JLine puts after it, hence the \s below)
            // a live pool name completed with TAB, then run
            complete(tmux, "pool usage pool-a", PROMPT + "pool usage pool-ap");
            enter(tmux, "", 2);
            // -n ns-db given to shell applies: the error names ns-db; the shell goes on
            enter(tmux, "pod pin-ip nope 172.16.20.11", 3);
            // an option's value completes too
            complete(tmux, "pod pin-ip db-02 172.16.20.49 --recreate --dry-run=client --pool pool-d", "--pool pool-db");
            enter(tmux, "", 4);
            // Ctrl-C drops a half-typed line
            tmux.type("pool li");
            // the terminal drops unread input at Ctrl-C: wait until the shell has echoed the line
            tmux.awaitScreen("the half-typed line", s -> s.contains(PROMPT + "pool li"));
            tmux.keys("C-c");
            tmux.awaitScreen("prompt 5", s -> prompts(s) == 5);
            enter(tmux, "bogus", 6);
            // a line typed with the habitual "ipamctl" in front runs as well; -o completes the command's formats
            complete(tmux, "ipamctl ns list -o na", "-o name");
            enter(tmux, "", 7);
            tmux.type("exit");
            tmux.keys("Enter");
            String screen = tmux.awaitScreen("the exit code", s -> s.contains("[exit "));
            assertEquals("""
                    ipamctl shell: commands without 'ipamctl' (pool usage, ns list, help ...), TAB completes, exit leaves.
                    ipamctl> pool usage pool-ap\s
                    ipamctl: using the built-in sandbox cluster (pid %2$d); state in %1$s/state/ipamctl/sandbox/state.json
                    NAME      RANGES                      GATEWAY         VLAN   TOTAL   USED   FREE              USE%%
                    pool-ap   172.16.19.11-172.16.19.50   172.16.19.254     19      40      3     37   ░░░░░░░░░░ 7.5%%
                    ipamctl> pod pin-ip nope 172.16.20.11
                    error: pod nope not found in namespace ns-db (to create a new Pod with a pinned address, use -f FILE)
                    ipamctl> pod pin-ip db-02 172.16.20.49 --recreate --dry-run=client --pool pool-db\s
                    pod/db-02 re-created with 172.16.20.49 pinned from pool pool-db (dry run)
                    ipamctl> pool li
                    ipamctl> bogus
                    error: unknown command "bogus" for "ipamctl" (see 'ipamctl --help')
                    ipamctl> ipamctl ns list -o name\s
                    namespace/ns-ap
                    ipamctl> exit
                    [exit 0]
                    """.formatted(dir, sandboxPid()), screen);
        }
        List<String> history = Files.readAllLines(dir.resolve("state/ipamctl/shell_history")).stream()
                .map(l -> l.substring(l.indexOf(':') + 1))
                .toList();
        assertEquals(
                List.of(
                        "pool usage pool-ap",
                        "pod pin-ip nope 172.16.20.11",
                        "pod pin-ip db-02 172.16.20.49 --recreate --dry-run=client --pool pool-db",
                        "bogus",
                        "ipamctl ns list -o name",
                        "exit"),
                history);
    }

    @Test
    void linesFromAPipeRunWithoutPrompt() throws Exception {
        Path input = dir.resolve("lines.txt");
        Files.writeString(input, "pool usage pool-db --no-headers\nns list -o name\npool get nope\n");
        ProcessBuilder pb = new ProcessBuilder(launcher().toString(), "--sandbox", "shell")
                .redirectInput(input.toFile())
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        pb.environment().putAll(env());
        Process p = pb.start();
        assertEquals(true, p.waitFor(120, TimeUnit.SECONDS), "the shell did not end at the end of its input");
        assertEquals(0, p.exitValue());
        assertEquals("""
                pool-db   172.16.20.11-172.16.20.50   172.16.20.254   20   40   2   38   5.0%
                namespace/ns-ap
                """, Files.readString(dir.resolve("out"), StandardCharsets.UTF_8));
        assertEquals("""
                ipamctl: starting the built-in sandbox cluster (pid %2$d, log %1$s/state/ipamctl/sandbox/server.log) ...
                ipamctl: using the built-in sandbox cluster (pid %2$d, started now, fresh seed scenario); state in %1$s/state/ipamctl/sandbox/state.json
                error: pool "nope" not found in antrea, whereabouts, node, externalippool, servicecidr (list them with: ipamctl pool usage)
                """.formatted(dir, sandboxPid()), Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    /** JLine is for the shell only: other commands, help included, start without loading any of it. */
    @Test
    void otherCommandsNeverLoadJLine() throws Exception {
        String classPath = "target/ipamctl.jar:"
                + Files.readString(Path.of("target", "classpath.txt")).strip();
        for (List<String> args : List.of(
                List.of("--version"),
                List.of("--help"),
                List.of("pool", "usage", "--help"),
                List.of("--sandbox", "pool", "usage"))) {
            List<String> cmd =
                    new java.util.ArrayList<>(List.of("java", "-verbose:class", "-cp", classPath, "io.ipamctl.Main"));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env());
            Process p = pb.start();
            List<String> jline = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> l.contains(" org.jline.") || l.contains(" picocli.shell."))
                    .toList();
            assertEquals(0, p.waitFor(), String.join(" ", args));
            assertEquals(List.of(), jline, "classes loaded by ipamctl " + String.join(" ", args));
        }
    }
}
