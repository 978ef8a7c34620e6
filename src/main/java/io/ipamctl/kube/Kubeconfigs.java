package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.ipamctl.IpamctlException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The kubeconfig files of one run, found the way kubectl finds them (--kubeconfig, else every file
 * of KUBECONFIG, else ~/.kube/config, from the caller's environment and directory) and read once.
 * The client is built from them; the warm server keys its clients by their {@link #fingerprint()}
 * and asks {@link #needsCallerProcess()} whether the credentials can only be made in the caller's
 * own process.
 */
public final class Kubeconfigs {

    /** The proxy variables kubectl (Go's net/http) reads, upper case first. */
    static final List<String> PROXY_VARIABLES =
            List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy");

    /** Why a file that is YAML is still no kubeconfig (the same words as KubeConnector.unreadable's). */
    static final String NOT_A_KUBECONFIG = "it is not a kubeconfig (expected a YAML mapping with apiVersion: v1, "
            + "kind: Config, clusters, contexts and users)";

    private final ConnectionSettings settings;
    private final List<File> files;
    private final List<Config> parsed;

    private Kubeconfigs(ConnectionSettings settings, List<File> files, List<Config> parsed) {
        this.settings = settings;
        this.files = files;
        this.parsed = parsed;
    }

    public static Kubeconfigs read(ConnectionSettings settings) {
        List<File> files = files(settings);
        if (files.isEmpty()) {
            throw IpamctlException.failed("no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, create "
                    + "~/.kube/config, or try the built-in cluster with --sandbox");
        }
        List<Config> parsed = new ArrayList<>();
        for (File f : files) {
            try {
                parsed.add(parse(f));
            } catch (IpamctlException e) {
                throw e;
            } catch (KubeconfigYaml.NotAKubeconfig e) {
                throw IpamctlException.failed("cannot use kubeconfig " + f + ": " + NOT_A_KUBECONFIG, e);
            } catch (RuntimeException | java.io.IOException e) {
                throw IpamctlException.failed("cannot use kubeconfig " + f + ": " + KubeConnector.unreadable(e), e);
            }
        }
        return new Kubeconfigs(settings, files, parsed);
    }

    /**
     * One kubeconfig file, read as fabric8's KubeConfigUtils.parseConfig reads it but neither through fabric8's
     * shared serializer, which registers all ~1500 model classes before the first kubeconfig it reads (~140 ms
     * of CPU), nor through Jackson's data binding (KubeconfigYaml says why): bench/findings.md.
     */
    private static Config parse(File file) throws java.io.IOException {
        Config kubeconfig;
        try (java.io.InputStream in =
                new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file.toPath()))) {
            kubeconfig = KubeconfigYaml.read(in);
        }
        if (kubeconfig == null) {
            throw IpamctlException.failed("kubeconfig " + file + " is empty");
        }
        // as parseConfig does: each entry names its file, so fabric8 resolves relative paths (certificates,
        // exec commands) against it and writes refreshed tokens back to it
        java.util.Optional.ofNullable(kubeconfig.getContexts())
                .ifPresent(l ->
                        l.forEach(c -> c.getAdditionalProperties().put("KUBERNETES_CONFIG_CONTEXT_FILE_KEY", file)));
        java.util.Optional.ofNullable(kubeconfig.getClusters())
                .ifPresent(l ->
                        l.forEach(c -> c.getAdditionalProperties().put("KUBERNETES_CONFIG_CLUSTER_FILE_KEY", file)));
        java.util.Optional.ofNullable(kubeconfig.getUsers())
                .ifPresent(l ->
                        l.forEach(u -> u.getAdditionalProperties().put("KUBERNETES_CONFIG_AUTH_INFO_FILE_KEY", file)));
        return kubeconfig;
    }

    List<File> files() {
        return files;
    }

    /**
     * The merged client configuration (first file wins, as kubectl merges). This runs the user's exec
     * credential plugin, if it has one.
     */
    io.fabric8.kubernetes.client.Config toConfig() {
        File first = files.get(0);
        io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.empty();
        try {
            KubeConfigUtils.merge(config, settings.context(), parsed.toArray(Config[]::new));
        } catch (RuntimeException e) {
            throw IpamctlException.failed("cannot use kubeconfig " + first + ": " + KubeConnector.unreadable(e), e);
        }
        if (settings.context() != null
                && (config.getCurrentContext() == null
                        || !settings.context().equals(config.getCurrentContext().getName()))) {
            throw IpamctlException.invalid("context \"" + settings.context() + "\" not found in " + first
                    + " (see: kubectl config get-contexts)");
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw IpamctlException.failed("kubeconfig " + first + " names no server for the current context");
        }
        useTokenFile(config, first);
        return config;
    }

    /**
     * A user's tokenFile, as kubectl reads it (a token given inline wins): read again at every request,
     * so a rotated token (a Pod's projected ServiceAccount token, see deploy/metrics-serve.yaml) is
     * picked up by a process that runs for days. fabric8's kubeconfig merge leaves tokenFile out.
     */
    private void useTokenFile(io.fabric8.kubernetes.client.Config config, File first) {
        AuthInfo user = selectedUser();
        if (user == null
                || user.getTokenFile() == null
                || user.getTokenFile().isBlank()
                || (user.getToken() != null && !user.getToken().isBlank())) {
            return;
        }
        Path dir = first.toPath().toAbsolutePath().getParent();
        Path tokenFile = dir == null ? Path.of(user.getTokenFile()) : dir.resolve(user.getTokenFile());
        config.setOauthTokenProvider(() -> {
            try {
                return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw IpamctlException.failed("cannot read the tokenFile " + tokenFile + " of the kubeconfig user", e);
            }
        });
    }

    /**
     * Why the credentials of the selected user can only be made in the caller's own process, if they
     * can: an exec plugin or an auth-provider runs with the environment, directory and PATH of the
     * process that builds the client, which in the warm server would be the server's, not the caller's.
     */
    public Optional<String> needsCallerProcess() {
        AuthInfo user = selectedUser();
        if (user == null) {
            return Optional.empty();
        }
        if (user.getExec() != null) {
            return Optional.of("the kubeconfig user runs an exec credential plugin");
        }
        if (user.getAuthProvider() != null) {
            return Optional.of("the kubeconfig user has an auth-provider");
        }
        return Optional.empty();
    }

    /**
     * Changes whenever anything a client is built from changes: the files' paths and contents, the
     * files they name (CA, client certificate and key, token file), --context, --request-timeout and
     * the proxy variables. Two runs with the same fingerprint get equal clients.
     */
    public String fingerprint() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        TreeMap<String, String> named = new TreeMap<>();
        named.put("context", String.valueOf(settings.context()));
        named.put("timeout", String.valueOf(settings.requestTimeout()));
        for (String v : PROXY_VARIABLES) {
            named.put("env." + v, String.valueOf(settings.env().get(v)));
        }
        named.forEach((k, v) -> add(digest, k + "=" + v));
        for (int i = 0; i < files.size(); i++) {
            addFile(digest, files.get(i).toPath());
            for (Path referenced : referencedFiles(files.get(i), parsed.get(i))) {
                addFile(digest, referenced);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void add(MessageDigest digest, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        digest.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
        digest.update(b);
    }

    private static void addFile(MessageDigest digest, Path file) {
        add(digest, file.toString());
        try {
            byte[] content = Files.readAllBytes(file);
            digest.update(java.nio.ByteBuffer.allocate(4).putInt(content.length).array());
            digest.update(content);
        } catch (IOException e) {
            add(digest, "unreadable");
        }
    }

    private static List<Path> referencedFiles(File kubeconfig, Config config) {
        List<Path> out = new ArrayList<>();
        Path dir = kubeconfig.toPath().toAbsolutePath().getParent();
        if (config.getClusters() != null) {
            for (NamedCluster c : config.getClusters()) {
                if (c.getCluster() != null) {
                    addPath(out, dir, c.getCluster().getCertificateAuthority());
                }
            }
        }
        if (config.getUsers() != null) {
            for (NamedAuthInfo u : config.getUsers()) {
                AuthInfo a = u.getUser();
                if (a != null) {
                    addPath(out, dir, a.getClientCertificate());
                    addPath(out, dir, a.getClientKey());
                    addPath(out, dir, a.getTokenFile());
                }
            }
        }
        return out;
    }

    private static void addPath(List<Path> out, Path dir, String path) {
        if (path != null && !path.isBlank()) {
            out.add(dir == null ? Path.of(path) : dir.resolve(path));
        }
    }

    /** The user of the context merge() would select: --context, else the first current-context set; first file wins. */
    private AuthInfo selectedUser() {
        List<String> preference = new ArrayList<>();
        if (settings.context() != null) {
            preference.add(settings.context());
        }
        List<NamedContext> contexts = new ArrayList<>();
        List<NamedAuthInfo> users = new ArrayList<>();
        for (Config c : parsed) {
            if (c.getCurrentContext() != null && !c.getCurrentContext().isEmpty()) {
                preference.add(c.getCurrentContext());
            }
            if (c.getContexts() != null) {
                c.getContexts().stream()
                        .filter(n -> n.getContext() != null && n.getName() != null)
                        .forEach(contexts::add);
            }
            if (c.getUsers() != null) {
                c.getUsers().stream()
                        .filter(u -> u.getUser() != null && u.getName() != null)
                        .forEach(users::add);
            }
        }
        for (String name : preference) {
            Optional<NamedContext> ctx =
                    contexts.stream().filter(c -> c.getName().equals(name)).findFirst();
            if (ctx.isPresent()) {
                String user = ctx.get().getContext().getUser();
                return users.stream()
                        .filter(u -> u.getName().equals(user))
                        .map(NamedAuthInfo::getUser)
                        .findFirst()
                        .orElse(null);
            }
        }
        return null;
    }

    /** --kubeconfig, else every existing file of KUBECONFIG (relative to the caller's directory), else ~/.kube/config. */
    static List<File> files(ConnectionSettings settings) {
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
                Path path = settings.cwd().resolve(p);
                if (!p.isBlank() && Files.isRegularFile(path)) {
                    files.add(path.toFile());
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
}
