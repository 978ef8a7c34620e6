package io.ipamctl.it;

import io.ipamctl.server.InJvmServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The home of a test's cli/ipamctl runs (HOME, XDG_RUNTIME_DIR, XDG_STATE_HOME) in a short directory
 * of /tmp of its own, and the end of what those runs leave behind: a launcher starts a server in the
 * background after its command, detached and on a loaded machine seconds later, and that server
 * writes its socket and log in the runtime directory. {@link #close} waits until every start has
 * happened, stops every server of this home and then removes the directory, so nothing writes into
 * it while it goes (a directory inside JUnit's @TempDir could not be deleted while a server wrote).
 */
final class LauncherHome implements AutoCloseable {

    private final Path dir;
    private final Path runtime;

    LauncherHome(String prefix) throws IOException {
        dir = InJvmServer.shortTempDir(prefix);
        runtime = Files.createDirectories(dir.resolve("run"));
    }

    Path dir() {
        return dir;
    }

    /** XDG_RUNTIME_DIR: the server's socket is runtime/ipamctl/s. */
    Path runtime() {
        return runtime;
    }

    /** HOME, XDG_RUNTIME_DIR and XDG_STATE_HOME of a run in this home. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        return env;
    }

    /**
     * The launchers' background jobs of this home that have not yet become a server (the subshell that
     * builds the clients and then execs the server's JVM runs the launcher's own command line), found by
     * this home's runtime directory in their environment.
     */
    List<Long> starters() {
        String launcher = Path.of("cli", "ipamctl").toAbsolutePath() + "\0";
        String mine = "\0XDG_RUNTIME_DIR=" + runtime + "\0";
        return ProcessHandle.allProcesses()
                .filter(p -> commandLine(p).contains(launcher) && environment(p).contains(mine))
                .map(ProcessHandle::pid)
                .toList();
    }

    /**
     * The server processes of this home (their crash-log path is in its directory; a sandbox process a
     * server started has the same JVM options, but another main class).
     */
    List<Long> servers() {
        String mine = "-XX:ErrorFile=" + dir;
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    String c = commandLine(p);
                    return c.contains(mine) && c.endsWith("\0io.ipamctl.Main\0server\0run\0");
                })
                .map(ProcessHandle::pid)
                .toList();
    }

    /** Waits for every server start of this home, stops its servers, removes the directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        while (!starters().isEmpty()) {
            Thread.sleep(50);
        }
        for (long pid : servers()) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy();
                p.onExit().join();
            });
        }
        InJvmServer.deleteTree(dir);
    }

    /** The environment of a process, NUL-separated, with a NUL in front ("" when it is gone). */
    private static String environment(ProcessHandle p) {
        try {
            return "\0"
                    + new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ")),
                            StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The whole command line (ProcessHandle's is cut after a few KB, before the main class of a long class path). */
    private static String commandLine(ProcessHandle p) {
        try {
            return new String(
                    Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
