package io.ipamctl.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

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
        return build(config, settings, observer, null, KubernetesClientBuilder::new);
    }

    /**
     * The same, with requests sent ahead of the command ({@link ReadsAhead}, or null) and fabric8's builder from
     * newBuilder, asked for after the kubeconfig and its TLS are read (another thread may be making it meanwhile).
     */
    static KubernetesClient connect(
            Kubeconfigs kubeconfigs,
            ConnectionSettings settings,
            ReadsAhead ahead,
            java.util.function.Supplier<KubernetesClientBuilder> newBuilder) {
        Config config = kubeconfigs.toConfig();
        applyProxy(config, settings.env());
        applyTimeouts(config, settings);
        return build(config, settings, null, ahead, newBuilder);
    }

    /** A client for a server URL that takes a bearer token (the built-in sandbox). */
    public static KubernetesClient connect(String masterUrl, String token, ConnectionSettings settings) {
        Config config = Config.empty();
        config.setMasterUrl(masterUrl);
        config.setOauthToken(token);
        config.setNamespace("default");
        applyTimeouts(config, settings);
        return build(config, settings, null, null, KubernetesClientBuilder::new);
    }

    private static KubernetesClient build(
            Config config,
            ConnectionSettings settings,
            io.fabric8.kubernetes.client.http.Interceptor observer,
            ReadsAhead ahead,
            java.util.function.Supplier<KubernetesClientBuilder> newBuilder) {
        java.util.Optional<KubeconfigTls> tls = KubeconfigTls.of(config);
        KubernetesClientBuilder builder = newBuilder.get().withConfig(config);
        if (settings.requestLog() != null || observer != null) {
            builder.withHttpClientBuilderConsumer(b -> {
                if (settings.requestLog() != null) {
                    b.addOrReplaceInterceptor("ipamctl-request-log", new RequestLog(settings.requestLog()));
                }
                if (observer != null) {
                    b.addOrReplaceInterceptor("ipamctl-observer", observer);
                }
            });
        }
        if (tls.isPresent()) {
            return tls.get().build(builder, config, ahead);
        }
        return ahead == null
                ? builder.build()
                : builder.withHttpClientFactory(new AheadFactory(ahead)).build();
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
