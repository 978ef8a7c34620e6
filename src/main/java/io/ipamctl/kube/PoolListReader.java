package io.ipamctl.kube;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.Allocation;

/**
 * Reads pages of the IPPool list straight off the response with Jackson's streaming parser. Each
 * status entry (100k of them at 500 pools) becomes one {@link Allocation} holding what the caller
 * asked for and nothing else; of the rest, only the spec is bound to the generated model. Names alone come from the server's Table, where the
 * API server leaves the objects out. fabric8's typed list built every entry as model objects with
 * maps of their own first (bench/findings.md has the figures).
 */
final class PoolListReader {

    /** kubectl's request for a Table, falling back to the plain list on servers without one. */
    private static final String TABLE = "application/json;as=Table;g=meta.k8s.io;v=v1, application/json";

    private final KubernetesClient client;
    private final JsonFactory json = new JsonFactory();

    PoolListReader(KubernetesClient client) {
        this.client = client;
    }

    /**
     * One page of pools in that version, each handed to out; the continue token of the next page
     * (null on the last). Server errors (404: the version is not served) are left to the caller.
     *
     * @param owners read each entry's owner (Pod, StatefulSet, container), not only its address and phase
     */
    String page(PoolVersion version, ListOptions options, boolean owners, Consumer<PoolRecord> out) {
        return read(version, options, "application/json", "", (field, p) -> items(p, version, owners, out));
    }

    /** One page of pool names (the server's Table: no objects cross the wire), handed to out; the next continue token. */
    String namesPage(PoolVersion version, ListOptions options, Consumer<String> out) {
        return read(version, options, TABLE, "&includeObject=None", (field, p) -> {
            if (field.equals("rows")) {
                rows(p, out);
            } else {
                items(p, item -> names(item, out));
            }
        });
    }

    private interface Section {
        /** Reads the list's items or rows (field), parser on its START_ARRAY. */
        void read(String field, JsonParser parser) throws IOException;
    }

    private String read(PoolVersion version, ListOptions options, String accept, String extraQuery, Section section) {
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri(client.getMasterUrl().toString().replaceFirst("/?$", "/") + "apis/" + version.apiVersion()
                        + "/ippools?" + query(options) + extraQuery)
                .header("Accept", accept)
                .timeout(client.getConfiguration().getRequestTimeout(), TimeUnit.MILLISECONDS)
                .build();
        HttpResponse<InputStream> response = send(request);
        try (InputStream body = response.body()) {
            if (!response.isSuccessful()) {
                throw OperationSupport.requestFailure(request,
                        OperationSupport.createStatus(response, client.getKubernetesSerialization()));
            }
            String next = null;
            try (JsonParser p = json.createParser(body)) {
                expect(p.nextToken(), JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                        next = continueToken(p);
                    } else if ((field.equals("items") || field.equals("rows")) && value == JsonToken.START_ARRAY) {
                        section.read(field, p);
                    } else {
                        p.skipChildren();
                    }
                }
            }
            return next == null || next.isEmpty() ? null : next;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw IpamctlException.failed("the API server at " + client.getMasterUrl() + " sent an IPPool list that is "
                    + "not valid JSON", e);
        } catch (IOException e) {
            throw KubernetesClientException.launderThrowable(e);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return client.getHttpClient().sendAsync(request, InputStream.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KubernetesClientException.launderThrowable(e);
        } catch (ExecutionException e) {
            throw KubernetesClientException.launderThrowable(e.getCause());
        }
    }

    private static String query(ListOptions options) {
        StringBuilder q = new StringBuilder("limit=" + options.getLimit());
        param(q, "continue", options.getContinue());
        param(q, "resourceVersion", options.getResourceVersion());
        param(q, "resourceVersionMatch", options.getResourceVersionMatch());
        return q.toString();
    }

    private static void param(StringBuilder q, String name, String value) {
        if (value != null) {
            q.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static String continueToken(JsonParser p) throws IOException {
        String token = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("continue")) {
                token = p.getValueAsString();
            } else {
                p.skipChildren();
            }
        }
        return token;
    }

    private interface Item {
        /** Reads one element of items, parser on its START_OBJECT. */
        void read(JsonParser parser) throws IOException;
    }

    private static void items(JsonParser p, Item item) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            expect(t, JsonToken.START_OBJECT);
            item.read(p);
        }
    }

    /**
     * A pool: metadata (name, uid, resourceVersion) and status (usage, each entry) read here; only the
     * spec, a few hundred bytes, is bound to the generated model, whose conversion rules then apply.
     */
    private void items(JsonParser p, PoolVersion version, boolean owners, Consumer<PoolRecord> out) throws IOException {
        items(p, item -> {
            String[] meta = new String[3];
            String spec = null;
            Long[] usage = null;
            List<Allocation> allocations = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value != JsonToken.START_OBJECT) {
                    p.skipChildren();
                } else if (field.equals("metadata")) {
                    meta = fields(p, "name", "uid", "resourceVersion");
                } else if (field.equals("spec")) {
                    StringWriter json = new StringWriter(512);
                    try (JsonGenerator g = this.json.createGenerator(json)) {
                        g.copyCurrentStructure(p);
                    }
                    spec = json.toString();
                } else if (field.equals("status")) {
                    usage = status(p, owners, allocations);
                } else {
                    p.skipChildren();
                }
            }
            out.accept(record(version, meta, spec, usage, allocations));
        });
    }

    private PoolRecord record(PoolVersion version, String[] names, String spec, Long[] usage, List<Allocation> allocations) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(names[0]);
        meta.setUid(names[1]);
        meta.setResourceVersion(names[2]);
        var serialization = client.getKubernetesSerialization();
        if (version == PoolVersion.V1BETA1) {
            var pool = new io.ipamctl.kube.crd.v1beta1.IPPool();
            pool.setMetadata(meta);
            pool.setSpec(spec == null ? null : serialization.unmarshal(spec, io.ipamctl.kube.crd.v1beta1.IPPoolSpec.class));
            if (usage != null) {
                var u = new io.ipamctl.kube.crd.v1beta1.ippoolstatus.Usage();
                u.setUsed(usage[0]);
                u.setTotal(usage[1]);
                pool.setStatus(new io.ipamctl.kube.crd.v1beta1.IPPoolStatus());
                pool.getStatus().setUsage(u);
            }
            return PoolConversion.fromBeta(pool, allocations);
        }
        var pool = new io.ipamctl.kube.crd.v1alpha2.IPPool();
        pool.setMetadata(meta);
        pool.setSpec(spec == null ? null : serialization.unmarshal(spec, io.ipamctl.kube.crd.v1alpha2.IPPoolSpec.class));
        if (usage != null) {
            var u = new io.ipamctl.kube.crd.v1alpha2.ippoolstatus.Usage();
            u.setUsed(usage[0]);
            u.setTotal(usage[1]);
            pool.setStatus(new io.ipamctl.kube.crd.v1alpha2.IPPoolStatus());
            pool.getStatus().setUsage(u);
        }
        return PoolConversion.fromAlpha(pool, allocations);
    }

    /** status: its entries into allocations; status.usage as {used, total} (null when absent). */
    private static Long[] status(JsonParser p, boolean owners, List<Allocation> allocations) throws IOException {
        Long[] usage = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("ipAddresses") && value == JsonToken.START_ARRAY) {
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    expect(t, JsonToken.START_OBJECT);
                    allocations.add(entry(p, owners));
                }
            } else if (field.equals("usage") && value == JsonToken.START_OBJECT) {
                String[] u = fields(p, "used", "total");
                usage = new Long[] {u[0] == null ? null : Long.valueOf(u[0]), u[1] == null ? null : Long.valueOf(u[1])};
            } else {
                p.skipChildren();
            }
        }
        return usage;
    }

    /** One status.ipAddresses entry, as {@link PoolConversion} reads it from the model. */
    private static Allocation entry(JsonParser p, boolean owners) throws IOException {
        String ip = null;
        String phase = null;
        String[] pod = null;
        String[] sts = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("ipAddress")) {
                ip = p.getValueAsString();
            } else if (field.equals("phase")) {
                phase = p.getValueAsString();
            } else if (field.equals("owner") && owners && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String kind = p.currentName();
                    JsonToken v = p.nextToken();
                    if (kind.equals("pod") && v == JsonToken.START_OBJECT) {
                        pod = fields(p, "namespace", "name", "containerID");
                    } else if (kind.equals("statefulSet") && v == JsonToken.START_OBJECT) {
                        sts = fields(p, "namespace", "name", "index");
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return PoolConversion.allocation(ip, phase, pod, sts);
    }

    /** The values of those fields of the current object (null where absent), parser after its END_OBJECT. */
    private static String[] fields(JsonParser p, String... names) throws IOException {
        String[] out = new String[names.length];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            int i = List.of(names).indexOf(field);
            if (i >= 0 && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                out[i] = p.getValueAsString();
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    private static void names(JsonParser p, Consumer<String> out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                String name = fields(p, "name")[0];
                if (name != null) {
                    out.accept(name);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /** The rows of a Table: its first cell is the object's name (the API server's Name column). */
    private static void rows(JsonParser p, Consumer<String> out) throws IOException {
        items(p, row -> {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("cells") && value == JsonToken.START_ARRAY) {
                    boolean first = true;
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        if (first && t == JsonToken.VALUE_STRING) {
                            out.accept(p.getText());
                        }
                        first = false;
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
        });
    }

    private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, actual + " where " + wanted + " was expected");
        }
    }
}
