package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipamctl.commands.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real test cluster of cli/test-cluster (kube-apiserver + etcd + kwok + userspace OVS), whose
 * kubeconfig cli/run-tests passes as -Dipamctl.it.kubeconfig. ipamctl runs in-process against it;
 * kubectl is the reference it is compared with.
 */
final class RealCluster {

    private RealCluster() {}

    static Path kubeconfig() {
        String p = System.getProperty("ipamctl.it.kubeconfig", "");
        boolean present = !p.isBlank() && !p.startsWith("${") && Files.isRegularFile(Path.of(p));
        if (!present) {
            System.err.println(
                    "#### ipamctl ITs SKIPPED: no test cluster kubeconfig (run them with cli/run-tests) ####");
        }
        Assumptions.assumeTrue(present, "no test cluster: run cli/run-tests (it starts cli/test-cluster)");
        return Path.of(p);
    }

    /** ipamctl with --kubeconfig of the test cluster. */
    static CliRun.Result ipamctl(Path stateDir, String... args) {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", kubeconfig().toString()));
        all.addAll(List.of(args));
        return new CliRun(stateDir).run(all.toArray(String[]::new));
    }

    /** What kubectl prints (stdout), failing the test when kubectl fails. */
    static String kubectl(String... args) {
        Result r = kubectlResult(args);
        assertEquals(0, r.code(), "kubectl " + String.join(" ", args) + ": " + r.err());
        return r.out();
    }

    record Result(int code, String out, String err) {}

    /** The test cluster's kubeconfig (in dir, as NAME.kubeconfig) with a token user instead of the admin certificate. */
    static Path kubeconfigWithToken(Path dir, String name, String token) throws IOException {
        Path file = dir.resolve(name + ".kubeconfig");
        Files.copy(kubeconfig(), file);
        kubectl("--kubeconfig", file.toString(), "config", "set-credentials", "sa-" + name, "--token=" + token);
        kubectl("--kubeconfig", file.toString(), "config", "set-context", "--current", "--user=sa-" + name);
        return file;
    }

    static Result kubectlResult(String... args) {
        List<String> cmd =
                new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig().toString()));
        cmd.addAll(List.of(args));
        return run(new ProcessBuilder(cmd), "", 60);
    }

    /** Runs a program with stdin, waiting at most a minute; its exit code and both streams. */
    static Result run(List<String> cmd, String stdin) {
        return run(new ProcessBuilder(cmd), stdin, 60);
    }

    /** Runs a process to its end (at most timeoutSeconds), stdout and stderr captured. */
    static Result run(ProcessBuilder pb, int timeoutSeconds) {
        return run(pb, "", timeoutSeconds);
    }

    private static Result run(ProcessBuilder pb, String stdin, int timeoutSeconds) {
        try {
            Path in = Files.createTempFile("ipamctl-it", ".in");
            Path out = Files.createTempFile("ipamctl-it", ".out");
            Path err = Files.createTempFile("ipamctl-it", ".err");
            Files.writeString(in, stdin, StandardCharsets.UTF_8);
            Process p = pb.redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + pb.command());
            }
            Result r = new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            for (Path f : List.of(in, out, err)) {
                Files.deleteIfExists(f);
            }
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + pb.command().get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The names of the OverlappingRangeIPReservations Whereabouts keeps (kube-system), space-separated. */
    static String whereaboutsReservations() {
        return kubectl(
                "get",
                "overlappingrangeipreservations.whereabouts.cni.cncf.io",
                "-n",
                "kube-system",
                "-o",
                "jsonpath={.items[*].metadata.name}");
    }

    /** kubectl ... -o json, parsed. */
    static JsonNode kubectlJson(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-o", "json"));
        try {
            return new ObjectMapper().readTree(kubectl(all.toArray(String[]::new)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** kubectl create of one manifest (JSON or YAML), through a file in dir that kubectl reads. */
    static void create(Path dir, String manifest) {
        try {
            Path file = Files.createTempFile(dir, "manifest", ".json");
            Files.writeString(file, manifest);
            kubectl("create", "-f", file.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
