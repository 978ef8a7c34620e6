package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body of many of the client's buffers comes out whole and in order, whatever the reads' sizes; a stream
 * closed halfway ends its reads (the request is cancelled) instead of waiting for the rest.
 */
class BodyStreamTest {

    KubernetesMockServer server;
    KubernetesClient client;
    byte[] big;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 3_000_000; i++) {
            text.append("line ").append(i).append(" äöü\n"); // multi-byte characters across buffer edges
        }
        big = text.toString().getBytes(StandardCharsets.UTF_8);
        server.expect().get().withPath("/big").andReturn(200, text.toString()).always();
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdown();
    }

    private InputStream open() throws Exception {
        HttpRequest request = client.getHttpClient()
                .newHttpRequestBuilder()
                .uri(client.getMasterUrl().toString().replaceFirst("/?$", "/") + "big")
                .build();
        var response = BodyStream.send(client.getHttpClient(), request).get();
        assertEquals(200, response.code());
        return response.body();
    }

    @Test
    void aBodyOfManyBuffersReadsWholeInAnyReadSize() throws Exception {
        for (int size : new int[] {1, 7, 8000, 1 << 20}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = open()) {
                byte[] chunk = new byte[size];
                for (int n = in.read(chunk, 0, size); n >= 0; n = in.read(chunk, 0, size)) {
                    out.write(chunk, 0, n);
                }
                assertEquals(-1, in.read(), "still at the end");
            }
            assertArrayEquals(big, out.toByteArray(), "read size " + size);
        }
        try (InputStream in = open()) {
            assertEquals('l', in.read(), "a single byte");
            assertEquals('i', in.read());
        }
    }

    @Test
    void aStreamClosedHalfwayReadsNoMore() throws Exception {
        InputStream in = open();
        byte[] chunk = new byte[1000];
        assertEquals(1000, in.readNBytes(chunk, 0, 1000));
        in.close();
        assertEquals(-1, in.read(chunk, 0, 1000));
    }
}
