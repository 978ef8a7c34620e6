package io.ipamctl.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * What an {@code OutputStreamWriter(out, UTF_8)} writes, byte for byte, with whole strings (every line a
 * PrintWriter prints) encoded by {@link String#getBytes} instead of being copied to chars and run through
 * a CharsetEncoder: in C1-compiled code that was ~40% of rendering a 100k-row table (bench/findings.md
 * "flows"). Everything else (single chars, char arrays, a string that ends in or follows half of a
 * surrogate pair) goes through an OutputStreamWriter into the same buffer, so pairs split across writes
 * and lone surrogates ('?') come out as before.
 */
public final class Utf8Writer extends Writer {

    private final OutputStream out;
    private final byte[] buf = new byte[8192];
    private int count;
    /** The char path: it writes into {@link #buf} too; flushed before a string takes the fast path. */
    private final Writer chars = new OutputStreamWriter(
            new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    put(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    put(b, off, len);
                }
            },
            StandardCharsets.UTF_8);

    private boolean charsUsed;
    /** The last char written was a high surrogate: the next write may complete its pair. */
    private boolean openPair;

    public Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        if (openPair || off != 0 || len != s.length() || Character.isHighSurrogate(s.charAt(len - 1))) {
            writeChars(s.toCharArray(), off, len); // toCharArray: not for whole lines, only these rare cases
            return;
        }
        if (charsUsed) {
            chars.flush();
            charsUsed = false;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        put(b, 0, b.length);
    }

    @Override
    public void write(char[] c, int off, int len) throws IOException {
        if (len > 0) {
            writeChars(c, off, len);
        }
    }

    private void writeChars(char[] c, int off, int len) throws IOException {
        chars.write(c, off, len);
        charsUsed = true;
        openPair = Character.isHighSurrogate(c[off + len - 1]);
    }

    private void put(byte[] b, int off, int len) throws IOException {
        if (len > buf.length - count) {
            drain();
            if (len > buf.length) {
                out.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buf, 0, count);
            count = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        chars.flush();
        charsUsed = false;
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        chars.close(); // a high surrogate left alone is written as '?', as OutputStreamWriter's close does
        drain();
        out.close();
    }
}
