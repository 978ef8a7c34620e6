package io.ipamctl.kube;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EC private keys as PKCS#8 (RFC 5208), which the JDK reads as it is: from SEC1 ("EC PRIVATE KEY", RFC
 * 5915), or found in a PKCS#8 "PRIVATE KEY" (fabric8 reads that as RSA unless told it is EC).
 */
final class EcKeys {

    private static final Pattern SEC1 =
            Pattern.compile("-----BEGIN EC PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END EC PRIVATE KEY-----");
    private static final Pattern PKCS8 =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    /** id-ecPublicKey, 1.2.840.10045.2.1, as a DER OBJECT IDENTIFIER */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private EcKeys() {}

    /**
     * The PEM's EC key as a "PRIVATE KEY" PEM: its SEC1 key converted, or its PKCS#8 key when that is an EC
     * key; empty when it holds neither, or a SEC1 key that names no curve.
     */
    static Optional<String> pkcs8Pem(String pem) {
        Optional<byte[]> der = body(SEC1, pem).flatMap(EcKeys::pkcs8);
        if (der.isEmpty()) {
            der = body(PKCS8, pem).filter(EcKeys::isEcPkcs8);
        }
        return der.map(d -> "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(d) + "\n-----END PRIVATE KEY-----\n");
    }

    private static Optional<byte[]> body(Pattern block, String pem) {
        Matcher m = block.matcher(pem);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getMimeDecoder().decode(m.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version, SEQUENCE { algorithm OID, parameters }, ... } with algorithm id-ecPublicKey. */
    static boolean isEcPkcs8(byte[] der) {
        int[] outer = header(der, 0);
        if (outer == null || der[0] != 0x30) {
            return false;
        }
        int[] version = header(der, outer[0]);
        if (version == null || der[outer[0]] != 0x02) {
            return false;
        }
        int at = version[0] + version[1];
        int[] algorithm = header(der, at);
        return algorithm != null
                && der[at] == 0x30
                && algorithm[1] >= EC_PUBLIC_KEY.length
                && java.util.Arrays.equals(
                        der, algorithm[0], algorithm[0] + EC_PUBLIC_KEY.length, EC_PUBLIC_KEY, 0, EC_PUBLIC_KEY.length);
    }

    /**
     * ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] parameters (the curve's OID), [1] publicKey }
     * becomes PrivateKeyInfo ::= SEQUENCE { 0, SEQUENCE { id-ecPublicKey, curve OID }, OCTET STRING { ECPrivateKey } }.
     */
    static Optional<byte[]> pkcs8(byte[] sec1) {
        int[] outer = header(sec1, 0);
        if (outer == null || sec1[0] != 0x30 || outer[0] + outer[1] != sec1.length) {
            return Optional.empty();
        }
        for (int at = outer[0]; at < sec1.length; ) {
            int[] element = header(sec1, at);
            if (element == null) {
                return Optional.empty();
            }
            int end = element[0] + element[1];
            if (sec1[at] == (byte) 0xa0 && end <= sec1.length && sec1[element[0]] == 0x06) {
                ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
                algorithm.writeBytes(EC_PUBLIC_KEY);
                algorithm.write(sec1, element[0], element[1]);
                ByteArrayOutputStream info = new ByteArrayOutputStream();
                info.writeBytes(new byte[] {0x02, 0x01, 0x00});
                info.writeBytes(tlv(0x30, algorithm.toByteArray()));
                info.writeBytes(tlv(0x04, sec1));
                return Optional.of(tlv(0x30, info.toByteArray()));
            }
            at = end;
        }
        return Optional.empty();
    }

    /** {offset of the content, its length} of the DER element at that offset, or null when it does not fit. */
    private static int[] header(byte[] der, int at) {
        if (at + 2 > der.length) {
            return null;
        }
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return at + 2 + first <= der.length ? new int[] {at + 2, first} : null;
        }
        int bytes = first & 0x7f;
        if (bytes > 3 || at + 2 + bytes > der.length) {
            return null;
        }
        int length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        int start = at + 2 + bytes;
        return start + length <= der.length ? new int[] {start, length} : null;
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
