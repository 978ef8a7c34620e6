package io.ipamctl.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Builds the fabric8 client from kubeconfig files the way kubectl picks them. */
public final class KubeConnector {

    private KubeConnector() {}

    public static KubernetesClient connect(ConnectionSettings settings) {
        return connect(Kubeconfigs.read(settings), settings);
    }

    /** A client from kubeconfigs already read (the warm server reads them once to key its cache). */
    public static KubernetesClient connect(Kubeconfigs kubeconfigs, ConnectionSettings settings) {
        return connect(kubeconfigs, settings, null);
    }

    /** The same, with an interceptor that sees every request (the warm server's cache notes writes with one), or null. */
    public static KubernetesClient connect(
            Kubeconfigs kubeconfigs,
            ConnectionSettings settings,
            io.fabric8.kubernetes.client.http.Interceptor observer) {
        Config config = kubeconfigs.toConfig();
        applyProxy(config, settings.env());
        applyTimeouts(config, settings);
        return build(config, settings, observer);
    }

    /**
     * The HTTP half of a client, for requests sent ahead of the command ({@link ReadsAhead}): built without
     * fabric8's client object, so that the first request (and its TLS handshake, on OkHttp's thread) goes out
     * while that object and its serialization are still being made ({@link #client(EarlyHttp,
     * KubernetesSerialization)}). The same client, interceptors and TLS as {@link #connect(Kubeconfigs,
     * ConnectionSettings)}.
     */
    static EarlyHttp earlyHttp(Kubeconfigs kubeconfigs, ConnectionSettings settings, ReadsAhead ahead) {
        Config config = kubeconfigs.toConfig();
        applyProxy(config, settings.env());
        applyTimeouts(config, settings);
        java.util.Optional<KubeconfigTls> tls = KubeconfigTls.of(config);
        java.util.function.Consumer<HttpClient.Builder> interceptors = interceptors(settings, null);
        HttpClient http = tls.isPresent()
                ? tls.get().httpClient(config, ahead, interceptors)
                : httpClient(new AheadFactory(ahead), config, interceptors);
        return new EarlyHttp(config, http);
    }

    /** An HTTP client for the API server of this config, and the config (the server URL, the request timeout). */
    record EarlyHttp(Config config, HttpClient http) {}

    /** fabric8's client on that HTTP client, made as {@link KubernetesClientBuilder#build()} makes it. */
    static KubernetesClient client(EarlyHttp early, KubernetesSerialization serialization) {
        return new io.fabric8.kubernetes.client.impl.KubernetesClientImpl(
                early.http(), early.config(), null, serialization);
    }

    /** As fabric8's builder makes its HTTP client: the factory's builder for the config, the interceptors, build. */
    static HttpClient httpClient(
            HttpClient.Factory factory, Config config, java.util.function.Consumer<HttpClient.Builder> interceptors) {
        HttpClient.Builder builder = factory.newBuilder(config);
        if (interceptors != null) {
            interceptors.accept(builder);
        }
        return builder.build();
    }

    /** A client for a server URL that takes a bearer token (the built-in sandbox). */
    public static KubernetesClient connect(String masterUrl, String token, ConnectionSettings settings) {
        Config config = Config.empty();
        config.setMasterUrl(masterUrl);
        config.setOauthToken(token);
        config.setNamespace("default");
        applyTimeouts(config, settings);
        return build(config, settings, null);
    }

    private static KubernetesClient build(
            Config config, ConnectionSettings settings, io.fabric8.kubernetes.client.http.Interceptor observer) {
        java.util.Optional<KubeconfigTls> tls = KubeconfigTls.of(config);
        KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config);
        java.util.function.Consumer<HttpClient.Builder> interceptors = interceptors(settings, observer);
        if (interceptors != null) {
            builder.withHttpClientBuilderConsumer(interceptors);
        }
        return tls.isPresent() ? tls.get().build(builder, config) : builder.build();
    }

    /** The request log (-v) and an observer's interceptor for a client's HTTP builder, or null for neither. */
    private static java.util.function.Consumer<HttpClient.Builder> interceptors(
            ConnectionSettings settings, io.fabric8.kubernetes.client.http.Interceptor observer) {
        if (settings.requestLog() == null && observer == null) {
            return null;
        }
        return b -> {
            if (settings.requestLog() != null) {
                b.addOrReplaceInterceptor("ipamctl-request-log", new RequestLog(settings.requestLog()));
            }
            if (observer != null) {
                b.addOrReplaceInterceptor("ipamctl-observer", observer);
            }
        };
    }

    /** fabric8's OkHttp client with requests sent ahead handed over ({@link ReadsAhead}). */
    private static final class AheadFactory extends io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory {

        private final ReadsAhead ahead;

        AheadFactory(ReadsAhead ahead) {
            this.ahead = ahead;
        }

        @Override
        protected void additionalConfig(okhttp3.OkHttpClient.Builder builder) {
            builder.addInterceptor(ahead);
        }
    }

    private static void applyTimeouts(Config config, ConnectionSettings settings) {
        long ms = settings.requestTimeout().toMillis();
        int timeout = ms == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, ms);
        config.setRequestTimeout(timeout);
        config.setConnectionTimeout(timeout == 0 ? 10_000 : Math.min(timeout, 10_000));
        // One answer per request, like kubectl: retries of a refused connection only delay the error.
        config.setRequestRetryBackoffLimit(0);
        // HTTP/1.1: an exec websocket (always HTTP/1.1) then reuses the connection of the request before it
        // instead of a TLS handshake of its own (ovs show --node: 2 handshakes -> 1, 1005 -> 933 ms CPU)
        config.setHttp2Disable(true);
    }

    /**
     * HTTPS_PROXY / HTTP_PROXY / NO_PROXY of the caller, as kubectl (Go's net/http) reads them: upper
     * case first, none for a loopback server, and never over a proxy-url the kubeconfig sets. Read from
     * the caller's environment, never the process's (fabric8's own lookup would read the server's).
     */
    static void applyProxy(Config config, java.util.Map<String, String> env) {
        if (config.getHttpProxy() != null || config.getHttpsProxy() != null) {
            return;
        }
        String host = java.net.URI.create(config.getMasterUrl()).getHost();
        if (host == null
                || host.equals("localhost")
                || host.startsWith("127.")
                || host.equals("[::1]")
                || host.equals("::1")) {
            return;
        }
        config.setHttpsProxy(firstSet(env, "HTTPS_PROXY", "https_proxy"));
        config.setHttpProxy(firstSet(env, "HTTP_PROXY", "http_proxy"));
        String noProxy = firstSet(env, "NO_PROXY", "no_proxy");
        config.setNoProxy(
                noProxy == null
                        ? null
                        : java.util.Arrays.stream(noProxy.split(","))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .toArray(String[]::new));
    }

    private static String firstSet(java.util.Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("line (\\d+), column (\\d+)");

    /**
     * Why a kubeconfig could not be read, as one line of words: YAML parse errors keep their problem and
     * position but lose the multi-line snippet; a file that parses but is no kubeconfig (fabric8 then
     * fails to map it, naming its own classes) says so.
     */
    static String unreadable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
                var at = m.getLocation();
                return Kubeconfigs.NOT_A_KUBECONFIG
                        + (at != null && at.getLineNr() > 0 ? " (line " + at.getLineNr() + ")" : "");
            }
        }
        String message = rootMessage(e);
        java.util.List<String> problem = new java.util.ArrayList<>();
        for (String line : message.split("\n")) {
            // SnakeYAML indents its " in reader, line ..." lines and the quoted snippet; the problem lines are not
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                problem.add(line.strip());
            }
        }
        var at = LINE.matcher(message);
        String where = at.find() ? " (line " + at.group(1) + ", column " + at.group(2) + ")" : "";
        return (message.contains("\n") ? "it is not valid YAML: " : "") + String.join(": ", problem) + where;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
