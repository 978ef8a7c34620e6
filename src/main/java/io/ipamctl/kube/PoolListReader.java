package io.ipamctl.kube;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.ipam.Allocation;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads pages of the IPPool list off the response ({@link ListStream}). Each status entry (100k of
 * them at 500 pools) becomes one {@link Allocation} holding what the caller asked for and nothing
 * else; of the rest of a pool only the spec is bound to the generated model. Names alone come from
 * the server's Table, where the API server leaves the objects out. fabric8's typed list built every
 * entry as model objects with maps of their own (bench/findings.md has the figures).
 */
final class PoolListReader {

    /** kubectl's request for a Table, falling back to the plain list on servers without one. */
    private static final String TABLE = "application/json;as=Table;g=meta.k8s.io;v=v1, application/json";

    private final KubernetesClient client;
    private final ListStream stream;

    PoolListReader(KubernetesClient client) {
        this.client = client;
        this.stream = new ListStream(client);
    }

    /**
     * One page of pools in that version, each handed to out; the continue token of the next page
     * (null on the last). Server errors (404: the version is not served) are left to the caller.
     *
     * @param owners read each entry's owner (Pod, StatefulSet, container), not only its address and phase
     */
    String page(PoolVersion version, ListOptions options, boolean owners, Consumer<PoolRecord> out) {
        return stream.page(
                path(version),
                options,
                "application/json",
                "",
                "an IPPool list",
                (field, p) -> items(p, version, owners, out));
    }

    /** One page of pool names (the server's Table: no objects cross the wire), handed to out; the next continue token. */
    String namesPage(PoolVersion version, ListOptions options, Consumer<String> out) {
        return stream.page(path(version), options, TABLE, "&includeObject=None", "an IPPool list", (field, p) -> {
            if (field.equals("rows")) {
                rows(p, out);
            } else {
                ListStream.each(p, item -> names(item, out));
            }
        });
    }

    private static String path(PoolVersion version) {
        return "apis/" + version.apiVersion() + "/ippools";
    }

    /**
     * A pool: metadata (name, uid, resourceVersion) and status (usage, each entry) read here; only the
     * spec, a few hundred bytes, is bound to the generated model, whose conversion rules then apply.
     */
    private void items(JsonParser p, PoolVersion version, boolean owners, Consumer<PoolRecord> out) throws IOException {
        ListStream.each(p, item -> out.accept(item(p, version, owners)));
    }

    /** One pool object, parser on its START_OBJECT (a list item or a watch event's object). */
    PoolRecord item(JsonParser p, PoolVersion version, boolean owners) throws IOException {
        String[] meta = new String[4];
        String spec = null;
        Long[] usage = null;
        List<Allocation> allocations = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
            } else if (field.equals("metadata")) {
                meta = ListStream.fields(p, "name", "uid", "resourceVersion", "creationTimestamp");
            } else if (field.equals("spec")) {
                StringWriter json = new StringWriter(512);
                try (JsonGenerator g = stream.json().createGenerator(json)) {
                    g.copyCurrentStructure(p);
                }
                spec = json.toString();
            } else if (field.equals("status")) {
                usage = status(p, owners, allocations);
            } else {
                p.skipChildren();
            }
        }
        return record(version, meta, spec, usage, allocations);
    }

    private PoolRecord record(
            PoolVersion version, String[] names, String spec, Long[] usage, List<Allocation> allocations) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(names[0]);
        meta.setUid(names[1]);
        meta.setResourceVersion(names[2]);
        meta.setCreationTimestamp(names[3]);
        var serialization = client.getKubernetesSerialization();
        if (version == PoolVersion.V1BETA1) {
            var pool = new io.ipamctl.kube.crd.v1beta1.IPPool();
            pool.setMetadata(meta);
            pool.setSpec(
                    spec == null ? null : serialization.unmarshal(spec, io.ipamctl.kube.crd.v1beta1.IPPoolSpec.class));
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
        pool.setSpec(
                spec == null ? null : serialization.unmarshal(spec, io.ipamctl.kube.crd.v1alpha2.IPPoolSpec.class));
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
                    ListStream.expect(t, JsonToken.START_OBJECT);
                    allocations.add(entry(p, owners));
                }
            } else if (field.equals("usage") && value == JsonToken.START_OBJECT) {
                String[] u = ListStream.fields(p, "used", "total");
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
                        pod = ListStream.fields(p, "namespace", "name", "containerID");
                    } else if (kind.equals("statefulSet") && v == JsonToken.START_OBJECT) {
                        sts = ListStream.fields(p, "namespace", "name", "index");
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

    private static void names(JsonParser p, Consumer<String> out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                String name = ListStream.fields(p, "name")[0];
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
        ListStream.each(p, row -> {
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
}
