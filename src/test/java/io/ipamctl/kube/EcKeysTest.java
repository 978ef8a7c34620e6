package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SEC1 EC keys as PKCS#8: the same key, checked against openssl's own conversion (keys made for this test). */
class EcKeysTest {

    // openssl ecparam -name prime256v1 -genkey -noout
    static final String P256_SEC1 = """
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEII/OSerdZiXYkgt7U2PU7H6dkdhNfoDJvjCR/JgBOjMVoAoGCCqGSM49
            AwEHoUQDQgAEiYiYMoEyt5/uD7GFwVC+ibss8VuMr3Yg8gschCUObW7NsHSRoPcg
            fSUxw1P4D3D7TIHc5N4thQ9nJpA+pfo0Tw==
            -----END EC PRIVATE KEY-----
            """;
    // openssl pkcs8 -topk8 -nocrypt of the key above
    static final String P256_PKCS8 = """
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgj85J6t1mJdiSC3tT
            Y9Tsfp2R2E1+gMm+MJH8mAE6MxWhRANCAASJiJgygTK3n+4PsYXBUL6JuyzxW4yv
            diDyCxyEJQ5tbs2wdJGg9yB9JTHDU/gPcPtMgdzk3i2FD2cmkD6l+jRP""";
    // openssl ecparam -name secp384r1 -genkey (the parameters block first, as openssl writes it)
    static final String P384_WITH_PARAMETERS = """
            -----BEGIN EC PARAMETERS-----
            BgUrgQQAIg==
            -----END EC PARAMETERS-----
            -----BEGIN EC PRIVATE KEY-----
            MIGkAgEBBDDez/8OHSyCpJudh2jh8uY0cEOXVnVK3j8+BYE/33XXEi3GEOPC2lub
            OyYE1a3Y4lSgBwYFK4EEACKhZANiAATO7b9mB/luzxegR3unk8+boj8P7xPKbQ2h
            MXfYWFRnR8d7nUwme8QHaLh/uyEvi7KFRkZq62T23v52ivt79f5hVefa2J2oz6EC
            T6iCd1HuzD7LWMjnv1hTaqMF1Ekx5GQ=
            -----END EC PRIVATE KEY-----
            """;

    // openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:512
    static final String RSA_PKCS8 = """
            -----BEGIN PRIVATE KEY-----
            MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEArdYbdxOVIRFp5Qi1
            93Fde6zuKP1xueixgHh7awp3faYfDGgvPf1rAbvY3CpFy/i6G2ERw7iEw1XLCKfM
            TwrPjwIDAQABAkA/v1FpFFxOuRUNMWmRaRgv/1WC4JYw570X8JbJxRfWklb8fow8
            ShVdw0+dePBFICU6l1qX51TLzI0GddXOeE6BAiEA1MfU4PGH0FRA+kf6S15NfnjB
            cyua3lk6IhS49D+ZMk8CIQDRJUC2hQ+Seiwwia26Y0ShAK9vkBMIfzS8mFZ2yGd+
            wQIhAL0+vecS6mgvh1sSiVpfFS1W2TdFoQgA8+M76wPRTL+hAiBY0OAdYn5NbvKL
            HjyXlYZUdQ0LbHyYtCR6HptBUDObQQIhAJ/j8P2OZrMTqZJEQb2koOgRsZxYNxfd
            OTd0GZQ1QzPf
            -----END PRIVATE KEY-----
            """;

    private static ECPrivateKey key(byte[] pkcs8) throws Exception {
        return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    private static byte[] body(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    @Test
    void aP256KeyIsTheKeyOpensslConverts() throws Exception {
        String pem = EcKeys.pkcs8Pem(P256_SEC1).orElseThrow();
        assertTrue(
                pem.startsWith("-----BEGIN PRIVATE KEY-----\n") && pem.endsWith("\n-----END PRIVATE KEY-----\n"), pem);
        ECPrivateKey ours = key(body(pem));
        ECPrivateKey openssl = key(Base64.getMimeDecoder().decode(P256_PKCS8));
        assertEquals(openssl.getS(), ours.getS());
        assertEquals(openssl.getParams().toString(), ours.getParams().toString());
    }

    @Test
    void aP384KeyAfterItsParametersBlock() throws Exception {
        ECPrivateKey k = key(body(EcKeys.pkcs8Pem(P384_WITH_PARAMETERS).orElseThrow()));
        assertEquals(384, k.getParams().getCurve().getField().getFieldSize());
    }

    @Test
    void aPkcs8EcKeyIsKeptAsItIs() throws Exception {
        String pem = EcKeys.pkcs8Pem("-----BEGIN PRIVATE KEY-----\n" + P256_PKCS8 + "\n-----END PRIVATE KEY-----\n")
                .orElseThrow();
        assertEquals(
                key(Base64.getMimeDecoder().decode(P256_PKCS8)).getS(),
                key(body(pem)).getS());
    }

    @Test
    void otherKeysAndBrokenOnesAreLeftToFabric8() {
        assertEquals(Optional.empty(), EcKeys.pkcs8Pem(RSA_PKCS8));
        assertEquals(
                Optional.empty(),
                EcKeys.pkcs8Pem("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n"));
        assertEquals(
                Optional.empty(),
                EcKeys.pkcs8Pem("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n"));
        // a SEC1 key that does not name its curve ([0] left out): fabric8 decides
        byte[] noCurve = {0x30, 0x06, 0x02, 0x01, 0x01, 0x04, 0x01, 0x05};
        assertEquals(Optional.empty(), EcKeys.pkcs8(noCurve));
    }
}
