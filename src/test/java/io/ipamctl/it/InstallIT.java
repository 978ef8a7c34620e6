package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipamctl.commands.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive installed as an admin would: cli/release packs what `mvn verify` built, the
 * archive is unpacked into an empty directory and run with a PATH that has no java, no mvn, no JDK;
 * then real krew (v0.4.3, built from the Go module proxy) installs it as the kubectl plugin. In both,
 * the first command leaves a warm server on the archive's own runtime, and the next one goes through it.
 */
class InstallIT {

    /** cli/release packs only the version the jar was built with */
    private static final String VERSION = builtVersion();

    private static final String NAME = "ipamctl-" + VERSION + "-linux-amd64";
    private static final String KREW_VERSION = "v0.4.3";
    /** the only commands the launcher (bash) needs, linked into a bin directory of their own */
    private static final List<String> BASE_TOOLS = List.of(
            "bash",
            "cat",
            "cut",
            "dirname",
            "find",
            "mkdir",
            "mktemp",
            "mv",
            "paste",
            "readlink",
            "rm",
            "sed",
            "setsid",
            "sha256sum",
            "stty",
            "touch",
            "tr");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Path kubeconfig;
    private static Path dist;
    private static Path minimalBin;

    @BeforeAll
    static void release() throws IOException {
        kubeconfig = RealCluster.kubeconfig();
        dist = tmp.resolve("dist");
        ProcessBuilder release = new ProcessBuilder("cli/release", VERSION, dist.toString());
        release.environment().put("IPAMCTL_NO_BUILD", "1"); // mvn verify built target/ already
        RealCluster.Result r = RealCluster.run(release, 900);
        assertEquals(0, r.code(), r.err());
        Files.createDirectories(tmp.resolve("home"));
        minimalBin = Files.createDirectories(tmp.resolve("minimal-bin"));
        for (String tool : BASE_TOOLS) {
            link(minimalBin, tool, which(tool));
        }
    }

    @Test
    void unpackedArchiveRunsWithoutJavaOnPathAndItsServerOnItsRuntime() throws IOException, InterruptedException {
        Path install = Files.createDirectories(tmp.resolve("install"));
        assertEquals(List.of(), listing(install));
        RealCluster.Result untar = RealCluster.run(
                new ProcessBuilder("tar", "-xzf", dist.resolve(NAME + ".tar.gz").toString(), "-C", install.toString()),
                120);
        assertEquals(0, untar.code(), untar.err());
        Path top = install.resolve(NAME);
        assertEquals(List.of("NOTICE", "bin", "cli", "completions", "man", "runtime", "target"), listing(top));
        // the release build compiled the native client (cc is on this machine, not on the minimal PATH)
        assertTrue(Files.isExecutable(top.resolve("target/ipamctl-client")), "no native client in the archive");
        assertEquals(
                127,
                minimal(List.of("bash", "-c", "java -version; mvn -v; javac -version; cc --version"), Map.of())
                        .code());
        String ipamctl = top + "/bin/ipamctl";
        Map<String, String> env = Map.of(
                "HOME", Files.createDirectories(tmp.resolve("home-unpacked")).toString());
        try {
            // the first command runs in its own JVM on the archive's runtime and leaves a server behind
            RealCluster.Result version = minimal(List.of(ipamctl, "--version"), env);
            assertEquals(0, version.code(), version.err());
            assertEquals("", version.err());
            assertEquals(
                    new CliRun(tmp.resolve("reference-state")).run("--version").out(), version.out());

            JsonNode status = awaitServer(List.of(ipamctl), env);
            assertEquals(
                    top.resolve("runtime/bin/java"),
                    Files.readSymbolicLink(Path.of("/proc", status.get("pid").asText(), "exe")));
            assertTrue(status.get("build").asText().endsWith("@" + top.resolve("runtime/bin/java")), status.toString());
            assertTrue(status.get("sameBuild").asBoolean(), status.toString());
            // both class-data archives were trained here, for this runtime, before the server started
            assertTrue(Files.isRegularFile(top.resolve("target/ipamctl.jsa")), "no CDS archive after the first start");
            assertTrue(
                    Files.isRegularFile(top.resolve("target/ipamctl-client.jsa")),
                    "no client CDS archive after the first start");
            long requests = status.get("requests").asLong();

            // the second command answers through the server: the native client, then the Java client
            String reference = RealCluster.ipamctl(tmp.resolve("reference-state"), "pool", "usage")
                    .out();
            RealCluster.Result usage =
                    minimal(List.of(ipamctl, "--kubeconfig", kubeconfig.toString(), "pool", "usage"), env);
            assertEquals(0, usage.code(), usage.err());
            assertEquals("", usage.err());
            assertEquals(reference, usage.out());
            assertEquals(
                    requests + 1,
                    awaitServer(List.of(ipamctl), env).get("requests").asLong(),
                    "served by the server");
            Map<String, String> javaClient = new HashMap<>(env);
            javaClient.put("IPAMCTL_CLIENT", "java");
            RealCluster.Result viaJava =
                    minimal(List.of(ipamctl, "--kubeconfig", kubeconfig.toString(), "pool", "usage"), javaClient);
            assertEquals(0, viaJava.code(), viaJava.err());
            assertEquals("", viaJava.err());
            assertEquals(reference, viaJava.out());
            assertEquals(
                    requests + 2,
                    awaitServer(List.of(ipamctl), env).get("requests").asLong(),
                    "served by the server");
            assertEquals(
                    status.get("pid"), awaitServer(List.of(ipamctl), env).get("pid"), "the same server throughout");

            RealCluster.Result completion = minimal(List.of(ipamctl, "completion", "bash"), env);
            assertEquals(0, completion.code(), completion.err());
            assertEquals(Files.readString(top.resolve("completions/ipamctl.bash")), completion.out());
        } finally {
            stopServer(List.of(ipamctl), env);
        }

        // man(1) is the user's, not the archive's: the full PATH; the page is the archive's
        ProcessBuilder man = new ProcessBuilder(
                "man", "-l", top.resolve("man/man1/ipamctl-pool-usage.1").toString());
        man.environment().put("MANPAGER", "cat");
        man.environment().put("MANWIDTH", "80");
        RealCluster.Result page = RealCluster.run(man, 60);
        assertEquals(0, page.code(), page.err());
        assertTrue(page.out().lines().anyMatch(l -> l.strip().startsWith("ipamctl-pool-usage - ")), page.out());
    }

    @Test
    void krewInstallsTheArchiveAsKubectlIpam() throws IOException, InterruptedException {
        Path krewBin = Files.createDirectories(tmp.resolve("krew-bin"));
        link(krewBin, "kubectl", which("kubectl"));
        link(krewBin, "kubectl-krew", krew());
        Path krewRoot = tmp.resolve("krew-root");
        Map<String, String> env = Map.of(
                "KREW_ROOT",
                krewRoot.toString(),
                "PATH",
                krewRoot.resolve("bin") + ":" + krewBin + ":" + minimalBin,
                "HOME",
                Files.createDirectories(tmp.resolve("home-krew")).toString());
        RealCluster.Result install = minimal(
                List.of(
                        "kubectl",
                        "krew",
                        "install",
                        "--manifest=" + dist.resolve("ipam.yaml"),
                        "--archive=" + dist.resolve(NAME + ".tar.gz")),
                env);
        assertEquals(0, install.code(), install.out() + install.err());
        assertTrue(install.err().contains("Installed plugin: ipam"), install.err());
        Path runtime = krewRoot.resolve("store/ipam/v" + VERSION + "/runtime/bin/java");
        assertTrue(Files.isRegularFile(runtime));

        String reference = RealCluster.ipamctl(tmp.resolve("reference-state"), "pool", "usage")
                .out();
        List<String> kubectlIpam = List.of("kubectl", "ipam");
        try {
            RealCluster.Result usage =
                    minimal(List.of("kubectl", "ipam", "--kubeconfig", kubeconfig.toString(), "pool", "usage"), env);
            assertEquals(0, usage.code(), usage.err());
            assertEquals("", usage.err());
            assertEquals(reference, usage.out());
            // the plugin's server runs on the plugin's own runtime and answers the next command
            JsonNode status = awaitServer(kubectlIpam, env);
            assertEquals(
                    runtime,
                    Files.readSymbolicLink(Path.of("/proc", status.get("pid").asText(), "exe")));
            RealCluster.Result warm =
                    minimal(List.of("kubectl", "ipam", "--kubeconfig", kubeconfig.toString(), "pool", "usage"), env);
            assertEquals(0, warm.code(), warm.err());
            assertEquals(reference, warm.out());
            assertEquals(
                    status.get("requests").asLong() + 1,
                    awaitServer(kubectlIpam, env).get("requests").asLong());
        } finally {
            stopServer(kubectlIpam, env);
        }
    }

    /**
     * The server the first command started in the background (after training the class-data archives):
     * waits until it answers `server status` (no time limit but the run's) and returns its JSON status.
     */
    private static JsonNode awaitServer(List<String> ipamctl, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(ipamctl);
        cmd.addAll(List.of("server", "status", "-o", "json"));
        while (true) {
            RealCluster.Result status = minimal(cmd, env);
            if (status.code() == 0) {
                return JSON.readTree(status.out());
            }
            assertEquals(3, status.code(), status.err()); // 3: none runs yet
            Thread.sleep(500);
        }
    }

    private static void stopServer(List<String> ipamctl, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(ipamctl);
        cmd.addAll(List.of("server", "stop"));
        awaitServer(ipamctl, env); // a server still being started would outlive the test
        RealCluster.Result stop = minimal(cmd, env);
        assertEquals(0, stop.code(), stop.err());
    }

    /** `env -i` with HOME and a PATH of only the tools the launcher needs (no java, mvn or JDK). */
    private static RealCluster.Result minimal(List<String> cmd, Map<String, String> extra) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().put("HOME", tmp.resolve("home").toString());
        pb.environment().put("PATH", minimalBin.toString());
        pb.environment().putAll(extra);
        // the first command resolves through this PATH too (ProcessBuilder looks it up in the parent's)
        String exe =
                cmd.get(0).contains("/") ? cmd.get(0) : resolve(pb.environment().get("PATH"), cmd.get(0));
        List<String> all = new ArrayList<>(cmd);
        all.set(0, exe);
        return RealCluster.run(pb.command(all), 300);
    }

    private static String resolve(String path, String command) {
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return dir + "/" + command;
            }
        }
        throw new AssertionError(command + " not on PATH " + path);
    }

    /** krew built once from the Go module proxy and cached like the test cluster's binaries. */
    private Path krew() throws IOException {
        Path dir = Path.of(System.getProperty("user.home"), ".cache/ipamctl/krew", KREW_VERSION);
        Path bin = dir.resolve("krew");
        if (!Files.isExecutable(bin)) {
            Path tmpBin = Files.createDirectories(Path.of(dir + ".tmp"));
            ProcessBuilder go = new ProcessBuilder(
                    which("go").toString(),
                    "install",
                    "-trimpath",
                    "-ldflags",
                    "-s -w",
                    "sigs.k8s.io/krew/cmd/krew@" + KREW_VERSION);
            go.environment().putAll(Map.of("GOBIN", tmpBin.toString(), "CGO_ENABLED", "0", "GOFLAGS", ""));
            RealCluster.Result built = RealCluster.run(go, 1200);
            assertEquals(0, built.code(), built.err());
            Files.createDirectories(dir);
            Files.move(tmpBin.resolve("krew"), bin, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return bin;
    }

    private static String builtVersion() {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(Path.of("target/classes/io/ipamctl/version.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new AssertionError("no built version (mvn package first): " + e.getMessage(), e);
        }
        return p.getProperty("version");
    }

    private static Path which(String command) {
        String path = System.getenv("PATH") + ":/usr/local/go/bin";
        return Path.of(resolve(path, command));
    }

    private static void link(Path dir, String name, Path target) throws IOException {
        Files.createSymbolicLink(dir.resolve(name), target);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
