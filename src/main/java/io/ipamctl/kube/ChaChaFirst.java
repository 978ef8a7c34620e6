package io.ipamctl.kube;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Offers the ChaCha20-Poly1305 cipher suites before AES-GCM (same suites, other order). ipamctl's JVMs run
 * C1-compiled code only, and C1 has no AES or GHASH intrinsics: decrypting the 18 MB of a 100k-flow
 * `ovs-ofctl dump-flows` with AES-GCM was ~60% of `ovs flows`' CPU samples; ChaCha20 in plain Java costs a
 * third of it (bench/findings.md "flows"). Go's TLS servers (kube-apiserver) take ChaCha20 when the client
 * lists it first; a server that does not still gets a suite it allows.
 */
final class ChaChaFirst extends SSLSocketFactory {

    private final SSLSocketFactory delegate;

    ChaChaFirst(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /** The enabled suites with the ChaCha20 ones first, each group in its own order. */
    static String[] ordered(String[] suites) {
        return Stream.concat(
                        Arrays.stream(suites).filter(ChaChaFirst::chaCha),
                        Arrays.stream(suites).filter(s -> !chaCha(s)))
                .toArray(String[]::new);
    }

    private static boolean chaCha(String suite) {
        return suite.contains("_CHACHA20_");
    }

    private static Socket reordered(Socket s) {
        if (s instanceof SSLSocket ssl) {
            ssl.setEnabledCipherSuites(ordered(ssl.getEnabledCipherSuites()));
        }
        return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return ordered(delegate.getDefaultCipherSuites());
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return reordered(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
        return reordered(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return reordered(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return reordered(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return reordered(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return reordered(delegate.createSocket(address, port, localAddress, localPort));
    }
}
