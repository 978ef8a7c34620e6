package io.ipamctl.commands.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real shell (bash, zsh, fish) on a generated completion script. {@code ipamctl} on its PATH
 * is a shim that runs this build's io.ipamctl.Main from the test class path, with HOME and
 * XDG_STATE_HOME in a temporary directory (its own sandbox cluster).
 */
final class ShellHarness {

    private final Path dir;

    ShellHarness(Path dir) throws IOException {
        this.dir = dir;
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("home"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path shim = bin.resolve("ipamctl");
        Files.writeString(
                shim,
                "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
                        + System.getProperty("java.class.path") + "' io.ipamctl.Main \"$@\"\n");
        if (!shim.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + shim + " executable");
        }
    }

    /** The shell's path, if it is installed. */
    static Optional<Path> find(String shell) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, shell);
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The script, written where the shell can source it. */
    Path script(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** HOME and XDG directories in the temporary directory, ipamctl's shim first on PATH. */
    private void environment(Map<String, String> env) {
        env.remove("KUBECONFIG");
        env.put(
                "PATH",
                dir.resolve("bin") + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", dir.resolve("home").toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("home/.config").toString());
        env.put("XDG_DATA_HOME", dir.resolve("home/.local/share").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("home/.cache").toString());
        env.put("IPAMCTL_SANDBOX_IDLE", "120s"); // a sandbox a failed test leaves behind ends by itself
    }

    /** Stops the sandbox process a completion started (a user's would stop when idle). */
    void stopSandbox() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                        dir.resolve("bin").resolve("ipamctl").toString(), "sandbox", "stop")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        environment(pb.environment());
        if (!pb.start().waitFor(120, TimeUnit.SECONDS)) {
            throw new AssertionError("ipamctl sandbox stop did not finish in 120 s");
        }
    }

    /** Runs the command; it must exit 0 with nothing on stderr. Returns stdout's lines. */
    List<String> run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        environment(pb.environment());
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(Arrays.toString(command) + " did not finish in 120 s");
        }
        assertEquals("", err.join(), "stderr of " + Arrays.toString(command));
        assertEquals(0, p.exitValue(), "exit code of " + Arrays.toString(command));
        List<String> lines = new ArrayList<>(out.lines().toList());
        return lines;
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
