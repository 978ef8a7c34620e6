package io.ipamctl.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.kube.ClusterCache;
import io.ipamctl.kube.ConnectionSettings;
import io.ipamctl.kube.Connections;
import io.ipamctl.kube.KubeConnector;
import io.ipamctl.kube.Kubeconfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's API clients, one per {@link Kubeconfigs#fingerprint() fingerprint}: the kubeconfig
 * files' paths and contents and the files they name, the context, the request timeout and the
 * proxy variables. A request gets a client built from exactly what it would have built itself, so
 * it never sees another's context, namespace or credentials; an edited kubeconfig is a new key.
 * Building a client (TLS set-up, HTTP client) is most of what a warm command would otherwise
 * spend; the connections it keeps alive save the TLS handshake too.
 *
 * <p>Each entry also keeps its {@link ClusterCache}: the IPPools listed once and kept current by a
 * watch, read with the entry's credentials only and dropped with the entry (idle, evicted, server
 * stop), so one user's lists never answer another's request.
 *
 * <p>-v runs get a client of their own (closed after the run), since its request log writes to
 * that run's stderr; they still read through the entry's cache and their writes reach it.
 */
final class ApiClients implements Connections {

    /** At most this many idle clients are kept; the least recently used goes first. */
    static final int MAX_IDLE = 8;

    private static final class Entry {
        final String key;
        final ClusterCache cache;
        int users;
        long lastUsed;

        Entry(String key, ClusterCache cache) {
            this.key = key;
            this.cache = cache;
        }

        KubernetesClient client() {
            return cache.client();
        }

        void close() {
            cache.close();
            cache.client().close();
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();

    @Override
    public Lease open(ConnectionSettings settings) {
        Kubeconfigs kubeconfigs = Kubeconfigs.read(settings);
        Entry entry = entry(kubeconfigs, settings);
        if (settings.requestLog() != null) {
            KubernetesClient own;
            try {
                own = KubeConnector.connect(kubeconfigs, settings, entry.cache.writes());
            } catch (RuntimeException e) {
                release(entry);
                throw e;
            }
            return new Lease(
                    own,
                    () -> {
                        own.close();
                        release(entry);
                    },
                    entry.cache);
        }
        return new Lease(entry.client(), () -> release(entry), entry.cache);
    }

    /** The entry of these kubeconfigs, built if new, with one more user. */
    private Entry entry(Kubeconfigs kubeconfigs, ConnectionSettings settings) {
        String key = kubeconfigs.fingerprint();
        Entry entry;
        synchronized (this) {
            entry = entries.get(key);
            if (entry != null) {
                entry.users++;
                return entry;
            }
        }
        // built outside the lock: a slow server or TLS set-up must not hold up other requests; the
        // shared client never logs (a -v run's log belongs to that run)
        ConnectionSettings shared = new ConnectionSettings(
                settings.kubeconfig(),
                settings.context(),
                settings.requestTimeout(),
                settings.env(),
                settings.cwd(),
                null);
        Entry built =
                new Entry(key, ClusterCache.connect(writes -> KubeConnector.connect(kubeconfigs, shared, writes)));
        synchronized (this) {
            entry = entries.get(key);
            if (entry == null) {
                entry = built;
                entries.put(key, entry);
                built = null;
            }
            entry.users++;
        }
        if (built != null) {
            built.close(); // another request built the same one meanwhile
        }
        return entry;
    }

    private void release(Entry entry) {
        List<Entry> evicted = new ArrayList<>();
        synchronized (this) {
            entry.users--;
            entry.lastUsed = System.nanoTime();
            List<Entry> idle = entries.values().stream()
                    .filter(e -> e.users == 0)
                    .sorted(java.util.Comparator.comparingLong(e -> e.lastUsed))
                    .toList();
            for (int i = 0; i < idle.size() - MAX_IDLE; i++) {
                entries.remove(idle.get(i).key);
                evicted.add(idle.get(i));
            }
        }
        evicted.forEach(Entry::close);
    }

    /** Closes the clients no request used for maxIdle (their connections, watches, threads and caches go too). */
    void closeIdle(Duration maxIdle) {
        List<Entry> evicted = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            entries.values().removeIf(e -> {
                boolean old = e.users == 0 && now - e.lastUsed >= maxIdle.toNanos();
                if (old) {
                    evicted.add(e);
                }
                return old;
            });
        }
        evicted.forEach(Entry::close);
    }

    synchronized int size() {
        return entries.size();
    }

    /** What each entry's cache holds, for `server status` (one line per entry, no names of files or users). */
    synchronized List<String> cacheStates() {
        return entries.values().stream().map(e -> e.cache.state()).toList();
    }

    void closeAll() {
        List<Entry> all;
        synchronized (this) {
            all = List.copyOf(entries.values());
            entries.clear();
        }
        all.forEach(Entry::close);
    }
}
