package io.ipamctl.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A client that came through the request queue ({@link FifoRequests}): NAME.i carries its frames to the
 * server, NAME.o the answer back. Both must be FIFOs of this server's user (the client made them, so
 * their owner is the client's user: the check SO_PEERCRED makes for the socket). The server's ends are
 * opened so that no open waits: .o read-write (the client's open for reading returns; the client sees
 * end-of-file once this server closes it or dies), .i read-only while a read-write handle of its own is
 * held for a moment (a client that has gone already then reads as end-of-file, not as a hang).
 */
final class FifoLink implements Link {

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    private final Path in;
    private final Path out;
    private final int uid;
    private final Consumer<String> log;
    private FileChannel fromClient;
    private FileChannel toClient;

    FifoLink(Path dir, String name, int uid, Consumer<String> log) {
        this.in = dir.resolve(name + ".i");
        this.out = dir.resolve(name + ".o");
        this.uid = uid;
        this.log = log;
    }

    /** What a request's name may be: the launcher's c<pid>-<random>; never a path. */
    static boolean validName(String name) {
        return name.matches("c[0-9A-Za-z_-]{1,64}");
    }

    @Override
    public boolean admitted() {
        try {
            if (!ownFifo(in) || !ownFifo(out)) {
                return false;
            }
            FileChannel keeper =
                    FileChannel.open(in, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            try {
                fromClient = FileChannel.open(in, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            } finally {
                keeper.close(); // from now on only the client writes .i
            }
            toClient =
                    FileChannel.open(out, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (IOException | RuntimeException e) {
            log.accept("refused a request whose FIFOs cannot be opened: " + e.getMessage());
            deleteQuietly(in);
            deleteQuietly(out);
            return false;
        }
        // the client removes both names once it has opened .o (removed here, it could not open it)
    }

    private boolean ownFifo(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        int owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != uid) {
            log.accept("refused a connection from user "
                    + Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName());
            return false;
        }
        if ((mode & S_IFMT) != S_IFIFO) {
            log.accept("refused a request whose " + p.getFileName() + " is not a FIFO");
            return false;
        }
        return true;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // left in the 0700 directory; harmless
        }
    }

    @Override
    public ReadableByteChannel in() {
        return fromClient;
    }

    @Override
    public WritableByteChannel out() {
        return toClient;
    }

    @Override
    public void close() throws IOException {
        try {
            if (fromClient != null) {
                fromClient.close();
            }
        } finally {
            if (toClient != null) {
                toClient.close();
            }
        }
    }
}
