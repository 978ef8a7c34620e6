package io.ipamctl.server;

import io.ipamctl.client.Wire;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One of a request's output streams (stdout or stderr), written to its client as frames. When the
 * client is gone the bytes are dropped, as a process's output to a closed pipe would be; after a
 * cancel stdout is dropped too (a killed process prints no result either).
 */
final class FrameOutputStream extends OutputStream {

    private final Wire.Writer writer;
    private final byte type;
    private volatile boolean dropped;

    FrameOutputStream(Wire.Writer writer, byte type) {
        this.writer = writer;
        this.type = type;
    }

    void drop() {
        dropped = true;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (dropped || len == 0) {
            return;
        }
        try {
            writer.write(type, b, off, len);
        } catch (IOException e) {
            dropped = true; // the client went away; its cancel follows
        }
    }
}
