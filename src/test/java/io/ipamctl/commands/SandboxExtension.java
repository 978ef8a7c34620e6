package io.ipamctl.commands;

import io.ipamctl.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One sandbox server per test class, in this JVM (the same server the sandbox process runs), back at
 * the seed scenario before each test. {@link #cli()} runs commands against it with --sandbox, each
 * after the sandbox's stand-ins have acted on everything the previous command changed, so tests never
 * race the stand-ins. Register with {@code @RegisterExtension static final SandboxExtension sandbox = ...}
 * and take the runner as a field, {@code final CliRun cli = sandbox.cli();}: JUnit makes the test instance
 * after the extension's beforeAll, so no {@code @BeforeEach} set-up is needed (not with
 * {@code @TestInstance(PER_CLASS)}, whose instance comes first).
 */
public final class SandboxExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** The caller's HOME and XDG_STATE_HOME; the state directory is its ipamctl/ folder, as for a real caller. */
    private Path home;

    private Path dir;
    private SandboxServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("ipamctl-sandbox-test");
        dir = Files.createDirectory(home.resolve("ipamctl"));
        server = SandboxServer.start(new SandboxServer.Options(dir, true, Duration.ZERO, env()));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws InterruptedException {
        server.resetToSeed();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** ipamctl's state directory of this sandbox (the sandbox itself is in its sandbox/ folder). */
    public Path state() {
        return dir;
    }

    public SandboxServer server() {
        return server;
    }

    /** A command runner on this sandbox, with what the OVS tools need (PATH, IPAMCTL_HOME). */
    public CliRun cli() {
        CliRun cli = new CliRun(home).beforeEachCommand(this::settle);
        env().forEach(cli::env);
        return cli;
    }

    /** A client of the sandbox's API server, with its token, as kubectl would be. */
    public io.fabric8.kubernetes.client.KubernetesClient client() {
        try {
            String token = Files.readString(dir.resolve("sandbox/token")).strip();
            return io.ipamctl.kube.KubeConnector.connect(
                    server.url(),
                    token,
                    new io.ipamctl.kube.ConnectionSettings(null, null, Duration.ofSeconds(30), Map.of(), null, null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void settle() {
        try {
            if (!server.awaitSettled(Duration.ofSeconds(60))) {
                throw new AssertionError("the sandbox's stand-ins did not settle within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.toString());
        env.put("IPAMCTL_HOME", Path.of("").toAbsolutePath().toString());
        return env;
    }
}
