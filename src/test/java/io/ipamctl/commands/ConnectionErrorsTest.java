package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What users see when the cluster cannot be reached or named: one line, exit 1 or 2. */
class ConnectionErrorsTest {

    @TempDir
    Path home;

    CliRun cli;

    @BeforeEach
    void setUp() {
        cli = new CliRun(home);
    }

    private Path kubeconfig(String server, String context) throws IOException {
        Path file = home.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: %s
                contexts:
                - name: %s
                  context:
                    cluster: c
                    user: u
                current-context: %s
                users:
                - name: u
                  user:
                    token: secret-token-never-printed
                """.formatted(server, context, context));
        return file;
    }

    @Test
    void noKubeconfigAtAll() {
        var r = cli.run("pool", "usage");
        assertEquals(1, r.code());
        assertEquals(
                "error: no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, create ~/.kube/config, "
                        + "or try the built-in cluster with --sandbox\n",
                r.err());
    }

    @Test
    void missingKubeconfigFileIsAUsageError() {
        var r = cli.run("pool", "usage", "--kubeconfig", "/no/such/file");
        assertEquals(2, r.code());
        assertEquals("error: kubeconfig /no/such/file does not exist\n", r.err());
    }

    @Test
    void connectionRefusedOnLoopback() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path kc = kubeconfig("https://127.0.0.1:" + port, "test");
        var r = cli.run("--kubeconfig", kc.toString(), "pool", "usage");
        assertEquals(1, r.code());
        assertEquals(
                "error: cannot connect to the API server at https://127.0.0.1:" + port
                        + "/: connection refused (is the cluster up? check --kubeconfig / --context)\n",
                r.err());
        var verbose = cli.run("--kubeconfig", kc.toString(), "pool", "usage", "-v");
        assertEquals(-1, verbose.err().indexOf("secret-token-never-printed"));
        // doctor too: one error line and exit 1, not every one of its checks failed by the same refusal (exit 3)
        var doctor = cli.run("--kubeconfig", kc.toString(), "doctor");
        assertEquals(1, doctor.code());
        assertEquals("", doctor.out());
        assertEquals(r.err(), doctor.err());
    }

    @Test
    void serverCertificateNotTrustedByTheKubeconfig() throws IOException {
        // an HTTPS API server whose self-signed certificate the kubeconfig does not name as its CA
        var server = new io.fabric8.kubernetes.client.server.mock.KubernetesMockServer(true);
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        try {
            String url = "https://127.0.0.1:" + server.getPort();
            Path kc = kubeconfig(url, "test");
            var r = cli.run("--kubeconfig", kc.toString(), "pool", "usage");
            assertEquals(1, r.code());
            assertEquals(
                    "error: TLS with the API server at " + url + "/ failed: its certificate is not signed by a CA the "
                            + "kubeconfig trusts (check certificate-authority-data of the cluster)\n",
                    r.err());
            assertEquals("", r.out());
        } finally {
            server.shutdown();
        }
    }

    @Test
    void unknownContext() throws IOException {
        Path kc = kubeconfig("https://127.0.0.1:1", "test");
        var r = cli.run("pool", "list", "--kubeconfig", kc.toString(), "--context", "prod");
        assertEquals(2, r.code());
        assertEquals("error: context \"prod\" not found in " + kc + " (see: kubectl config get-contexts)\n", r.err());
    }

    @Test
    void kubeconfigEnvironmentVariableIsHonoured() throws IOException {
        Path kc = kubeconfig("https://127.0.0.1:1", "test");
        var r = cli.env("KUBECONFIG", kc.toString()).run("pool", "list", "--context", "other");
        assertEquals("error: context \"other\" not found in " + kc + " (see: kubectl config get-contexts)\n", r.err());
    }

    @Test
    void malformedKubeconfigIsOneLineOfWords() throws IOException {
        Path broken = home.resolve("broken-kubeconfig");
        Files.writeString(
                broken,
                "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\n"
                        + "  bad: [\n");
        var r = cli.run("pool", "list", "--kubeconfig", broken.toString());
        assertEquals(1, r.code());
        assertEquals(
                "error: cannot use kubeconfig " + broken
                        + ": it is not valid YAML: while parsing a flow node: expected "
                        + "the node content, but found '<stream end>' (line 8, column 1)\n",
                r.err());
        Path text = home.resolve("text-kubeconfig");
        Files.writeString(text, "just some text\n");
        var t = cli.run("pool", "list", "--kubeconfig", text.toString());
        assertEquals(1, t.code());
        assertEquals(
                "error: cannot use kubeconfig " + text + ": it is not a kubeconfig (expected a YAML mapping with "
                        + "apiVersion: v1, kind: Config, clusters, contexts and users)\n",
                t.err());
    }

    @Test
    void sandboxAndKubeconfigDoNotMix() {
        var r = cli.run("--sandbox", "--kubeconfig", "/x", "pool", "list");
        assertEquals(2, r.code());
        assertEquals("error: --sandbox cannot be combined with --kubeconfig or --context\n", r.err());
    }
}
