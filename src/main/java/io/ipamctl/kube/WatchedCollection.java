package io.ipamctl.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.kube.CachedKind.Held;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One collection ({@link CachedKind}) as one credential set sees it, listed once and then kept
 * current by a watch from the list's revision: an informer of our own, holding the compact values
 * the kind reads, not fabric8's models. Only the warm server keeps these: a command run once would
 * pay for a watch it never uses.
 *
 * <p>A read is answered from memory while the watch runs and nothing of the kind was written
 * through ipamctl since; the answer is then as new as the watch's last event. It lists afresh (and
 * watches again from there) when nothing is held yet, when the watch ended (refused, broken, 410
 * Gone: the revision was compacted) or when ipamctl wrote to the kind since ({@link #written}:
 * read-your-writes without comparing revisions, which the API calls opaque). A list that fails fails
 * the read exactly as a list without the cache would: nothing held is ever handed out in its place.
 *
 * <p>What a view computes from one object can be kept with it ({@link #memo}): dropped when the
 * object changes, goes, or the collection is listed again.
 */
final class WatchedCollection<T> implements AutoCloseable {

    private final CachedKind<T> kind;
    private final ListStream stream;
    private final CachedKind.ObjectReader<T> reader;
    /** Sorted by key; null while nothing is held. */
    private TreeMap<String, Held<T>> held;
    /** Per key and memo type: the revision a memo was computed at, and the memo. */
    private final Map<String, Map<Class<?>, Memo>> memos = new HashMap<>();

    private record Memo(String resourceVersion, Object value) {}

    private String revision;
    private long listedAt;
    private long lastEventAt;
    private long events;
    private long lists;
    /**
     * Bumped by every list, every object event and every watch stream opened again: what was derived
     * from the collection at one count holds while the count stays (bookmarks do not count: they change
     * no object).
     */
    private long changes;
    /** Bumped by every list and by close: a watch of an older generation only leaves. */
    private int generation;

    private boolean watching;
    private boolean written;
    private String ended;
    private InputStream open;
    private boolean closed;

    WatchedCollection(KubernetesClient client, CachedKind<T> kind) {
        this.kind = kind;
        this.stream = new ListStream(client);
        this.reader = kind.readers().apply(client);
    }

    CachedKind<T> kind() {
        return kind;
    }

    /**
     * Every object, sorted by key. Server errors of the list (404, 403) come back as fabric8's
     * exception, as a plain list's would.
     */
    synchronized List<Held<T>> read(Consumer<String> log) {
        String why = held == null
                ? "nothing held yet"
                : written
                        ? kind.label() + " were written through ipamctl since"
                        : !watching ? "the watch ended: " + ended : null;
        if (why == null) {
            log.accept(kind.label() + " from the server's cache: " + held.size() + " at resourceVersion " + revision
                    + ", listed " + ago(listedAt) + " ago, "
                    + (events == 0
                            ? "no watch event since"
                            : events + " watch events since, the last " + ago(lastEventAt) + " ago"));
        } else {
            log.accept(kind.label() + " listed from the API server (" + why + "); watched from then on");
            relist();
        }
        return new ArrayList<>(held.values());
    }

    /** The objects (as {@link #read}) and the {@link #changes} count they are as of; logs only when it lists. */
    synchronized Stamped<T> readStamped(Consumer<String> log) {
        List<Held<T>> objects = read(current() ? message -> {} : log);
        return new Stamped<>(objects, changes);
    }

    /** The objects of one read and the count of changes they are as of. */
    record Stamped<T>(List<Held<T>> objects, long changes) {}

    /** Whether a read now would be answered from memory. */
    synchronized boolean current() {
        return held != null && watching && !written;
    }

    /** ipamctl wrote to the kind (or tried: a timed-out write may have happened): the next read lists afresh. */
    synchronized void written() {
        written = true;
    }

    /**
     * What compute gives for the object of that key at that revision, computed once while the object
     * is held unchanged (the revision compared, so a memo never outlives its object).
     */
    <M> M memo(String key, String resourceVersion, Class<M> type, Supplier<M> compute) {
        synchronized (this) {
            Memo m = memos.getOrDefault(key, Map.of()).get(type);
            if (m != null && m.resourceVersion().equals(resourceVersion)) {
                return type.cast(m.value());
            }
        }
        M value = compute.get(); // outside the lock: another read need not wait for it
        synchronized (this) {
            Held<T> now = held == null ? null : held.get(key);
            if (resourceVersion != null && now != null && resourceVersion.equals(now.resourceVersion())) {
                memos.computeIfAbsent(key, k -> new HashMap<>()).put(type, new Memo(resourceVersion, value));
            }
        }
        return value;
    }

    /** One line for `server status`. */
    synchronized String state() {
        if (held == null) {
            return kind.label() + ": none";
        }
        return kind.label() + ": " + held.size() + " at resourceVersion " + revision
                + (watching && !written ? ", watched" : ", stale") + ", " + lists + " lists, " + events + " events";
    }

    private void relist() {
        stopWatch();
        held = null;
        memos.clear();
        watching = false;
        written = false;
        TreeMap<String, Held<T>> read = new TreeMap<>();
        Pages.each(null, options -> kind.page(stream, reader, options, h -> read.put(h.key(), h)));
        held = read;
        revision = stream.listVersion();
        listedAt = System.nanoTime();
        lastEventAt = 0;
        events = 0;
        lists++;
        changes++;
        ended = null;
        if (closed) {
            ended = "the cache was dropped";
        } else if (revision != null && !revision.isEmpty()) {
            watching = true;
            int watchGeneration = generation;
            String from = revision;
            Thread t = new Thread(() -> watch(watchGeneration, from), "ipamctl-watch-" + kind.resource());
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
    private void watch(int watchGeneration, String from) {
        String at = from;
        boolean delivered = true;
        boolean reopened = false;
        while (delivered) {
            delivered = false;
            InputStream in;
            try {
                in = stream.watch(kind.path(), at);
            } catch (KubernetesClientException e) {
                end(
                        watchGeneration,
                        e.getCode() == 410
                                ? "410 Gone (the revision was compacted)"
                                : KubeErrors.translate(e, stream.masterUrl()).getMessage());
                return;
            } catch (RuntimeException e) {
                end(watchGeneration, "watch failed: " + KubeConnector.rootMessage(e));
                return;
            }
            if (!attach(watchGeneration, in, reopened)) {
                return;
            }
            reopened = true;
            try (JsonParser p = stream.json().createParser(in)) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String next = event(watchGeneration, p);
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

    /** reopened: a stream after the first (the API server may have restarted, e.g. upgraded, meanwhile). */
    private synchronized boolean attach(int watchGeneration, InputStream in, boolean reopened) {
        if (watchGeneration != generation) {
            closeQuietly(in);
            return false;
        }
        open = in;
        if (reopened) {
            changes++;
        }
        return true;
    }

    /** Reads one event (parser on its START_OBJECT) and applies it; the revision it brings, or null when the watch must end. */
    private String event(int watchGeneration, JsonParser p) throws IOException {
        String type = null;
        Held<T> object = null;
        String bookmark = null;
        String[] error = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("type")) {
                type = p.getValueAsString();
            } else if (field.equals("object") && value == JsonToken.START_OBJECT && type != null) {
                switch (type) {
                    case "ADDED", "MODIFIED", "DELETED" -> object = reader.read(p);
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
            if (object != null && object.resourceVersion() != null) {
                memos.remove(object.key());
                if (type.equals("DELETED")) {
                    held.remove(object.key());
                } else {
                    held.put(object.key(), object);
                }
                revision = object.resourceVersion();
                changes++;
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
        open = null;
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
        if (open != null) {
            closeQuietly(open);
            open = null;
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
        held = null;
        memos.clear();
        watching = false;
    }

    private static String ago(long nanos) {
        long ms = (System.nanoTime() - nanos) / 1_000_000;
        return ms < 10_000 ? String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0) : ms / 1000 + "s";
    }
}
