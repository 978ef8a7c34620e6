package io.ipamctl.kube;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /** A client for a server URL that needs no credentials (the built-in sandbox). */
    public static KubernetesClient connect(String masterUrl, ConnectionSettings settings) {
        Config config = Config.empty();
        config.setMasterUrl(masterUrl);
        config.setTrustCerts(true);
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
        Optional<KubeconfigTls> tls = KubeconfigTls.of(config);
        return tls.isPresent() ? tls.get().build(builder, config) : builder.build();
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
            throw IpamctlException.failed("cannot use kubeconfig " + first + ": " + rootMessage(e), e);
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

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
