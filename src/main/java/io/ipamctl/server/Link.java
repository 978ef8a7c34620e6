package io.ipamctl.server;

import java.io.Closeable;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * One client's connection, whichever way it came (the Unix socket, or a request's FIFOs): the
 * {@link Conversation} reads and writes the same frames through either.
 */
interface Link extends Closeable {

    /**
     * Checks that the peer is this server's user (and finishes opening, for FIFOs); false means the
     * conversation ends without a word.
     */
    boolean admitted();

    ReadableByteChannel in();

    WritableByteChannel out();
}
