package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive installed as an admin would: cli/release packs what `mvn verify` built, the
 * archive is unpacked into an empty directory and run with a PATH that has no java, no mvn, no JDK;
 * then real krew (v0.4.3, built from the Go module proxy) installs it as the kubectl plugin.
 */
class InstallIT {

    /** cli/release packs only the version the jar was built with */
    private static final String VERSION = builtVersion();
    private static final String NAME = "ipamctl-" + VERSION + "-linux-amd64";
    private static final String KREW_VERSION = "v0.4.3";
    /** the only commands the launcher (bash) needs, linked into a bin directory of their own */
    private static final List<String> BASE_TOOLS = List.of("bash", "cat", "dirname", "find", "mktemp", "mv", "paste",
            "readlink", "rm", "sed", "stty", "tr");

    @TempDir
    static Path tmp;
    private static Path kubeconfig;
    private static Path dist;
    private static Path home;
    private static Path minimalBin;

    @BeforeAll
    static void release() throws IOException {
        kubeconfig = RealCluster.kubeconfig();
        dist = tmp.resolve("dist");
        ProcessBuilder release = new ProcessBuilder("cli/release", VERSION, dist.toString());
        release.environment().put("IPAMCTL_NO_BUILD", "1"); // mvn verify built target/ already
        RealCluster.Result r = RealCluster.run(release, 900);
        assertEquals(0, r.code(), r.err());
        home = Files.createDirectories(tmp.resolve("home"));
        minimalBin = Files.createDirectories(tmp.resolve("minimal-bin"));
        for (String tool : BASE_TOOLS) {
            link(minimalBin, tool, which(tool));
        }
    }

    @Test
    void unpackedArchiveRunsWithoutJavaOnPath() throws IOException {
        Path install = Files.createDirectories(tmp.resolve("install"));
        assertEquals(List.of(), listing(install));
        RealCluster.Result untar = RealCluster.run(new ProcessBuilder("tar", "-xzf",
                dist.resolve(NAME + ".tar.gz").toString(), "-C", install.toString()), 120);
        assertEquals(0, untar.code(), untar.err());
        Path top = install.resolve(NAME);
        assertEquals(List.of("NOTICE", "bin", "completions", "man", "runtime", "target"), listing(top));
        assertEquals(127, minimal(List.of("bash", "-c", "java -version; mvn -v; javac -version"), Map.of()).code());

        RealCluster.Result version = minimal(List.of(top + "/bin/ipamctl", "--version"), Map.of());
        assertEquals(0, version.code(), version.err());
        assertEquals("", version.err());
        assertEquals("ipamctl " + VERSION + " (Java 17)\n", version.out());
        // the first start trained the class-data archive for this place and the bundled runtime
        assertTrue(Files.isRegularFile(top.resolve("target/ipamctl.jsa")), "no CDS archive after the first start");

        RealCluster.Result usage = minimal(List.of(top + "/bin/ipamctl", "--kubeconfig", kubeconfig.toString(), "pool", "usage"),
                Map.of());
        assertEquals(0, usage.code(), usage.err());
        assertEquals("", usage.err());
        assertEquals(RealCluster.ipamctl(tmp.resolve("reference-state"), "pool", "usage").out(), usage.out());

        RealCluster.Result completion = minimal(List.of(top + "/bin/ipamctl", "completion", "bash"), Map.of());
        assertEquals(0, completion.code(), completion.err());
        assertEquals(Files.readString(top.resolve("completions/ipamctl.bash")), completion.out());

        // man(1) is the user's, not the archive's: the full PATH; the page is the archive's
        ProcessBuilder man = new ProcessBuilder("man", "-l", top.resolve("man/man1/ipamctl-pool-usage.1").toString());
        man.environment().put("MANPAGER", "cat");
        man.environment().put("MANWIDTH", "80");
        RealCluster.Result page = RealCluster.run(man, 60);
        assertEquals(0, page.code(), page.err());
        assertTrue(page.out().lines().anyMatch(l -> l.strip().startsWith("ipamctl-pool-usage - ")), page.out());
    }

    @Test
    void krewInstallsTheArchiveAsKubectlIpam() throws IOException {
        Path krewBin = Files.createDirectories(tmp.resolve("krew-bin"));
        link(krewBin, "kubectl", which("kubectl"));
        link(krewBin, "kubectl-krew", krew());
        Path krewRoot = tmp.resolve("krew-root");
        Map<String, String> env = Map.of("KREW_ROOT", krewRoot.toString(),
                "PATH", krewRoot.resolve("bin") + ":" + krewBin + ":" + minimalBin);
        RealCluster.Result install = minimal(List.of("kubectl", "krew", "install", "--manifest=" + dist.resolve("ipam.yaml"),
                "--archive=" + dist.resolve(NAME + ".tar.gz")), env);
        assertEquals(0, install.code(), install.out() + install.err());
        assertTrue(install.err().contains("Installed plugin: ipam"), install.err());

        RealCluster.Result usage = minimal(List.of("kubectl", "ipam", "--kubeconfig", kubeconfig.toString(), "pool", "usage"), env);
        assertEquals(0, usage.code(), usage.err());
        assertEquals("", usage.err());
        assertEquals(RealCluster.ipamctl(tmp.resolve("reference-state"), "pool", "usage").out(), usage.out());
        assertTrue(Files.isRegularFile(krewRoot.resolve("store/ipam/v" + VERSION + "/runtime/bin/java")));
    }

    /** `env -i` with HOME and a PATH of only the tools the launcher needs (no java, mvn or JDK). */
    private static RealCluster.Result minimal(List<String> cmd, Map<String, String> extra) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().put("HOME", home.toString());
        pb.environment().put("PATH", minimalBin.toString());
        pb.environment().putAll(extra);
        // the first command resolves through this PATH too (ProcessBuilder looks it up in the parent's)
        String exe = cmd.get(0).contains("/") ? cmd.get(0) : resolve(pb.environment().get("PATH"), cmd.get(0));
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
            ProcessBuilder go = new ProcessBuilder(which("go").toString(), "install", "-trimpath", "-ldflags", "-s -w",
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
