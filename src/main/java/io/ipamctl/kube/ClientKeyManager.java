package io.ipamctl.kube;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The kubeconfig's one client certificate and key, offered as they are. fabric8 puts them into an
 * in-memory PKCS12 key store first (the key encrypted, a MAC, then a KeyManagerFactory to unlock it
 * again), which loads and runs a password-based cipher on every start for a key that never leaves
 * the process (bench/findings.md).
 */
final class ClientKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "kubeconfig";

    private final X509Certificate[] chain;
    private final PrivateKey key;

    ClientKeyManager(X509Certificate[] chain, PrivateKey key) {
        this.chain = chain.clone();
        this.key = key;
    }

    /** The alias when the server accepts a key of this kind ("EC", "RSA", or "EC_EC"-style key_signature). */
    private String aliasFor(String keyType) {
        String algorithm = key.getAlgorithm();
        return keyType != null && (keyType.equals(algorithm) || keyType.startsWith(algorithm + "_")) ? ALIAS : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        if (keyTypes != null) {
            for (String t : keyTypes) {
                if (aliasFor(t) != null) {
                    return ALIAS;
                }
            }
        }
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return aliasFor(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null; // a client only
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
