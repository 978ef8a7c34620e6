package io.ipamctl.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link FakeWatchApi} for each test, with the warm server's caches of it the test asks for: the
 * API server starts before the test's {@code @BeforeEach} (which may put objects in it), and every
 * cache, its client and the API server are closed after the test. Register it on an instance field
 * with {@code @RegisterExtension}.
 */
public final class FakeApiExtension implements BeforeEachCallback, AfterEachCallback {

    /** The -v lines of the runs {@link #run} made, in order. */
    public final List<String> log = new CopyOnWriteArrayList<>();

    private final List<ClusterCache> caches = new ArrayList<>();
    private FakeWatchApi api;
    private Path dir;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("ipamctl-fake-api-");
        api = new FakeWatchApi();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            caches.forEach(c -> {
                c.close();
                c.client().close();
            });
            api.close();
        } finally {
            caches.clear();
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public FakeWatchApi api() {
        return api;
    }

    /** A warm server's cache of the API server for that bearer token; closed after the test. */
    public ClusterCache cache(String token) throws IOException {
        ClusterCache cache = api.cache(dir, token);
        caches.add(cache);
        return cache;
    }

    /** The cache for that token as one run sees it, its -v lines going to {@link #log}. */
    public ClusterCache run(String token) throws IOException {
        return cache(token).forRun(log::add);
    }

    /** The first cache made (the one a test's reader objects use). */
    public ClusterCache first() {
        return caches.get(0);
    }
}
