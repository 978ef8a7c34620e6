package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** The kubeconfig's client key is offered only for the key types the server asks for (TLS picks by type). */
class ClientKeyManagerTest {

    private static final KeyPair EC = ecKeyPair();

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private final ClientKeyManager keys = new ClientKeyManager(new X509Certificate[0], EC.getPrivate());

    @Test
    void anEcKeyIsOfferedForEcOnly() {
        assertEquals("kubeconfig", keys.chooseClientAlias(new String[] {"RSA", "EC"}, null, null));
        assertEquals("kubeconfig", keys.chooseClientAlias(new String[] {"EC_EC"}, null, null));
        assertNull(keys.chooseClientAlias(new String[] {"RSA", "RSASSA-PSS"}, null, null));
        assertNull(keys.chooseClientAlias(null, null, null));
        assertArrayEquals(new String[] {"kubeconfig"}, keys.getClientAliases("EC", null));
        assertNull(keys.getClientAliases("RSA", null));
    }

    @Test
    void itIsNeverAServerKeyAndAnswersOnlyToItsAlias() {
        assertNull(keys.chooseServerAlias("EC", null, null));
        assertNull(keys.getServerAliases("EC", null));
        assertSame(EC.getPrivate(), keys.getPrivateKey("kubeconfig"));
        assertNull(keys.getPrivateKey("other"));
        assertNull(keys.getCertificateChain("other"));
        assertEquals(0, keys.getCertificateChain("kubeconfig").length);
    }
}
