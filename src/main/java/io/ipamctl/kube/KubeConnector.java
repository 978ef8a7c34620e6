package io.ipamctl.kube;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ipamctl.IpamctlException;

/** Builds the fabric8 client from kubeconfig files the way kubectl picks them. */
public final class KubeConnector {

    private KubeConnector() {
    }

    public static KubernetesClient connect(ConnectionSettings settings) {
        Config config = loadConfig(settings);
        applyTimeouts(config, settings);
        return build(config, settings);
    }

    /** A client for a server URL that takes a bearer token (the built-in sandbox). */
    public static KubernetesClient connect(String masterUrl, String token, ConnectionSettings settings) {
        Config config = Config.empty();
        config.setMasterUrl(masterUrl);
        config.setOauthToken(token);
        config.setNamespace("default");
        applyTimeouts(config, settings);
        return build(config, settings);
    }

    private static KubernetesClient build(Config config, ConnectionSettings settings) {
        KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config);
        if (settings.requestLog() != null) {
            builder.withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("ipamctl-request-log",
                    new RequestLog(settings.requestLog())));
        }
        return builder.build();
    }

    private static void applyTimeouts(Config config, ConnectionSettings settings) {
        long ms = settings.requestTimeout().toMillis();
        int timeout = ms == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, ms);
        config.setRequestTimeout(timeout);
        config.setConnectionTimeout(timeout == 0 ? 10_000 : Math.min(timeout, 10_000));
        // One answer per request, like kubectl: retries of a refused connection only delay the error.
        config.setRequestRetryBackoffLimit(0);
    }

    static Config loadConfig(ConnectionSettings settings) {
        List<File> files = kubeconfigFiles(settings);
        if (files.isEmpty()) {
            throw IpamctlException.failed("no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, create "
                    + "~/.kube/config, or try the built-in cluster with --sandbox");
        }
        File first = files.get(0);
        try {
            if (settings.kubeconfig() != null || files.size() == 1) {
                Config config = Config.fromKubeconfig(settings.context(), first);
                requireContext(config, settings, first);
                return config;
            }
            // Several files in KUBECONFIG: fabric8 merges them in kubectl's order (first one wins).
            Config config = Config.autoConfigure(settings.context());
            requireContext(config, settings, first);
            return config;
        } catch (IpamctlException e) {
            throw e;
        } catch (RuntimeException e) {
            throw IpamctlException.failed("cannot use kubeconfig " + first + ": " + unreadable(e), e);
        }
    }

    private static void requireContext(Config config, ConnectionSettings settings, File file) {
        if (settings.context() != null && (config.getCurrentContext() == null
                || !settings.context().equals(config.getCurrentContext().getName()))) {
            throw IpamctlException.invalid("context \"" + settings.context() + "\" not found in " + file
                    + " (see: kubectl config get-contexts)");
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw IpamctlException.failed("kubeconfig " + file + " names no server for the current context");
        }
    }

    /** --kubeconfig, else every existing file of KUBECONFIG, else ~/.kube/config. */
    static List<File> kubeconfigFiles(ConnectionSettings settings) {
        List<File> files = new ArrayList<>();
        if (settings.kubeconfig() != null) {
            if (!Files.isRegularFile(settings.kubeconfig())) {
                throw IpamctlException.invalid("kubeconfig " + settings.kubeconfig() + " does not exist");
            }
            files.add(settings.kubeconfig().toFile());
            return files;
        }
        String env = settings.env().get("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            for (String p : env.split(File.pathSeparator)) {
                if (!p.isBlank() && Files.isRegularFile(Path.of(p))) {
                    files.add(new File(p));
                }
            }
            return files;
        }
        String home = settings.env().getOrDefault("HOME", System.getProperty("user.home"));
        Path def = Path.of(home, ".kube", "config");
        if (Files.isRegularFile(def)) {
            files.add(def.toFile());
        }
        return files;
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
                return "it is not a kubeconfig (expected a YAML mapping with apiVersion: v1, kind: Config, clusters, "
                        + "contexts and users)" + (at != null && at.getLineNr() > 0 ? " (line " + at.getLineNr() + ")" : "");
            }
        }
        String message = rootMessage(e);
        List<String> problem = new ArrayList<>();
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
