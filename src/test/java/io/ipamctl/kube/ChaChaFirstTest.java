package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class ChaChaFirstTest {

    @Test
    void chaChaSuitesComeFirstAndNoSuiteIsLostOrAdded() {
        String[] suites = {
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256"
        };
        assertEquals(
                List.of(
                        "TLS_CHACHA20_POLY1305_SHA256",
                        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                        "TLS_AES_256_GCM_SHA384",
                        "TLS_AES_128_GCM_SHA256",
                        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                        "TLS_RSA_WITH_AES_128_GCM_SHA256"),
                List.of(ChaChaFirst.ordered(suites)));
    }

    @Test
    void socketsOfTheFactoryOfferChaChaFirst() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        String[] plain = context.getSocketFactory().getDefaultCipherSuites();
        try (Socket s = new ChaChaFirst(context.getSocketFactory()).createSocket()) {
            String[] enabled = ((SSLSocket) s).getEnabledCipherSuites();
            assertTrue(enabled[0].contains("_CHACHA20_"), Arrays.toString(enabled));
            assertEquals(
                    Arrays.stream(plain).sorted().toList(),
                    Arrays.stream(enabled).sorted().toList(),
                    "the same suites, in another order");
        }
    }
}
