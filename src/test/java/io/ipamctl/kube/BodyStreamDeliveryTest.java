package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.http.AsyncBody;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The HTTP client may hand over a delivery without bytes (an empty list, an empty buffer); the reader then
 * asks again instead of waiting for a delivery that never comes (a hang seen on the sandbox's discovery).
 */
class BodyStreamDeliveryTest {

    /** A body that hands its deliveries over one per consume(), on the caller's thread, then ends. */
    private static final class ScriptedBody implements AsyncBody {
        final ArrayDeque<List<ByteBuffer>> deliveries = new ArrayDeque<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        BodyStream stream;
        int asked;

        @Override
        public void consume() {
            asked++;
            List<ByteBuffer> next = deliveries.poll();
            if (next == null) {
                done.complete(null);
            } else {
                stream.consume(next, this);
            }
        }

        @Override
        public CompletableFuture<Void> done() {
            return done;
        }

        @Override
        public void cancel() {
            done.cancel(false);
        }
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void emptyDeliveriesAreAskedPastAndTheBodyComesOutWhole() throws Exception {
        ScriptedBody body = new ScriptedBody();
        body.deliveries.add(List.of());
        body.deliveries.add(List.of(bytes("{\"kind\":"), ByteBuffer.allocate(0)));
        body.deliveries.add(List.of());
        body.deliveries.add(List.of(ByteBuffer.allocate(0), bytes("\"APIResourceList\"}")));
        BodyStream stream = new BodyStream();
        body.stream = stream;
        stream.started(body);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.transferTo(out);

        assertEquals("{\"kind\":\"APIResourceList\"}", out.toString(StandardCharsets.UTF_8));
        assertEquals(5, body.asked); // four deliveries and the one that found the end
    }
}
