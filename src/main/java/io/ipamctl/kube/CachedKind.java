package io.ipamctl.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A collection of API objects the pool views read, and the one way each object is read off a list
 * page or a watch event into the compact value the views use (never the whole object: 100k Pods or
 * allocations must fit in the warm server). A run without a cache lists it once ({@link #list});
 * the warm server keeps it current by a watch ({@link WatchedCollection}).
 *
 * @param label    how -v and `server status` name it ("pods", "whereabouts ippools")
 * @param path     the list's path below the API root ("api/v1/pods", cluster-wide)
 * @param resource the plural a write's path names (a write through ipamctl to it drops what is held)
 * @param readers  builds the object reader of one API client (some read with its serialization)
 */
public record CachedKind<T>(
        String label, String path, String resource, Function<KubernetesClient, ObjectReader<T>> readers) {

    /** Reads one object, parser on its START_OBJECT, leaving it after its END_OBJECT. */
    public interface ObjectReader<T> {
        Held<T> read(JsonParser parser) throws IOException;
    }

    /**
     * One object as held: its key ("namespace/name", or the name of a cluster-scoped object), the
     * revision it was read at, and the value the views read.
     */
    public record Held<T>(String key, String resourceVersion, T value) {}

    private static final ObjectMapper TREES = new ObjectMapper();

    /**
     * A kind whose objects are read as a JSON tree (small objects, few fields wanted) and mapped to
     * their value with the API client at hand; metadata gives key and revision.
     */
    static <T> CachedKind<T> ofTree(
            String label, String path, String resource, BiFunction<KubernetesClient, JsonNode, T> value) {
        return new CachedKind<>(label, path, resource, client -> p -> {
            JsonNode o = TREES.readTree(p);
            JsonNode meta = o.path("metadata");
            String ns = meta.path("namespace").asText("");
            String name = meta.path("name").asText("");
            return new Held<>(
                    ns.isEmpty() ? name : ns + "/" + name,
                    meta.path("resourceVersion").asText(null),
                    value.apply(client, o));
        });
    }

    /** Every object's value, sorted by key: from the warm server's cache when it keeps them, else listed now. */
    public List<T> list(KubernetesClient client, ClusterCache cache) {
        return list(client, cache, null);
    }

    /**
     * The values of the objects the label selector matches (null: all), sorted by key. A selector is
     * the API server's to apply: such a read bypasses the cache and lists with it.
     */
    public List<T> list(KubernetesClient client, ClusterCache cache, String labelSelector) {
        try {
            List<Held<T>> held =
                    cache.keeps() && labelSelector == null ? cache.read(this) : fresh(client, labelSelector);
            return held.stream().map(Held::value).toList();
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    /** The objects as the list is now, page by page, sorted by key; server errors are fabric8's exception. */
    private List<Held<T>> fresh(KubernetesClient client, String labelSelector) {
        ListStream stream = new ListStream(client);
        ObjectReader<T> reader = readers.apply(client);
        List<Held<T>> out = new ArrayList<>();
        Pages.each(null, options -> {
            options.setLabelSelector(labelSelector);
            return page(stream, reader, options, out::add);
        });
        out.sort(Comparator.comparing(Held::key));
        return out;
    }

    /** One page of the list, each object to out; the next continue token. */
    String page(
            ListStream stream,
            ObjectReader<T> reader,
            io.fabric8.kubernetes.api.model.ListOptions options,
            java.util.function.Consumer<Held<T>> out) {
        return stream.page(
                path,
                options,
                "application/json",
                "",
                "a " + label + " list",
                (field, p) -> ListStream.each(p, item -> out.accept(reader.read(p))));
    }

    /** The value of one of the tree's text fields (a path of names), or null when absent or empty. */
    static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String name : path) {
            n = n.path(name);
        }
        String s = n.isValueNode() ? n.asText() : null;
        return s == null || s.isEmpty() ? null : s;
    }
}
