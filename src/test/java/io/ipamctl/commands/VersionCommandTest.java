package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.output.VersionView;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** ipamctl version: the client part always, the cluster's versions when it can be reached (kubectl's behaviour). */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class VersionCommandTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @TempDir
    Path home;

    private static String clientLines() {
        VersionView.Client c = VersionProvider.client();
        return "Client Version: " + c.version() + "\nGit Commit: " + c.gitCommit() + "\nJava Runtime: "
                + c.javaVersion() + " (" + c.javaVendor() + ")\n";
    }

    @Test
    void clientOnlyNeedsNoCluster() {
        // no kubeconfig anywhere: any request would fail
        CliRun.Result r = new CliRun(home).run("version", "--client");
        assertEquals("", r.err());
        assertEquals(0, r.code());
        assertEquals(clientLines(), r.out());
        assertTrue(!VersionProvider.client().version().isBlank());
    }

    @Test
    void theSandboxsVersions() {
        CliRun.Result r = sandbox.cli().sandbox("version");
        assertEquals("", r.errWithoutSandboxLine());
        assertEquals(0, r.code());
        assertEquals(
                clientLines() + "Server Version: v1.33.0-ipamctl-sandbox\n"
                        + "Antrea Version: v2.4.0 (image of Pod kube-system/antrea-controller-6c7b9d5f4-q2x8k)\n",
                r.out());
    }

    @Test
    void asJson() {
        CliRun.Result r = sandbox.cli().sandbox("version", "-o", "json");
        assertEquals(0, r.code());
        VersionView.Client c = VersionProvider.client();
        assertEquals("""
                {
                    "apiVersion": "ipamctl/v1",
                    "kind": "Version",
                    "clientVersion": {
                        "version": "%s",
                        "gitCommit": "%s",
                        "javaVersion": "%s",
                        "javaVendor": "%s"
                    },
                    "serverVersion": {
                        "kubernetes": "v1.33.0-ipamctl-sandbox",
                        "antrea": "v2.4.0",
                        "antreaFrom": "image of Pod kube-system/antrea-controller-6c7b9d5f4-q2x8k"
                    }
                }
                """.formatted(c.version(), c.gitCommit(), c.javaVersion(), c.javaVendor()), r.out());
    }

    @Test
    void unreachableClusterPrintsTheClientPartThenOneErrorLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path kc = Files.writeString(home.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: https://127.0.0.1:%d
                contexts:
                - name: c
                  context:
                    cluster: c
                current-context: c
                """.formatted(port));
        CliRun cli = new CliRun(home);
        CliRun.Result text = cli.run("--kubeconfig", kc.toString(), "version");
        assertEquals(1, text.code());
        assertEquals(clientLines(), text.out());
        assertEquals(
                "error: cannot connect to the API server at https://127.0.0.1:" + port
                        + "/: connection refused (is the cluster up? check --kubeconfig / --context)\n",
                text.err());
        CliRun.Result yaml = cli.run("--kubeconfig", kc.toString(), "version", "-o", "yaml");
        assertEquals(1, yaml.code());
        assertTrue(yaml.out().startsWith("apiVersion: ipamctl/v1\nkind: Version\nclientVersion:\n"), yaml.out());
        assertTrue(!yaml.out().contains("serverVersion"), yaml.out());
    }

    @Test
    void theVersionFlagStays() {
        VersionView.Client c = VersionProvider.client();
        CliRun.Result r = new CliRun(home).run("--version");
        assertEquals(0, r.code());
        assertEquals(
                "ipamctl " + c.version() + " (git " + c.gitCommit() + ", Java " + c.javaVersion() + ")\n", r.out());
    }
}
