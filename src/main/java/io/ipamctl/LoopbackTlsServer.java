package io.ipamctl;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS API server on 127.0.0.1 with a certificate of our own (made by keytool, valid for the IP
 * 127.0.0.1 only), serving one Antrea IPPool: the build's class-data training runs commands through
 * it (a kubeconfig, TLS, a client certificate, as against a real cluster: {@link CdsTraining}); tests
 * of which CA ipamctl trusts use it too.
 */
public final class LoopbackTlsServer implements AutoCloseable {

    public static final String PASSWORD = "changeit";

    private static final String DISCOVERY = """
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"crd.antrea.io/v1beta1","resources":[
            {"name":"ippools","singularName":"ippool","namespaced":false,"kind":"IPPool","verbs":["get","list"]}]}""";
    private static final String POOLS = """
            {"kind":"IPPoolList","apiVersion":"crd.antrea.io/v1beta1","metadata":{"resourceVersion":"7"},"items":[
            {"apiVersion":"crd.antrea.io/v1beta1","kind":"IPPool","metadata":{"name":"pool-tls","resourceVersion":"7",
            "uid":"u-1"},"spec":{"ipRanges":[{"start":"10.9.0.2","end":"10.9.0.3"}],"subnetInfo":{"gateway":"10.9.0.1","prefixLength":30}},
            "status":{"ipAddresses":[{"ipAddress":"10.9.0.2","phase":"Allocated","owner":{"pod":{"name":"p",
            "namespace":"n","containerID":"c"}}}],"usage":{"used":1,"total":2}}}]}""";

    /** What `pool usage --source antrea --no-headers` prints for the pool above. */
    public static final String USAGE_ROW = "pool-tls   10.9.0.2-10.9.0.3   10.9.0.1   <none>   2   1   1   50.0%\n";

    private final HttpsServer server;

    /** Serves with the key of keystore (made by {@link #keyPair}). */
    public LoopbackTlsServer(Path keystore) throws IOException, GeneralSecurityException {
        this(keystore, null);
    }

    /**
     * Serves with the key of keystore; with clientTrust (a NAME-trust.p12 of {@link #keyPair}), only to
     * clients that present that certificate, as a kube-apiserver asks for a client certificate.
     */
    public LoopbackTlsServer(Path keystore, Path clientTrust) throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keystore), PASSWORD.toCharArray());
        TrustManagerFactory trust = null;
        if (clientTrust != null) {
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(clientTrust));
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        boolean needClientCertificate = clientTrust != null;
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                var ssl = context.getDefaultSSLParameters();
                ssl.setNeedClientAuth(needClientCertificate);
                params.setSSLParameters(ssl);
            }
        });
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = switch (path) {
                case "/apis/crd.antrea.io/v1beta1" -> DISCOVERY;
                case "/apis/crd.antrea.io/v1beta1/ippools" -> POOLS;
                default -> null;
            };
            byte[] bytes = (body == null
                            ? "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404}"
                            : body)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * A self-signed EC key pair valid for 127.0.0.1, made by keytool: dir/NAME.p12 (key and certificate),
     * dir/NAME.pem (the certificate) and dir/NAME-trust.p12 (a trust store holding only the certificate),
     * replacing those of an earlier pair.
     */
    public static void keyPair(Path dir, String name) throws IOException, InterruptedException {
        for (String file : List.of(name + ".p12", name + ".pem", name + "-trust.p12")) {
            Files.deleteIfExists(dir.resolve(file)); // keytool adds to a key store; a new pair replaces the old
        }
        String p12 = dir.resolve(name + ".p12").toString();
        String pem = dir.resolve(name + ".pem").toString();
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + name,
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                p12,
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", p12, "-storepass", PASSWORD, "-file", pem);
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                pem,
                "-keystore",
                dir.resolve(name + "-trust.p12").toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
    }

    /** A kubeconfig of one cluster at server, with clusterLines (e.g. its CA), and one user with userLines (YAML). */
    public static String kubeconfig(String server, String clusterLines, String userLines) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: %s
                %s
                contexts:
                - name: c
                  context:
                    cluster: c
                    user: u
                current-context: c
                users:
                - name: u
                  user:
                %s
                """.formatted(
                        server,
                        clusterLines.indent(4).stripTrailing(),
                        userLines.indent(4).stripTrailing());
    }

    /** The certificate dir/NAME.pem as certificate-authority-data (or client-certificate-data). */
    public static String caData(Path dir, String name) throws IOException {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve(name + ".pem")));
    }

    /** The private key of dir/NAME.p12 as client-key-data (a PKCS#8 "PRIVATE KEY" PEM, base64). */
    public static String keyData(Path dir, String name) throws IOException, GeneralSecurityException {
        byte[] der = load(dir.resolve(name + ".p12"))
                .getKey("server", PASSWORD.toCharArray())
                .getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
