package io.ipamctl.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The IPPools one credential set sees, listed once and then kept current by a watch from the list's
 * revision (an informer of our own, holding the compact {@link PoolRecord}s the streamed list reads,
 * not fabric8's models). Only the warm server keeps one: a command run once would pay for a watch it
 * never uses.
 *
 * <p>A read is answered from memory while the watch runs and nothing was written through ipamctl
 * since; the answer is then as new as the watch's last event. It lists afresh (and watches again from
 * there) when nothing is held yet, when the watch ended (refused, broken, 410 Gone: the revision was
 * compacted) or when ipamctl wrote IPPools since ({@link #written}: read-your-writes without
 * comparing revisions, which the API calls opaque). A list that fails fails the read exactly as a
 * list without the cache would: nothing held is ever handed out in its place.
 */
final class WatchedPools implements AutoCloseable {

    private final KubernetesClient client;
    private final PoolListReader reader;
    /** Sorted by name; null while nothing is held. */
    private TreeMap<String, PoolRecord> pools;

    private PoolVersion version;
    private String revision;
    private long listedAt;
    private long lastEventAt;
    private long events;
    private long lists;
    /** Bumped by every list and by close: a watch of an older generation only leaves. */
    private int generation;

    private boolean watching;
    private boolean written;
    private String ended;
    private InputStream stream;
    private boolean closed;

    WatchedPools(KubernetesClient client) {
        this.client = client;
        this.reader = new PoolListReader(client);
    }

    KubernetesClient client() {
        return client;
    }

    /**
     * Every pool in that version, sorted by name, with every entry's owner. Server errors of the list
     * (404: that version is not served; 403) come back as fabric8's exception, as a plain list's would.
     */
    synchronized List<PoolRecord> pools(PoolVersion wanted, Consumer<String> log) {
        String why = pools == null
                ? "nothing held yet"
                : wanted != version
                        ? "another version"
                        : written
                                ? "IPPools were written through ipamctl since"
                                : !watching ? "the watch ended: " + ended : null;
        if (why == null) {
            log.accept("IPPools from the server's cache: " + pools.size() + " pools at resourceVersion " + revision
                    + ", listed " + ago(listedAt) + " ago, "
                    + (events == 0
                            ? "no watch event since"
                            : events + " watch events since, the last " + ago(lastEventAt) + " ago"));
            return new ArrayList<>(pools.values());
        }
        log.accept("IPPools listed from the API server (" + why + "); watched from then on");
        relist(wanted);
        return new ArrayList<>(pools.values());
    }

    /** Whether a read now would be answered from memory (then names are too). */
    synchronized boolean current(PoolVersion wanted) {
        return pools != null && wanted == version && watching && !written;
    }

    /** ipamctl wrote IPPools (or tried: a timed-out write may have happened): the next read lists afresh. */
    synchronized void written() {
        written = true;
    }

    /** One line for `server status`. */
    synchronized String state() {
        if (pools == null) {
            return "none";
        }
        return pools.size() + " pools at resourceVersion " + revision + (watching && !written ? ", watched" : ", stale")
                + ", " + lists + " lists, " + events + " events";
    }

    private void relist(PoolVersion wanted) {
        stopWatch();
        pools = null;
        watching = false;
        written = false;
        TreeMap<String, PoolRecord> read = new TreeMap<>();
        Pages.each(null, (ListOptions options) -> reader.page(wanted, options, true, p -> read.put(p.name(), p)));
        pools = read;
        version = wanted;
        revision = reader.listVersion();
        listedAt = System.nanoTime();
        lastEventAt = 0;
        events = 0;
        lists++;
        ended = null;
        if (closed) {
            ended = "the cache was dropped";
        } else if (revision != null && !revision.isEmpty()) {
            watching = true;
            int watchGeneration = generation;
            String from = revision;
            Thread t = new Thread(() -> watch(watchGeneration, wanted, from), "ipamctl-watch-ippools");
            t.setDaemon(true);
            t.start();
        } else {
            ended = "the list carried no resourceVersion to watch from";
        }
    }

    /**
     * The watch: events applied one by one; a stream the server ends after events (its watch timeout)
     * is opened again from the last revision; any failure ends it, and the next read lists.
     */
    private void watch(int watchGeneration, PoolVersion v, String from) {
        String at = from;
        boolean delivered = true;
        while (delivered) {
            delivered = false;
            InputStream in;
            try {
                in = reader.watch(v, at);
            } catch (KubernetesClientException e) {
                end(
                        watchGeneration,
                        e.getCode() == 410
                                ? "410 Gone (the revision was compacted)"
                                : KubeErrors.translate(e, client.getMasterUrl().toString())
                                        .getMessage());
                return;
            } catch (RuntimeException e) {
                end(watchGeneration, "watch failed: " + KubeConnector.rootMessage(e));
                return;
            }
            if (!attach(watchGeneration, in)) {
                return;
            }
            try (JsonParser p = reader.parser(in)) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String next = event(watchGeneration, p, v);
                    if (next == null) {
                        return;
                    }
                    at = next;
                    delivered = true;
                }
            } catch (IOException | RuntimeException e) {
                end(watchGeneration, "watch broken: " + KubeConnector.rootMessage(e));
                return;
            }
        }
        end(watchGeneration, "the API server ended the watch without an event");
    }

    private synchronized boolean attach(int watchGeneration, InputStream in) {
        if (watchGeneration != generation) {
            closeQuietly(in);
            return false;
        }
        stream = in;
        return true;
    }

    /** Reads one event (parser on its START_OBJECT) and applies it; the revision it brings, or null when the watch must end. */
    private String event(int watchGeneration, JsonParser p, PoolVersion v) throws IOException {
        String type = null;
        PoolRecord pool = null;
        String bookmark = null;
        String[] error = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("type")) {
                type = p.getValueAsString();
            } else if (field.equals("object") && value == JsonToken.START_OBJECT && type != null) {
                switch (type) {
                    case "ADDED", "MODIFIED", "DELETED" -> pool = reader.item(p, v, true);
                    case "BOOKMARK" -> bookmark = metadataVersion(p);
                    default -> error = ListStream.fields(p, "code", "message");
                }
            } else {
                p.skipChildren(); // an object before its type: unknown to us, and ends the watch below
            }
        }
        synchronized (this) {
            if (watchGeneration != generation) {
                return null;
            }
            if (pool != null && pool.resourceVersion() != null) {
                if (type.equals("DELETED")) {
                    pools.remove(pool.name());
                } else {
                    pools.put(pool.name(), pool);
                }
                revision = pool.resourceVersion();
            } else if (bookmark != null) {
                revision = bookmark;
            } else {
                endLocked(
                        error != null && "410".equals(error[0])
                                ? "410 Gone (the revision was compacted)"
                                : "the watch sent "
                                        + (error != null ? "an error: " + error[1] : "an event it could not read"));
                return null;
            }
            events++;
            lastEventAt = System.nanoTime();
            notifyAll();
            return revision;
        }
    }

    private static String metadataVersion(JsonParser p) throws IOException {
        String rv = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                rv = ListStream.fields(p, "resourceVersion")[0];
            } else {
                p.skipChildren();
            }
        }
        return rv;
    }

    private synchronized void end(int watchGeneration, String why) {
        if (watchGeneration == generation) {
            endLocked(why);
        }
    }

    private void endLocked(String why) {
        watching = false;
        ended = why;
        stream = null;
        notifyAll();
    }

    /** For tests: waits until the watch of the current list has ended (a test breaks it first). */
    synchronized String awaitEnd() throws InterruptedException {
        while (watching) {
            wait();
        }
        return ended;
    }

    /** For tests: waits until the watch has applied that many events since the last list. */
    synchronized void awaitEvents(long count) throws InterruptedException {
        while (events < count && watching) {
            wait();
        }
    }

    private void stopWatch() {
        generation++;
        if (stream != null) {
            closeQuietly(stream);
            stream = null;
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // the watch is given up either way
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        stopWatch();
        pools = null;
        watching = false;
    }

    private static String ago(long nanos) {
        long ms = (System.nanoTime() - nanos) / 1_000_000;
        return ms < 10_000 ? String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0) : ms / 1000 + "s";
    }
}
