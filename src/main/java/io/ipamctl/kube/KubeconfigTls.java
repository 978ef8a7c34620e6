package io.ipamctl.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.CertUtils;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.ipamctl.IpamctlException;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.internal.tls.OkHostnameVerifier;

/**
 * TLS as the kubeconfig says, like kubectl: when a cluster names its certificate-authority, that CA
 * is the only one trusted for it. fabric8 alone merges the CA into the JDK's cacerts, so any public
 * CA would be trusted too, and parses those ~140 certificates on every start (bench/findings.md).
 * Without a CA in the kubeconfig, with insecure-skip-tls-verify or hostname verification turned off,
 * or with a trust store configured for fabric8, fabric8's own rules apply unchanged.
 */
final class KubeconfigTls extends OkHttpClientFactory {

    private final SSLContext context;
    private final X509TrustManager trust;
    private ReadsAhead ahead;

    private KubeconfigTls(SSLContext context, X509TrustManager trust) {
        this.context = context;
        this.trust = trust;
    }

    /** The TLS the kubeconfig names, or empty when fabric8's own rules apply. */
    static Optional<KubeconfigTls> of(Config config) {
        boolean namesCa = notBlank(config.getCaCertData()) || notBlank(config.getCaCertFile());
        if (!namesCa
                || config.isTrustCerts()
                || config.isDisableHostnameVerification()
                || notBlank(config.getTrustStoreFile())) {
            return Optional.empty();
        }
        X509TrustManager trust = caOnly(config);
        try {
            KeyManager[] keys = keyManagers(config);
            SSLContext context = SSLUtils.sslContext(keys, new javax.net.ssl.TrustManager[] {trust});
            return Optional.of(new KubeconfigTls(context, trust));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw IpamctlException.failed(
                    "cannot use the client certificate of the kubeconfig: " + KubeConnector.rootMessage(e), e);
        }
    }

    private static X509TrustManager caOnly(Config config) {
        KeyStore store;
        try (InputStream pem = CertUtils.getInputStreamFromDataOrFile(config.getCaCertData(), config.getCaCertFile())) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                store.setCertificateEntry("ca-" + n++, ca);
            }
            if (n == 0) {
                throw new java.security.cert.CertificateException("empty");
            }
        } catch (java.security.cert.CertificateException e) {
            throw IpamctlException.failed(
                    "cannot use the certificate-authority of the kubeconfig: it holds no PEM certificate", e);
        } catch (IOException e) {
            throw IpamctlException.failed(
                    "cannot read the certificate-authority file " + config.getCaCertFile()
                            + " of the kubeconfig: "
                            + (e instanceof java.nio.file.NoSuchFileException
                                    ? "no such file"
                                    : KubeConnector.rootMessage(e)),
                    e);
        } catch (GeneralSecurityException e) {
            throw IpamctlException.failed(
                    "cannot use the certificate-authority of the kubeconfig: " + KubeConnector.rootMessage(e), e);
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (GeneralSecurityException e) {
            throw IpamctlException.failed(
                    "cannot use the certificate-authority of the kubeconfig: " + KubeConnector.rootMessage(e), e);
        }
    }

    /**
     * fabric8's key managers for the client certificate. An EC key in SEC1 form ("EC PRIVATE KEY", what
     * openssl, kubeadm and k3s write) is handed over as PKCS#8: for SEC1 fabric8 first generates a whole
     * EC key pair only to learn the curve's parameters (~50 ms of CPU per start, bench/findings.md).
     */
    private static KeyManager[] keyManagers(Config config) throws GeneralSecurityException, IOException {
        String keyData = config.getClientKeyData();
        String keyFile = config.getClientKeyFile();
        if (notBlank(keyData) || notBlank(keyFile)) {
            String pem;
            try (InputStream in = CertUtils.getInputStreamFromDataOrFile(keyData, keyFile)) {
                pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            }
            Optional<String> pkcs8 = EcKeys.pkcs8Pem(pem);
            if (pkcs8.isPresent() && !notBlank(config.getKeyStoreFile())) {
                return new KeyManager[] {ecKeyManager(config, pkcs8.get())};
            }
            if (pkcs8.isPresent()) {
                keyData = java.util.Base64.getEncoder()
                        .encodeToString(pkcs8.get().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return SSLUtils.keyManagers(
                        config.getClientCertData(),
                        config.getClientCertFile(),
                        keyData,
                        null,
                        "EC",
                        config.getClientKeyPassphrase(),
                        config.getKeyStoreFile(),
                        config.getKeyStorePassphrase());
            }
        }
        return SSLUtils.keyManagers(config);
    }

    /**
     * The client certificate with its EC key, without fabric8's key store (ClientKeyManager says why): 28 -> 4
     * key-store classes loaded per `pool usage` (bench/findings.md). RSA keys (PKCS#1 or PKCS#8), and a key
     * store file named in the config, still go through fabric8.
     */
    private static KeyManager ecKeyManager(Config config, String pkcs8Pem)
            throws GeneralSecurityException, IOException {
        java.util.List<java.security.cert.X509Certificate> chain = new java.util.ArrayList<>();
        try (InputStream in =
                CertUtils.getInputStreamFromDataOrFile(config.getClientCertData(), config.getClientCertFile())) {
            if (in == null) {
                throw new java.security.cert.CertificateException(
                        "the kubeconfig has a client key but no client certificate");
            }
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((java.security.cert.X509Certificate) c);
            }
        }
        if (chain.isEmpty()) {
            throw new java.security.cert.CertificateException("the client certificate holds no PEM certificate");
        }
        String body = pkcs8Pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(
                        java.util.Base64.getMimeDecoder().decode(body)));
        return new ClientKeyManager(chain.toArray(java.security.cert.X509Certificate[]::new), key);
    }

    /**
     * Builds the client with this TLS. fabric8's OkHttp factory always builds its own trust store; for
     * the moment of the build it is given nothing to trust-check with (so it parses no cacerts) and
     * {@link #additionalConfig} then puts this TLS and OkHttp's hostname verification in place. The
     * config is as the kubeconfig said again when this returns.
     */
    KubernetesClient build(KubernetesClientBuilder builder, Config config) {
        return withOwnTls(
                config, null, () -> builder.withHttpClientFactory(this).build());
    }

    /** The HTTP client alone ({@link KubeConnector#earlyHttp}), with requests sent ahead handed over. */
    io.fabric8.kubernetes.client.http.HttpClient httpClient(
            Config config,
            ReadsAhead ahead,
            java.util.function.Consumer<io.fabric8.kubernetes.client.http.HttpClient.Builder> interceptors) {
        return withOwnTls(config, ahead, () -> KubeConnector.httpClient(this, config, interceptors));
    }

    /**
     * Makes a client with this TLS: fabric8 is shown a config without CA or client certificate meanwhile (it
     * would build a TLS of its own from them), which gets them back after.
     */
    private <T> T withOwnTls(Config config, ReadsAhead ahead, java.util.function.Supplier<T> make) {
        this.ahead = ahead;
        String caData = config.getCaCertData();
        String caFile = config.getCaCertFile();
        String certData = config.getClientCertData();
        String certFile = config.getClientCertFile();
        String keyData = config.getClientKeyData();
        String keyFile = config.getClientKeyFile();
        config.setTrustCerts(true);
        config.setCaCertData(null);
        config.setCaCertFile(null);
        config.setClientCertData(null);
        config.setClientCertFile(null);
        config.setClientKeyData(null);
        config.setClientKeyFile(null);
        try {
            return make.get();
        } finally {
            config.setTrustCerts(false);
            config.setCaCertData(caData);
            config.setCaCertFile(caFile);
            config.setClientCertData(certData);
            config.setClientCertFile(certFile);
            config.setClientKeyData(keyData);
            config.setClientKeyFile(keyFile);
        }
    }

    /** Called by fabric8 at the end of every client build from a config (derived clients copy it). */
    @Override
    protected void additionalConfig(OkHttpClient.Builder builder) {
        builder.sslSocketFactory(new ChaChaFirst(context.getSocketFactory()), trust)
                .hostnameVerifier(OkHostnameVerifier.INSTANCE);
        if (ahead != null) {
            builder.addInterceptor(ahead);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
