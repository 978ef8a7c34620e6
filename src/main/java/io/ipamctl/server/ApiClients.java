package io.ipamctl.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.kube.ConnectionSettings;
import io.ipamctl.kube.Connections;
import io.ipamctl.kube.KubeConnector;
import io.ipamctl.kube.Kubeconfigs;

/**
 * The server's API clients, one per {@link Kubeconfigs#fingerprint() fingerprint}: the kubeconfig
 * files' paths and contents and the files they name, the context, the request timeout and the
 * proxy variables. A request gets a client built from exactly what it would have built itself, so
 * it never sees another's context, namespace or credentials; an edited kubeconfig is a new key.
 * Building a client (TLS set-up, HTTP client) is most of what a warm command would otherwise
 * spend; the connections it keeps alive save the TLS handshake too.
 *
 * <p>This is also where per-cluster state that outlives a request belongs (e.g. a pool informer
 * that keeps a listed collection current): an {@link Entry} lives exactly as long as its client
 * and is keyed by the same fingerprint.
 *
 * <p>-v runs get a client of their own (closed after the run), since its request log writes to
 * that run's stderr.
 */
final class ApiClients implements Connections {

    /** At most this many idle clients are kept; the least recently used goes first. */
    static final int MAX_IDLE = 8;

    private static final class Entry {
        final String key;
        final KubernetesClient client;
        int users;
        long lastUsed;

        Entry(String key, KubernetesClient client) {
            this.key = key;
            this.client = client;
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();

    @Override
    public Lease open(ConnectionSettings settings) {
        Kubeconfigs kubeconfigs = Kubeconfigs.read(settings);
        if (settings.requestLog() != null) {
            KubernetesClient own = KubeConnector.connect(kubeconfigs, settings);
            return new Lease(own, own::close);
        }
        String key = kubeconfigs.fingerprint();
        Entry entry;
        synchronized (this) {
            entry = entries.get(key);
            if (entry != null) {
                entry.users++;
                return lease(entry);
            }
        }
        // built outside the lock: a slow server or TLS set-up must not hold up other requests
        KubernetesClient built = KubeConnector.connect(kubeconfigs, settings);
        synchronized (this) {
            entry = entries.get(key);
            if (entry == null) {
                entry = new Entry(key, built);
                entries.put(key, entry);
                built = null;
            }
            entry.users++;
        }
        if (built != null) {
            built.close(); // another request built the same one meanwhile
        }
        return lease(entry);
    }

    private Lease lease(Entry entry) {
        return new Lease(entry.client, () -> release(entry));
    }

    private void release(Entry entry) {
        List<KubernetesClient> evicted = new ArrayList<>();
        synchronized (this) {
            entry.users--;
            entry.lastUsed = System.nanoTime();
            List<Entry> idle = entries.values().stream().filter(e -> e.users == 0)
                    .sorted(java.util.Comparator.comparingLong(e -> e.lastUsed)).toList();
            for (int i = 0; i < idle.size() - MAX_IDLE; i++) {
                entries.remove(idle.get(i).key);
                evicted.add(idle.get(i).client);
            }
        }
        evicted.forEach(KubernetesClient::close);
    }

    /** Closes the clients no request used for maxIdle (their connections and threads go too). */
    void closeIdle(Duration maxIdle) {
        List<KubernetesClient> evicted = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            entries.values().removeIf(e -> {
                boolean old = e.users == 0 && now - e.lastUsed >= maxIdle.toNanos();
                if (old) {
                    evicted.add(e.client);
                }
                return old;
            });
        }
        evicted.forEach(KubernetesClient::close);
    }

    synchronized int size() {
        return entries.size();
    }

    void closeAll() {
        List<KubernetesClient> all;
        synchronized (this) {
            all = entries.values().stream().map(e -> e.client).toList();
            entries.clear();
        }
        all.forEach(KubernetesClient::close);
    }
}
