package io.ipamctl.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ipamctl.kube.CachedKind.Held;
import io.ipamctl.kube.WatchedCollection.Stamped;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * API discovery as the warm server answers it, per credential set (one per {@link ClusterCache}), so a
 * warm command asks no discovery request. Custom resources come and go with their
 * CustomResourceDefinitions, which the server watches like any other collection it keeps:
 *
 * <ul>
 *   <li>a group that has (or had, since this cache began) a CRD is answered from the watched CRDs
 *       themselves, as the API server's own discovery builds it (an Established CRD's served versions,
 *       under its accepted plural): exactly as new as the watch's last event, with no window where
 *       discovery lags behind a CRD just made or deleted;
 *   <li>any other group (built into Kubernetes: v1, networking.k8s.io) is asked once and the answer kept
 *       until the CRD watch changes at all: an event, a new list, or a stream opened again (which an
 *       API server restart, e.g. an upgrade that adds ServiceCIDRs, forces);
 *   <li>when the CRDs cannot be listed or watched (a viewer's role may not list them), every answer is
 *       asked per command, as without a server; the CRD list is tried again after {@link #RETRY}.
 * </ul>
 *
 * Not seen: an aggregated API (an APIService) appearing in a group of neither kind between two CRD
 * changes; no source of ipamctl reads one.
 */
final class ApiCatalog {

    /** The CRDs as the server keeps them: what discovery would serve of each, schemas skipped unread. */
    static final CachedKind<Crd> CRDS = new CachedKind<>(
            "CustomResourceDefinitions",
            "apis/apiextensions.k8s.io/v1/customresourcedefinitions",
            "customresourcedefinitions",
            client -> ApiCatalog::crd);

    /** How long a refused CRD list is believed before it is tried again (RBAC may have changed). */
    static final Duration RETRY = Duration.ofMinutes(1);

    /**
     * What discovery serves of one CRD: its group, the versions served, the plural it is served under
     * (status.acceptedNames), and whether it is Established (discovery lists only those).
     */
    record Crd(String group, Set<String> versions, String plural, boolean established) {}

    /** A discovery answer and the count of CRD changes it was asked at. */
    private record Asked(long changes, Set<String> served) {}

    private final Map<String, Asked> asked = new HashMap<>();
    /** Groups that had a CRD in any read: answered from the CRDs from then on, even when none is left. */
    private final Set<String> crdGroups = new HashSet<>();

    private String refused;
    private long refusedAt;

    /**
     * The resources served in that group version ("v1", "GROUP/VERSION"), from the watched CRDs or kept
     * while they did not change; ask asks discovery now (its failures are the caller's).
     */
    Set<String> served(
            WatchedCollection<Crd> crds, String apiVersion, Supplier<Set<String>> ask, Consumer<String> log) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        Stamped<Crd> read = readCrds(crds, log);
        if (read == null) {
            log.accept("API discovery of " + apiVersion + " asked (" + refusedWhy() + ")");
            return ask.get();
        }
        Set<String> fromCrds = fromCrds(read, group, version);
        if (fromCrds != null) {
            log.accept("API discovery of " + apiVersion + " from the watched CustomResourceDefinitions");
            return fromCrds;
        }
        synchronized (this) {
            Asked kept = asked.get(apiVersion);
            if (kept != null && kept.changes() == read.changes()) {
                log.accept("API discovery of " + apiVersion + " kept: no CustomResourceDefinition changed since");
                return kept.served();
            }
        }
        log.accept("API discovery of " + apiVersion + " asked; kept until a CustomResourceDefinition changes");
        Set<String> served = ask.get();
        synchronized (this) {
            asked.put(apiVersion, new Asked(read.changes(), served));
        }
        return served;
    }

    /** The CRDs, or null when they cannot be read now (refused, or refused less than RETRY ago). */
    private Stamped<Crd> readCrds(WatchedCollection<Crd> crds, Consumer<String> log) {
        synchronized (this) {
            if (refused != null && System.nanoTime() - refusedAt < RETRY.toNanos()) {
                return null;
            }
        }
        try {
            Stamped<Crd> read = crds.readStamped(log);
            synchronized (this) {
                refused = null;
            }
            return read;
        } catch (RuntimeException e) {
            // never the command's failure: discovery itself is asked instead, and fails as it would
            synchronized (this) {
                refused = KubeConnector.rootMessage(e);
                refusedAt = System.nanoTime();
            }
            return null;
        }
    }

    private synchronized String refusedWhy() {
        return "CustomResourceDefinitions cannot be listed: " + refused;
    }

    /** The plurals the CRDs serve in that group version, or null when the group never had a CRD. */
    private Set<String> fromCrds(Stamped<Crd> read, String group, String version) {
        Set<String> served = new TreeSet<>();
        boolean inGroup = false;
        for (Held<Crd> held : read.objects()) {
            Crd crd = held.value();
            if (crd.group().equals(group)) {
                inGroup = true;
                if (crd.established() && crd.plural() != null && crd.versions().contains(version)) {
                    served.add(crd.plural());
                }
            }
        }
        synchronized (this) {
            if (inGroup) {
                crdGroups.add(group);
            } else if (!crdGroups.contains(group)) {
                return null;
            }
        }
        return served;
    }

    /** Reads one CRD (parser on its START_OBJECT), skipping all but the fields discovery is built from. */
    private static Held<Crd> crd(JsonParser p) throws IOException {
        String name = null;
        String resourceVersion = null;
        String group = "";
        Set<String> versions = new HashSet<>();
        String plural = null;
        boolean established = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            switch (field) {
                case "metadata" -> {
                    String[] m = ListStream.fields(p, "name", "resourceVersion");
                    name = m[0];
                    resourceVersion = m[1];
                }
                case "spec" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        JsonToken value = p.nextToken();
                        if (f.equals("group") && value == JsonToken.VALUE_STRING) {
                            group = p.getText();
                        } else if (f.equals("versions") && value == JsonToken.START_ARRAY) {
                            ListStream.each(p, v -> {
                                String[] nameServed = ListStream.fields(v, "name", "served");
                                if (nameServed[0] != null && "true".equals(nameServed[1])) {
                                    versions.add(nameServed[0]);
                                }
                            });
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                case "status" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        JsonToken value = p.nextToken();
                        if (f.equals("acceptedNames") && value == JsonToken.START_OBJECT) {
                            plural = ListStream.fields(p, "plural")[0];
                        } else if (f.equals("conditions") && value == JsonToken.START_ARRAY) {
                            boolean[] yes = {false};
                            ListStream.each(p, c -> {
                                String[] typeStatus = ListStream.fields(c, "type", "status");
                                yes[0] |= "Established".equals(typeStatus[0]) && "True".equals(typeStatus[1]);
                            });
                            established = yes[0];
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new Held<>(name, resourceVersion, new Crd(group, Set.copyOf(versions), plural, established));
    }
}
