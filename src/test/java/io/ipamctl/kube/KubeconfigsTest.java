package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm server's client cache key and what it reads from the caller: a change of anything a client
 * is built from is a new key (kubeconfig content, a file it names, context, timeout, proxy variables),
 * and proxies come from the caller's environment the way kubectl reads them.
 */
class KubeconfigsTest {

    @TempDir
    Path dir;

    private Path write(String name, String server, String extraUser) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: c, cluster: {server: '%s', certificate-authority: ca.crt}}
                contexts:
                - {name: one, context: {cluster: c, user: u, namespace: ns-1}}
                - {name: two, context: {cluster: c, user: u, namespace: ns-2}}
                current-context: one
                users:
                - name: u
                  user: {token: abc%s}
                """.formatted(server, extraUser));
        return file;
    }

    private ConnectionSettings settings(Path kubeconfig, String context, Duration timeout, Map<String, String> env) {
        return new ConnectionSettings(kubeconfig, context, timeout, env, dir, null);
    }

    private String key(Path kubeconfig, String context, Duration timeout, Map<String, String> env) {
        return Kubeconfigs.read(settings(kubeconfig, context, timeout, env)).fingerprint();
    }

    @Test
    void theKeyChangesWithEverythingAClientIsBuiltFrom() throws IOException {
        Path kc = write("kc", "https://10.0.0.1:6443", "");
        Files.writeString(dir.resolve("ca.crt"), "ca one");
        Duration t = Duration.ofSeconds(30);
        String base = key(kc, null, t, Map.of());
        assertEquals(base, key(kc, null, t, Map.of("TERM", "xterm", "PWD", "/elsewhere")), "unrelated variables");
        assertNotEquals(base, key(kc, "two", t, Map.of()), "--context");
        assertNotEquals(base, key(kc, null, Duration.ofSeconds(5), Map.of()), "--request-timeout");
        assertNotEquals(base, key(kc, null, t, Map.of("HTTPS_PROXY", "http://proxy:3128")), "a proxy");
        Files.writeString(dir.resolve("ca.crt"), "ca two");
        String newCa = key(kc, null, t, Map.of());
        assertNotEquals(base, newCa, "a file the kubeconfig names");
        write("kc", "https://10.0.0.1:6443", "def");
        assertNotEquals(newCa, key(kc, null, t, Map.of()), "the kubeconfig's content (a new token)");
    }

    @Test
    void severalKubeconfigFilesMergeInKubectlsOrderFromTheCallersDirectory() throws IOException {
        write("first", "https://10.0.0.1:6443", "");
        Files.writeString(dir.resolve("second"), """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: c, cluster: {server: 'https://10.9.9.9:6443'}}
                - {name: d, cluster: {server: 'https://10.0.0.2:6443'}}
                contexts:
                - {name: three, context: {cluster: d, user: u, namespace: ns-3}}
                current-context: three
                users:
                - {name: u, user: {token: other}}
                """);
        Map<String, String> env = Map.of("KUBECONFIG", "first:second");
        Config merged = Kubeconfigs.read(settings(null, null, Duration.ofSeconds(30), env))
                .toConfig();
        assertEquals("https://10.0.0.1:6443/", merged.getMasterUrl(), "the first file wins");
        assertEquals("ns-1", merged.getNamespace());
        Config three = Kubeconfigs.read(settings(null, "three", Duration.ofSeconds(30), env))
                .toConfig();
        assertEquals("https://10.0.0.2:6443/", three.getMasterUrl(), "a context only the second file has");
    }

    @Test
    void proxiesComeFromTheCallersEnvironmentAsKubectlReadsThem() {
        Config config = Config.empty();
        config.setMasterUrl("https://10.0.0.1:6443");
        Map<String, String> env = new HashMap<>(Map.of(
                "HTTPS_PROXY",
                "http://upper:3128",
                "https_proxy",
                "http://lower:3128",
                "NO_PROXY",
                "10.1.0.0/16, .internal"));
        KubeConnector.applyProxy(config, env);
        assertEquals("http://upper:3128", config.getHttpsProxy());
        assertArrayEquals(new String[] {"10.1.0.0/16", ".internal"}, config.getNoProxy());

        Config loopback = Config.empty();
        loopback.setMasterUrl("https://127.0.0.1:6443");
        KubeConnector.applyProxy(loopback, env);
        assertNull(loopback.getHttpsProxy(), "like kubectl: never a proxy for a loopback server");

        Config fromKubeconfig = Config.empty();
        fromKubeconfig.setMasterUrl("https://10.0.0.1:6443");
        fromKubeconfig.setHttpsProxy("http://from-kubeconfig:3128");
        KubeConnector.applyProxy(fromKubeconfig, env);
        assertEquals("http://from-kubeconfig:3128", fromKubeconfig.getHttpsProxy(), "proxy-url of the kubeconfig wins");
    }

    @Test
    void anExecPluginOrAuthProviderOfTheSelectedUserNeedsTheCallersProcess() throws IOException {
        Path kc = PluginKubeconfig.write(dir.resolve("kc"), "https://10.0.0.1:6443");
        Duration t = Duration.ofSeconds(30);
        assertEquals(
                Optional.empty(),
                Kubeconfigs.read(settings(kc, null, t, Map.of())).needsCallerProcess());
        assertEquals(
                Optional.of("the kubeconfig user runs an exec credential plugin"),
                Kubeconfigs.read(settings(kc, "cloud", t, Map.of())).needsCallerProcess());
        assertEquals(
                Optional.of("the kubeconfig user has an auth-provider"),
                Kubeconfigs.read(settings(kc, "oidc", t, Map.of())).needsCallerProcess());
    }
}
