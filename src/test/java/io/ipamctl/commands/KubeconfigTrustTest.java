package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.LoopbackTlsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * ipamctl trusts what the kubeconfig says, like kubectl: the cluster's certificate-authority and
 * nothing else when it names one; the JVM's default trust store only when it names none;
 * nothing when it says insecure-skip-tls-verify. The JVM's default trust store is played by
 * javax.net.ssl.trustStore (what fabric8 and the JDK both read instead of cacerts).
 */
@Isolated("it sets the JVM-wide javax.net.ssl.trustStore properties")
class KubeconfigTrustTest {

    @TempDir
    static Path keys;

    @TempDir
    Path home;

    LoopbackTlsServer server;
    CliRun cli;

    @BeforeAll
    static void makeKeys() throws Exception {
        LoopbackTlsServer.keyPair(keys, "server");
        LoopbackTlsServer.keyPair(keys, "other");
        LoopbackTlsServer.keyPair(keys, "client");
    }

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackTlsServer(keys.resolve("server.p12"));
        cli = new CliRun(home);
    }

    @AfterEach
    void stop() {
        server.close();
        System.clearProperty("javax.net.ssl.trustStore");
        System.clearProperty("javax.net.ssl.trustStorePassword");
    }

    /** The JVM's default trust store trusts the server (as if its CA were in cacerts). */
    private static void jvmTrustsTheServer() {
        System.setProperty(
                "javax.net.ssl.trustStore", keys.resolve("server-trust.p12").toString());
        System.setProperty("javax.net.ssl.trustStorePassword", LoopbackTlsServer.PASSWORD);
    }

    private Path kubeconfig(String serverUrl, String clusterTls) throws Exception {
        return Files.writeString(
                home.resolve("kubeconfig"), LoopbackTlsServer.kubeconfig(serverUrl, clusterTls, "token: t"));
    }

    private CliRun.Result usage(Path kubeconfig) {
        return cli.run("--kubeconfig", kubeconfig.toString(), "pool", "usage", "--source", "antrea", "--no-headers");
    }

    @Test
    void theKubeconfigsCaIsTrusted() throws Exception {
        var r = usage(
                kubeconfig(server.url(), "certificate-authority-data: " + LoopbackTlsServer.caData(keys, "server")));
        assertEquals("", r.err());
        assertEquals(LoopbackTlsServer.USAGE_ROW, r.out());
        assertEquals(0, r.code());
    }

    /** An EC client key in PKCS#8 ("PRIVATE KEY", as openssl genpkey writes it), to a server that requires it. */
    @Test
    void aPkcs8EcClientKeyAuthenticates() throws Exception {
        server.close();
        server = new LoopbackTlsServer(keys.resolve("server.p12"), keys.resolve("client-trust.p12"));
        Path file = Files.writeString(
                home.resolve("kubeconfig"),
                LoopbackTlsServer.kubeconfig(
                        server.url(),
                        "certificate-authority-data: " + LoopbackTlsServer.caData(keys, "server"),
                        "client-certificate-data: " + LoopbackTlsServer.caData(keys, "client") + "\nclient-key-data: "
                                + LoopbackTlsServer.keyData(keys, "client")));
        var r = usage(file);
        assertEquals("", r.err());
        assertEquals(LoopbackTlsServer.USAGE_ROW, r.out());
        assertEquals(0, r.code());
    }

    @Test
    void aCaFileNamedByTheKubeconfigIsTrusted() throws Exception {
        var r = usage(kubeconfig(server.url(), "certificate-authority: " + keys.resolve("server.pem")));
        assertEquals("", r.err());
        assertEquals(LoopbackTlsServer.USAGE_ROW, r.out());
    }

    @Test
    void aRelativeCaPathIsRelativeToTheKubeconfig() throws Exception {
        Path dir = Files.createDirectories(home.resolve("kube"));
        Files.copy(keys.resolve("server.pem"), dir.resolve("ca.pem"));
        Path kc = Files.move(kubeconfig(server.url(), "certificate-authority: ca.pem"), dir.resolve("config"));
        var r = cli.cwd(home).run("--kubeconfig", kc.toString(), "pool", "usage", "--source", "antrea", "--no-headers");
        assertEquals("", r.err());
        assertEquals(LoopbackTlsServer.USAGE_ROW, r.out());
    }

    @Test
    void severalKubeconfigFilesAreMergedLikeKubectlDoes() throws Exception {
        // the first file names the context, the second the cluster and user (the first one to set a value wins)
        Path contexts = Files.writeString(home.resolve("contexts.yaml"), """
                apiVersion: v1
                kind: Config
                contexts:
                - name: c
                  context: {cluster: c, user: u}
                - name: other
                  context: {cluster: nowhere, user: u}
                current-context: c
                """);
        Path clusters = Files.writeString(
                home.resolve("clusters.yaml"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "%s", certificate-authority-data: %s}
                current-context: other
                users:
                - name: u
                  user: {token: t}
                """.formatted(server.url(), LoopbackTlsServer.caData(keys, "server")));
        var r = cli.env("KUBECONFIG", contexts + java.io.File.pathSeparator + clusters)
                .run("pool", "usage", "--source", "antrea", "--no-headers");
        assertEquals("", r.err());
        assertEquals(LoopbackTlsServer.USAGE_ROW, r.out());
    }

    @Test
    void onlyTheKubeconfigsCaIsTrustedWhenItNamesOne() throws Exception {
        jvmTrustsTheServer();
        var r = usage(
                kubeconfig(server.url(), "certificate-authority-data: " + LoopbackTlsServer.caData(keys, "other")));
        assertEquals(
                "error: TLS with the API server at " + server.url() + "/ failed: its certificate is not signed by "
                        + "a CA the kubeconfig trusts (check certificate-authority-data of the cluster)\n",
                r.err());
        assertEquals("", r.out());
        assertEquals(1, r.code());
    }

    @Test
    @org.junit.jupiter.api.condition.DisabledIfSystemProperty(
            named = CliRun.THROUGH_SERVER,
            matches = "true",
            disabledReason = "the test changes the JVM's trust store mid-run; a warm server's cached clients keep "
                    + "the store of the server process, which the user does not change while it runs")
    void withoutACaTheJvmsTrustStoreDecides() throws Exception {
        Path kc = kubeconfig(server.url(), "");
        var refused = usage(kc);
        assertEquals(1, refused.code());
        assertEquals(
                "error: TLS with the API server at " + server.url() + "/ failed: its certificate is not signed by "
                        + "a CA the kubeconfig trusts (check certificate-authority-data of the cluster)\n",
                refused.err());
        jvmTrustsTheServer();
        var r = usage(kc);
        assertEquals("", r.err());
        assertEquals(LoopbackTlsServer.USAGE_ROW, r.out());
    }

    @Test
    void insecureSkipTlsVerifyTrustsAnyCertificate() throws Exception {
        var r = usage(kubeconfig(server.url(), "insecure-skip-tls-verify: true"));
        assertEquals("", r.err());
        assertEquals(LoopbackTlsServer.USAGE_ROW, r.out());
    }

    @Test
    void theHostNameIsStillVerified() throws Exception {
        // the certificate is valid for 127.0.0.1 only
        String url = "https://localhost:" + server.port();
        var r = usage(kubeconfig(url, "certificate-authority-data: " + LoopbackTlsServer.caData(keys, "server")));
        assertEquals(
                "error: TLS with the API server at " + url + "/ failed: its certificate is not valid for "
                        + "localhost (check the server address of the kubeconfig cluster)\n",
                r.err());
        assertEquals("", r.out());
        assertEquals(1, r.code());
    }

    @Test
    void aCaThatIsNoCertificateIsOneLine() throws Exception {
        String notPem = java.util.Base64.getEncoder().encodeToString("not a certificate".getBytes());
        var r = usage(kubeconfig(server.url(), "certificate-authority-data: " + notPem));
        assertEquals(
                "error: cannot use the certificate-authority of the kubeconfig: it holds no PEM certificate\n",
                r.err());
        assertEquals("", r.out());
        assertEquals(1, r.code());
    }
}
