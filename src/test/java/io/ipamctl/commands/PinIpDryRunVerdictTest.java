package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 #4: pod pin-ip --dry-run=client and --dry-run=server give the verdict of the same command
 * without the dry run (the same refusal line and exit code, or success), for every combination of
 * -f, --recreate and a free or taken address. Each real run starts from a fresh seed scenario.
 */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class PinIpDryRunVerdictTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @TempDir
    Path dir;

    /** Which Pod: db-02 as it runs, the manifest of a new Pod db-03, or a manifest of db-01 that exists. */
    enum Target {
        EXISTING,
        NEW_MANIFEST,
        EXISTING_MANIFEST
    }

    static Stream<Arguments> combinations() {
        List<Arguments> out = new ArrayList<>();
        for (Target t : Target.values()) {
            for (boolean recreate : new boolean[] {false, true}) {
                for (String ip : new String[] {"172.16.20.33", "172.16.20.48"}) {
                    out.add(Arguments.of(t, recreate, ip));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} recreate={1} ip={2}")
    @MethodSource("combinations")
    void dryRunsGiveTheRealVerdict(Target target, boolean recreate, String ip) throws IOException {
        CliRun.Result real = run(target, recreate, ip, null);
        for (String mode : new String[] {"client", "server"}) {
            CliRun.Result dry = run(target, recreate, ip, mode);
            String what = target + " recreate=" + recreate + " " + ip + " --dry-run=" + mode;
            assertEquals(
                    real.code(),
                    dry.code(),
                    what + ": real run said " + real.err() + real.out() + ", dry run said " + dry.err()
                            + "\nsandbox log:\n" + sandboxLog());
            assertEquals(errors(real), errors(dry), what);
            if (real.code() == 0 && !real.out().contains("(unchanged)")) {
                String realLine = real.out().lines().findFirst().orElseThrow();
                String verdict = realLine.substring(0, realLine.indexOf(" pinned from pool pool-db") + 25);
                String suffix = mode.equals("client") ? " (dry run)" : " (server dry run)";
                assertEquals(verdict + suffix + "\n", dry.out(), what);
            } else {
                assertEquals(real.out(), dry.out(), what);
            }
        }
        if (real.code() == 0) {
            assertTrue(real.out().contains(ip + " pinned from pool pool-db"), real.out());
        }
    }

    /** The run on the seed scenario, as it was before any other run. */
    private CliRun.Result run(Target target, boolean recreate, String ip, String dryRun) throws IOException {
        try {
            sandbox.server().resetToSeed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Path state = Files.createDirectories(dir.resolve(target + "-" + recreate + "-" + ip + "-" + dryRun));
        CliRun cli = sandbox.cli();
        List<String> args = new ArrayList<>(List.of("pod", "pin-ip"));
        switch (target) {
            case EXISTING -> args.addAll(List.of("db-02", ip, "-n", "ns-db"));
            case NEW_MANIFEST ->
                args.addAll(List.of("-f", PodManifest.write(state, "db-03").toString(), ip, "--pool", "pool-db"));
            case EXISTING_MANIFEST ->
                args.addAll(List.of("-f", PodManifest.write(state, "db-01").toString(), ip, "--pool", "pool-db"));
        }
        if (recreate) {
            args.add("--recreate");
        }
        if (dryRun != null) {
            args.add("--dry-run=" + dryRun);
        }
        return cli.sandbox(args.toArray(String[]::new));
    }

    /** The in-JVM sandbox's log, to see what it did around a failure. */
    private static String sandboxLog() {
        try {
            List<String> lines = Files.readAllLines(sandbox.state().resolve("sandbox/server.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static List<String> errors(CliRun.Result r) {
        return r.err().lines().filter(l -> l.startsWith("error:")).toList();
    }
}
