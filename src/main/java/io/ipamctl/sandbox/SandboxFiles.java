package io.ipamctl.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Where one sandbox lives: {@code <state dir>/sandbox/}. The server process of that directory holds
 * {@code server.lock} for its whole life (the kernel drops the lock when the process dies, so a
 * killed server never looks alive), writes {@code token} (0600) and then {@code server.json} when it
 * answers, and removes both when it stops. Clients take {@code start.lock} only to start, replace or
 * stop the server, and write who they are into it so that a waiting client can say whom it waits for.
 */
final class SandboxFiles {

    /**
     * What a running server tells its clients (server.json).
     *
     * @param build         the build the server runs (a client of another build replaces it)
     * @param idleTimeoutSeconds the server stops after this long without a client request or open watch
     * @param stopping    the server is stopping (its OVS nodes first): a new one can start once its lock is free
     */
    record ServerInfo(long pid, String url, String build, String started, long idleTimeoutSeconds, boolean stopping) {

        ServerInfo asStopping() {
            return new ServerInfo(pid, url, build, started, idleTimeoutSeconds, true);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    SandboxFiles(Path stateDir) {
        this.dir = stateDir.resolve("sandbox");
    }

    Path dir() {
        return dir;
    }

    /** The cluster's objects, rewritten (atomically) after every change. */
    Path state() {
        return dir.resolve("state.json");
    }

    /** Where the sandbox of earlier versions kept its objects (taken over once). */
    Path legacyState() {
        return dir.getParent().resolve("sandbox.json");
    }

    Path serverInfo() {
        return dir.resolve("server.json");
    }

    Path token() {
        return dir.resolve("token");
    }

    Path log() {
        return dir.resolve("server.log");
    }

    Path serverLock() {
        return dir.resolve("server.lock");
    }

    Path startLock() {
        return dir.resolve("start.lock");
    }

    /** The userspace Open vSwitch nodes of the sandbox (cli/ovs-node's IPAMCTL_OVS_BASE). */
    Path ovs() {
        return dir.resolve("ovs");
    }

    void create() throws IOException {
        Files.createDirectories(dir);
    }

    /** The running server's info, if server.json and token are there and its lock is held. */
    Optional<ServerInfo> running() {
        if (!Files.isRegularFile(serverInfo()) || !serverLockHeld()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(serverInfo()), ServerInfo.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // half written by a server that is still starting, or damaged: not usable
        }
    }

    String readToken() throws IOException {
        return Files.readString(token(), StandardCharsets.US_ASCII).strip();
    }

    /** Whether some process (this one included) holds server.lock: only a live server does. */
    boolean serverLockHeld() {
        if (!Files.exists(serverLock())) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(serverLock(), StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by a server running in this JVM (tests)
        } catch (IOException e) {
            return false;
        }
    }

    void writeServerInfo(ServerInfo info) throws IOException {
        writeAtomically(serverInfo(), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(info), false);
    }

    void writeToken(String token) throws IOException {
        writeAtomically(token(), (token + "\n").getBytes(StandardCharsets.US_ASCII), true);
    }

    /** Writes to a temporary file and renames it, so readers see the old or the new file, never a part. */
    static void writeAtomically(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(tmp, content);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * This build, as a server is compared with its clients: the jar's (or class directory's) size and
     * time, so a rebuild replaces the running sandbox.
     */
    static String build() {
        try {
            Path code = Path.of(SandboxFiles.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path probe = Files.isDirectory(code) ? code.resolve("io/ipamctl/sandbox/SandboxServer.class") : code;
            return Files.size(probe) + "-" + Files.getLastModifiedTime(probe).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }
}
