package io.ipamctl.kube;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.ipamctl.IpamctlException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A page of a list read straight off the response with Jackson's streaming parser, through fabric8's
 * HTTP client (its authentication, timeouts and -v log apply). For lists whose objects are big or
 * many while a command needs a few fields of each: fabric8's typed lists first build Jackson
 * deserializers for the whole model graph (a Pod's: ~30% of `ovs show` CPU) and then every object.
 */
final class ListStream {

    /** Reads a field's value (a list's items or rows: parser on its START_ARRAY). */
    interface Section {
        void read(String field, JsonParser parser) throws IOException;
    }

    /** Reads one element of an array, parser on its START_OBJECT. */
    interface Element {
        void read(JsonParser parser) throws IOException;
    }

    private final KubernetesClient client;
    private final JsonFactory json = new JsonFactory();
    private String listVersion;

    ListStream(KubernetesClient client) {
        this.client = client;
    }

    JsonFactory json() {
        return json;
    }

    /** The API server's address, for messages. */
    String masterUrl() {
        return client.getMasterUrl().toString();
    }

    /** metadata.resourceVersion of the last page read: the revision the list shows (where a watch of it starts). */
    String listVersion() {
        return listVersion;
    }

    /**
     * One page of the list at path (e.g. "api/v1/namespaces/kube-system/pods"); its items (or a Table's
     * rows) go to section; returns the next page's continue token, null on the last page. A failed
     * request is the KubernetesClientException fabric8 would throw (404 included), for the caller.
     *
     * @param what what the list holds, for the message when the answer is not JSON
     */
    String page(String path, ListOptions options, String accept, String extraQuery, String what, Section section) {
        String[] meta = new String[2];
        get(path + "?" + query(options) + extraQuery, accept, what, (field, p) -> {
            if (field.equals("metadata") && p.currentToken() == JsonToken.START_OBJECT) {
                String[] read = fields(p, "continue", "resourceVersion");
                meta[0] = read[0];
                meta[1] = read[1];
            } else if ((field.equals("items") || field.equals("rows")) && p.currentToken() == JsonToken.START_ARRAY) {
                section.read(field, p);
            } else {
                p.skipChildren();
            }
        });
        listVersion = meta[1];
        return meta[0] == null || meta[0].isEmpty() ? null : meta[0];
    }

    /**
     * The JSON object at path (with its query), each top-level field to fields with the parser on the field's
     * value (fields skips what it does not read). A failed request is fabric8's KubernetesClientException.
     */
    void get(String pathAndQuery, String accept, String what, Section fields) {
        HttpRequest request = client.getHttpClient()
                .newHttpRequestBuilder()
                .uri(client.getMasterUrl().toString().replaceFirst("/?$", "/") + pathAndQuery)
                .header("Accept", accept)
                .timeout(client.getConfiguration().getRequestTimeout(), TimeUnit.MILLISECONDS)
                .build();
        HttpResponse<InputStream> response = send(request);
        try (InputStream body = response.body()) {
            if (!response.isSuccessful()) {
                throw OperationSupport.requestFailure(
                        request, OperationSupport.createStatus(response, client.getKubernetesSerialization()));
            }
            try (JsonParser p = json.createParser(body)) {
                expect(p.nextToken(), JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    fields.read(field, p);
                }
            }
        } catch (JsonProcessingException e) {
            throw IpamctlException.failed(
                    "the API server at " + client.getMasterUrl() + " sent " + what + " that is not valid JSON", e);
        } catch (IOException e) {
            throw KubernetesClientException.launderThrowable(e);
        }
    }

    /**
     * The event stream of a watch of the list at path from that revision (bookmarks asked for), open
     * until the server ends it or the caller closes it; a refused watch is fabric8's exception (410 included).
     */
    @SuppressWarnings("try") // a refused watch's body is only closed, never read
    InputStream watch(String path, String fromVersion) {
        HttpRequest request = client.getHttpClient()
                .newHttpRequestBuilder()
                .uri(client.getMasterUrl().toString().replaceFirst("/?$", "/") + path
                        + "?watch=1&allowWatchBookmarks=true" + "&resourceVersion="
                        + URLEncoder.encode(fromVersion, StandardCharsets.UTF_8))
                .header("Accept", "application/json")
                .forStreaming()
                .build();
        HttpResponse<InputStream> response = send(request);
        if (!response.isSuccessful()) {
            try (InputStream body = response.body()) {
                throw OperationSupport.requestFailure(
                        request, OperationSupport.createStatus(response, client.getKubernetesSerialization()));
            } catch (IOException e) {
                throw KubernetesClientException.launderThrowable(e);
            }
        }
        return response.body();
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return BodyStream.send(client.getHttpClient(), request).get();
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
        param(q, "labelSelector", options.getLabelSelector());
        param(q, "fieldSelector", options.getFieldSelector());
        return q.toString();
    }

    private static void param(StringBuilder q, String name, String value) {
        if (value != null) {
            q.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** Every element of the array the parser is on, each to element. */
    static void each(JsonParser p, Element element) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            expect(t, JsonToken.START_OBJECT);
            element.read(p);
        }
    }

    /** The scalar values of those fields of the current object (null where absent), parser after its END_OBJECT. */
    static String[] fields(JsonParser p, String... names) throws IOException {
        String[] out = new String[names.length];
        List<String> wanted = List.of(names);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            int i = wanted.indexOf(field);
            if (i >= 0 && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                out[i] = p.getValueAsString();
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    static void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new JsonParseException(null, actual + " where " + wanted + " was expected");
        }
    }
}
