package io.ipamctl.server;

import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Host;
import io.ipamctl.commands.Ipamctl;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The warm per-user ipamctl server: one JVM that keeps its classes loaded, its code compiled and its
 * API clients connected, and runs each client's command on a thread of its own. It listens on a
 * Unix-domain socket only (never TCP) in a directory only its user can enter, and refuses a peer of
 * another user (SO_PEERCRED). It leaves when idle for the idle time, when stopped, when a client of
 * another build comes (that client's launcher starts a new one), or when a cancelled command does
 * not stop in time.
 */
public final class Server {

    /**
     * @param socket       where to listen
     * @param build        the build id clients must present (a client of another build retires the server)
     * @param idleTimeout  exit after this long without a request
     * @param cancelGrace  how long a cancelled command has to stop before the server gives up on it
     */
    public record Settings(Path socket, String build, Duration idleTimeout, Duration cancelGrace) {

        public static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);
        public static final Duration DEFAULT_CANCEL_GRACE = Duration.ofSeconds(10);
    }

    /** Runs one command: {@link Ipamctl#run} in the server; tests may put a stand-in. */
    public interface Runner {
        int run(String[] args, Environment environment, PrintWriter out, PrintWriter err, Host host);
    }

    /** Another server holds the socket directory's lock (and answers). */
    public static final class AlreadyRunning extends Exception {
        private static final long serialVersionUID = 1L;

        AlreadyRunning(String message) {
            super(message);
        }
    }

    /** API clients unused this long are closed (their keep-alive connections and threads go with them). */
    private static final Duration CLIENT_IDLE = Duration.ofMinutes(5);

    private final Settings settings;
    private final Runner runner;
    private final Consumer<String> log;
    private final ServerSocketChannel listener;
    private final FileChannel lockFile;
    private final UserPrincipal owner;
    private final Object socketKey;
    private final FifoRequests fifos;
    private final ApiClients apiClients = new ApiClients();
    private final long startedNanos = System.nanoTime();
    private final AtomicLong served = new AtomicLong();
    private int active;
    private long lastActivity = System.nanoTime();
    private String retired;

    private Server(
            Settings settings,
            Runner runner,
            Consumer<String> log,
            ServerSocketChannel listener,
            FileChannel lockFile,
            UserPrincipal owner,
            Object socketKey,
            FifoRequests fifos) {
        this.settings = settings;
        this.runner = runner;
        this.log = log;
        this.listener = listener;
        this.lockFile = lockFile;
        this.owner = owner;
        this.socketKey = socketKey;
        this.fifos = fifos;
    }

    /**
     * Takes the socket directory (made 0700 if new; refused if another user owns it), its lock (one
     * server per directory; a second one leaves at once) and the socket, replacing a stale socket file
     * that a killed server left behind.
     */
    public static Server bind(Settings settings, Runner runner, Consumer<String> log)
            throws IOException, AlreadyRunning {
        Path socket = settings.socket();
        if (!io.ipamctl.client.SocketPaths.fits(socket)) {
            throw new IOException("socket path " + socket + " is longer than a Unix socket address allows ("
                    + io.ipamctl.client.SocketPaths.MAX_BYTES + " bytes)");
        }
        Path dir = socket.getParent();
        Files.createDirectories(
                dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path probe = Files.createTempFile(dir, "owner", ""); // whose files this process makes: its user
        UserPrincipal me = Files.getOwner(probe);
        int myUid = (Integer) Files.getAttribute(probe, "unix:uid");
        Files.delete(probe);
        if (!Files.getOwner(dir).equals(me)) {
            throw new IOException("socket directory " + dir + " belongs to "
                    + Files.getOwner(dir).getName() + ", not to " + me.getName());
        }
        Files.setPosixFilePermissions(
                dir,
                Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
        FileChannel lockFile =
                FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldInThisJvm) {
            lock = null; // only where two servers share one JVM (tests)
        }
        if (lock == null) {
            // another server holds the directory: running, starting (two commands in a row each start
            // one) or retiring. Never wait for it: a waiting JVM would be a second server in all but name.
            lockFile.close();
            throw new AlreadyRunning(
                    "another ipamctl server holds " + dir.resolve("lock") + " (running, starting or leaving)");
        }
        Files.deleteIfExists(socket); // stale: we hold the lock, so no live server owns it
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        Object key = Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class)
                .fileKey();
        FifoRequests fifos;
        try {
            fifos = FifoRequests.open(dir, myUid, log);
        } catch (IOException e) {
            fifos = null; // the Java client then comes through the socket
            log.accept("no FIFO request queue (" + e.getMessage() + "): clients use the socket");
        }
        return new Server(settings, runner, log, listener, lockFile, me, key, fifos);
    }

    /** A server that runs commands with {@link Ipamctl#run}. */
    public static Server bind(Settings settings, Consumer<String> log) throws IOException, AlreadyRunning {
        return bind(settings, Ipamctl::run, log);
    }

    /** Accepts clients until retired, then waits for the running commands and releases everything. */
    public void serve() {
        log("listening on " + settings.socket() + " (build " + settings.build() + ", pid "
                + ProcessHandle.current().pid() + ", idle exit after " + text(settings.idleTimeout()) + ")");
        Thread housekeeping = new Thread(this::housekeeping, "ipamctl-server-idle");
        housekeeping.setDaemon(true);
        housekeeping.start();
        if (fifos != null) {
            Thread queue = new Thread(this::serveFifos, "ipamctl-server-fifos");
            queue.setDaemon(true);
            queue.start();
        }
        try {
            while (true) {
                SocketChannel ch = listener.accept();
                Thread t = new Thread(new Conversation(this, new SocketLink(this, ch)), "ipamctl-conversation");
                t.setDaemon(true);
                t.start();
            }
        } catch (ClosedChannelException e) {
            // retired
        } catch (IOException e) {
            retire("accept failed: " + e.getMessage());
        }
        synchronized (this) {
            long end = System.nanoTime() + settings.cancelGrace().toNanos() * 3;
            while (active > 0 && System.nanoTime() < end) {
                waitQuietly((end - System.nanoTime()) / 1_000_000 + 1);
            }
        }
        apiClients.closeAll();
        try {
            lockFile.close();
        } catch (IOException e) {
            // released with the process anyway
        }
        log("stopped: " + retired);
    }

    /** The Java client's requests through FIFOs: each in a conversation of its own, as socket clients. */
    private void serveFifos() {
        try {
            for (FifoLink link = fifos.next(); link != null; link = fifos.next()) {
                Thread t = new Thread(new Conversation(this, link), "ipamctl-conversation");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException e) {
            if (!retired()) {
                log("the FIFO request queue failed (" + e.getMessage() + "); clients use the socket");
                closeFifos();
            }
        }
    }

    private void closeFifos() {
        if (fifos != null) {
            try {
                fifos.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    /** Stops accepting and removes the socket (if it is still this server's); running commands finish. */
    public void retire(String why) {
        synchronized (this) {
            if (retired != null) {
                return;
            }
            retired = why;
            notifyAll();
        }
        log("retiring: " + why);
        try {
            Object key = Files.readAttributes(settings.socket(), java.nio.file.attribute.BasicFileAttributes.class)
                    .fileKey();
            if (key != null && key.equals(socketKey)) {
                Files.deleteIfExists(settings.socket());
            }
        } catch (IOException e) {
            // gone already
        }
        closeFifos();
        try {
            listener.close();
        } catch (IOException e) {
            // closed already
        }
    }

    public synchronized boolean retired() {
        return retired != null;
    }

    private void housekeeping() {
        synchronized (this) {
            while (retired == null) {
                long idleFor = System.nanoTime() - lastActivity;
                long left = settings.idleTimeout().toNanos() - idleFor;
                if (active == 0 && left <= 0) {
                    break;
                }
                // while a command runs, nothing is due before it ends (requestEnded wakes this up)
                waitQuietly(
                        active > 0
                                ? CLIENT_IDLE.toMillis()
                                : Math.max(1, Math.min(left / 1_000_000 + 1, CLIENT_IDLE.toMillis())));
                if (active == 0) {
                    apiClients.closeIdle(CLIENT_IDLE);
                }
            }
        }
        retire("idle for " + text(settings.idleTimeout()));
    }

    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean sameUser(SocketChannel channel) {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (peer.user().equals(owner)) {
                return true;
            }
            log("refused a connection from user " + peer.user().getName());
        } catch (IOException | UnsupportedOperationException e) {
            log("refused a connection whose user is unknown: " + e.getMessage());
        }
        return false;
    }

    synchronized void requestStarted() {
        active++;
        served.incrementAndGet();
        lastActivity = System.nanoTime();
        notifyAll();
    }

    synchronized void requestEnded() {
        active--;
        lastActivity = System.nanoTime();
        notifyAll();
    }

    /** key=value lines for ipamctl server status. */
    synchronized String status() {
        StringBuilder b = new StringBuilder();
        line(b, "pid", ProcessHandle.current().pid());
        line(b, "build", settings.build());
        line(b, "socket", settings.socket());
        line(b, "uptime-seconds", (System.nanoTime() - startedNanos) / 1_000_000_000L);
        line(b, "idle-seconds", (System.nanoTime() - lastActivity) / 1_000_000_000L);
        line(b, "idle-timeout-seconds", settings.idleTimeout().toSeconds());
        line(b, "requests", served.get());
        line(b, "running", active);
        line(b, "api-clients", apiClients.size());
        List<String> caches = apiClients.cacheStates();
        for (int i = 0; i < caches.size(); i++) {
            line(b, "cache-" + (i + 1), caches.get(i));
        }
        line(b, "rss-bytes", ResidentMemory.bytes());
        return b.toString();
    }

    private static void line(StringBuilder b, String key, Object value) {
        b.append(key).append('=').append(value).append('\n');
    }

    Settings settings() {
        return settings;
    }

    String build() {
        return settings.build();
    }

    Runner runner() {
        return runner;
    }

    ApiClients apiClients() {
        return apiClients;
    }

    void log(String line) {
        log.accept(line);
    }

    /** A duration as the messages say it: 10s, 10m, 250ms. */
    static String text(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** The command words of a request for the log (never option values: they could be secrets). */
    static String describe(String[] args) {
        List<String> words = io.ipamctl.commands.CommandTree.words(List.of(args));
        return String.join(" ", words.subList(0, Math.min(2, words.size())));
    }
}
