package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ipamctl as the kubectl plugin, through the real kubectl binary on the real test cluster: kubectl finds
 * cli/kubectl-ipam on PATH, runs it (errors and hints then say "kubectl ipam"), and completes
 * {@code kubectl ipam <TAB>} through cli/kubectl_complete-ipam (kubectl 1.26 and later). The plugin
 * runs the launcher as a user's would: the first command leaves a warm server behind, which serves the
 * next ones; it lives in a home of the class's own, stopped after the last test.
 */
class KubectlPluginIT {

    /** HOME and XDG dirs of every run: the server a run starts writes there, never in @TempDir. */
    static LauncherHome home;

    @TempDir
    Path dir;

    Path bin;

    record Result(int code, String out, String err) {}

    @BeforeAll
    static void home() throws IOException {
        home = new LauncherHome("ipamctl-plugin-it-");
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (home != null) {
            home.close();
        }
    }

    @BeforeEach
    void install() throws IOException {
        RealCluster.kubeconfig();
        // as the README installs them: links on PATH to the files in cli/
        bin = Files.createDirectories(dir.resolve("bin"));
        for (String name : List.of("kubectl-ipam", "kubectl_complete-ipam")) {
            Files.createSymbolicLink(bin.resolve(name), Path.of("cli", name).toAbsolutePath());
        }
    }

    private Result kubectl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("kubectl"));
        cmd.addAll(Arrays.asList(args));
        try {
            Path out = dir.resolve("out");
            Path err = dir.resolve("err");
            ProcessBuilder pb =
                    new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = pb.environment();
            env.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("KUBECONFIG", RealCluster.kubeconfig().toString());
            env.putAll(home.env());
            env.put("IPAMCTL_NO_BUILD", "1");
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void kubectlFindsThePlugin() {
        Result r = kubectl("plugin", "list", "--name-only");
        assertTrue(r.out().lines().anyMatch(l -> l.equals("kubectl-ipam")), r.out() + r.err());
    }

    @Test
    void versionOfTheRealCluster() {
        Result r = kubectl("ipam", "version");
        assertEquals(0, r.code(), r.err());
        String server = RealCluster.kubectl("version", "-o", "json");
        String gitVersion = server.substring(server.indexOf("\"gitVersion\"", server.indexOf("\"serverVersion\"")));
        gitVersion = gitVersion.substring(gitVersion.indexOf(": \"") + 3, gitVersion.indexOf("\","));
        List<String> lines = r.out().lines().toList();
        assertEquals(5, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("Client Version: "), r.out());
        assertEquals("Server Version: " + gitVersion, lines.get(3));
        // the controller's Pod names Antrea's version when the cluster has one (the seed does, for doctor)
        String controller = RealCluster.kubectl(
                        "get",
                        "pods",
                        "-n",
                        "kube-system",
                        "-l",
                        "app=antrea,component=antrea-controller",
                        "-o",
                        "name")
                .lines()
                .findFirst()
                .orElseThrow()
                .substring("pod/".length());
        assertEquals("Antrea Version: v2.4.0 (image of Pod kube-system/" + controller + ")", lines.get(4));
    }

    @Test
    void mistakesAreToldInKubectlsWords() {
        Result r = kubectl("ipam", "pool", "usge");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(
                "error: unknown command \"usge\" for \"kubectl ipam pool\" (see 'kubectl ipam pool --help')\n"
                        + "Did you mean this?\n\tusage\n",
                r.err());
        Result hint = kubectl("ipam", "pool", "usage", "pool-zz", "--source", "antrea");
        assertEquals(1, hint.code());
        assertEquals("error: IPPool \"pool-zz\" not found (list pools with: kubectl ipam pool list)\n", hint.err());
    }

    @Test
    void templatesSeveralNamesAndNamespaceThroughThePlugin() {
        // the same names kubectl itself lists, through -o jsonpath with --sort-by
        String pools = RealCluster.kubectl(
                "get",
                "ippools.crd.antrea.io",
                "--sort-by",
                ".metadata.name",
                "-o",
                "jsonpath={.items[*].metadata.name}");
        Result r = kubectl(
                "ipam", "pool", "list", "--source", "antrea", "--sort-by", ".name", "-o", "jsonpath={.items[*].name}");
        assertEquals(0, r.code(), r.err());
        assertEquals(pools, r.out());
        Result partly = kubectl("ipam", "pool", "get", pools.split(" ")[0], "nope", "-o", "name");
        assertEquals(1, partly.code());
        assertEquals("antrea/" + pools.split(" ")[0] + "\n", partly.out());
        assertEquals(
                "error: pool \"nope\" not found in "
                        + partly.err().substring(partly.err().indexOf(" in ") + 4),
                partly.err());
        Result refused = kubectl("ipam", "pool", "list", "-n", "default");
        assertEquals(2, refused.code());
        assertEquals(
                "error: -n/--namespace does not apply to pool list: IP pools are cluster-wide (name a Whereabouts pool as"
                        + " NAMESPACE/NAME)\n",
                refused.err());
        Result values = kubectl("__complete", "ipam", "pool", "list", "-o", "");
        assertEquals(
                "table\nwide\njson\nyaml\nname\njsonpath=\njsonpath-file=\ncustom-columns=\ncustom-columns-file=\n:4\n",
                values.out());
    }

    @Test
    void kubectlCompletesThroughThePluginsCompletion() {
        Result commands = kubectl("__complete", "ipam", "pool", "us");
        assertEquals(0, commands.code(), commands.err());
        assertEquals(
                "usage\tShow total, used and free addresses of every IP pool; fail CI when a pool runs full.\n:4\n",
                commands.out());
        Result values = kubectl("__complete", "ipam", "pool", "usage", "--source", "");
        assertEquals("antrea\nwhereabouts\nnode\nexternalippool\nservicecidr\nall\n:4\n", values.out());
        // live names asked from the real cluster, of every source pool usage takes
        Result names = kubectl("__complete", "ipam", "pool", "usage", "");
        List<String> expected = new ArrayList<>();
        RealCluster.kubectl("get", "ippools.crd.antrea.io", "-o", "name")
                .lines()
                .map(l -> l.substring(l.indexOf('/') + 1))
                .forEach(expected::add);
        for (String kind : List.of("ippools.whereabouts.cni.cncf.io", "nodeslicepools.whereabouts.cni.cncf.io")) {
            RealCluster.kubectl(
                            "get",
                            kind,
                            "-A",
                            "-o",
                            "custom-columns=N:.metadata.namespace,P:.metadata.name",
                            "--no-headers")
                    .lines()
                    .map(l -> l.trim().replaceAll("\\s+", "/"))
                    .forEach(expected::add);
        }
        RealCluster.kubectl("get", "nodes", "-o", "name")
                .lines()
                .map(l -> l.substring(l.indexOf('/') + 1))
                .forEach(expected::add);
        for (String kind : List.of("externalippools.crd.antrea.io", "servicecidrs.networking.k8s.io")) {
            RealCluster.kubectl("get", kind, "-o", "name")
                    .lines()
                    .map(l -> l.substring(l.indexOf('/') + 1))
                    .forEach(expected::add);
        }
        expected.sort(null);
        List<String> got = new ArrayList<>(names.out().lines().toList());
        assertEquals(":4", got.remove(got.size() - 1));
        assertEquals(expected, got);
    }
}
