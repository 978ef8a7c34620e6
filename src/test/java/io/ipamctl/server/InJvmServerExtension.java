package io.ipamctl.server;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.client.Client;
import io.ipamctl.commands.CliRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The in-JVM warm server of a test class, started and stopped for it: a {@code static}
 * {@code @RegisterExtension} field gives one server for the class (started before its
 * {@code @BeforeAll}, stopped after its {@code @AfterAll}), an instance field one per test. Its
 * directory is a short one under /tmp (a socket path fits in 107 bytes) and is removed with it.
 */
public final class InJvmServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** One kept collection in `server status`: "LABEL: HELD at resourceVersion REVISION, STATE, LISTS lists, EVENTS events". */
    public record Kept(long held, long revision, String state, long lists, long events) {

        public boolean watched() {
            return state.equals("watched");
        }
    }

    private final String prefix;
    private Path dir;
    private InJvmServer server;
    private boolean perTest;

    /** prefix: the name of the server's directory under /tmp, to tell whose a leftover is. */
    public InJvmServerExtension(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) {
            perTest = true;
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (perTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    private void start() {
        dir = InJvmServer.shortTempDir(prefix);
        server = InJvmServer.start(dir);
    }

    private void stop() throws InterruptedException, IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            server = null;
            if (dir != null) {
                InJvmServer.deleteTree(dir);
                dir = null;
            }
        }
    }

    public InJvmServer server() {
        if (server == null) {
            throw new IllegalStateException("the server is started by the extension, before the tests");
        }
        return server;
    }

    public Path socket() {
        return server().socket();
    }

    /** The command run by cli through this server; fails the test when the server declines it. */
    public CliRun.Result run(CliRun cli, String... args) {
        CliRun.Result r = cli.throughServer(socket(), args);
        assertNotNull(r, "declined: " + String.join(" ", args));
        return r;
    }

    /** `ipamctl --kubeconfig KUBECONFIG ARGS...` through this server, run in directory cwd. */
    public CliRun.Result run(Path cwd, Path kubeconfig, String... args) {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString()));
        all.addAll(List.of(args));
        return run(new CliRun(cwd), all.toArray(String[]::new));
    }

    /** What `ipamctl server status` prints, key=value lines. */
    public String status() {
        Client client = Client.connect(socket());
        if (client == null) {
            throw new IllegalStateException("no test server at " + socket());
        }
        return client.status();
    }

    /** The collection labelled label in the first API client's cache that has one. */
    public Kept kept(String label) {
        return find("(?:=|; )", label);
    }

    /** The collection labelled label in the cache of the given line ("cache-1"). */
    public Kept kept(String cache, String label) {
        return find(Pattern.quote(cache) + "=(?:[^\\n]*; )?", label);
    }

    private Kept find(String before, String label) {
        String status = status();
        Matcher m = Pattern.compile(before + Pattern.quote(label)
                        + ": (\\d+) at resourceVersion (\\d+), (watched|stale), (\\d+) lists, (\\d+) events")
                .matcher(status);
        assertTrue(m.find(), label + " in " + status);
        return new Kept(
                Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)),
                m.group(3),
                Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5)));
    }
}
