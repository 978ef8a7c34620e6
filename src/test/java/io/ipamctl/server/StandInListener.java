package io.ipamctl.server;

import io.ipamctl.client.Wire;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in server's way in for client tests that need a server misbehaving on purpose (gone early,
 * slow to answer): the real socket or the real FIFO request queue, without the real server behind.
 */
public final class StandInListener implements AutoCloseable {

    /** One accepted client: the frames both ways. */
    public record Accepted(Wire.Reader in, Wire.Writer out, Closeable link) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            link.close();
        }
    }

    private final ServerSocketChannel socket;
    private final FifoRequests fifos;

    private StandInListener(ServerSocketChannel socket, FifoRequests fifos) {
        this.socket = socket;
        this.fifos = fifos;
    }

    /** Listens on dir/s, or (fifos) reads the request queue dir/q; dir is made 0700. */
    public static StandInListener bind(Path dir, boolean fifos) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        if (fifos) {
            int uid = (Integer) Files.getAttribute(dir, "unix:uid");
            return new StandInListener(null, FifoRequests.open(dir, uid, line -> {}));
        }
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(dir.resolve("s")));
        return new StandInListener(listener, null);
    }

    /** The next client, admitted as the real server admits it. */
    public Accepted accept() throws IOException {
        if (socket != null) {
            SocketChannel ch = socket.accept();
            return new Accepted(new Wire.Reader(ch), new Wire.Writer(ch), ch);
        }
        Link link = fifos.next();
        if (link == null || !link.admitted()) {
            throw new IOException("no request admitted");
        }
        return new Accepted(new Wire.Reader(link.in()), new Wire.Writer(link.out()), link);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        } else {
            fifos.close();
        }
    }
}
