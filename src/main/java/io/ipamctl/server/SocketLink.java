package io.ipamctl.server;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;

/** A client on the Unix socket; its user is checked with SO_PEERCRED. */
final class SocketLink implements Link {

    private final Server server;
    private final SocketChannel channel;

    SocketLink(Server server, SocketChannel channel) {
        this.server = server;
        this.channel = channel;
    }

    @Override
    public boolean admitted() {
        return server.sameUser(channel);
    }

    @Override
    public ReadableByteChannel in() {
        return channel;
    }

    @Override
    public WritableByteChannel out() {
        return channel;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
