package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The kubeconfig read without data binding gives the model fabric8's own parser gives, for every field
 * kubectl and fabric8's merge use; what is YAML but no kubeconfig is said so.
 */
class KubeconfigYamlTest {

    private static final String FULL = """
            apiVersion: v1
            kind: Config
            current-context: dev
            preferences: {colors: true}
            extensions:
            - {name: e, extension: {anything: [1, 2]}}
            clusters:
            - name: c
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority: ca.crt
                certificate-authority-data: Q0E=
                insecure-skip-tls-verify: true
                tls-server-name: api.example
                proxy-url: socks5://127.0.0.1:1080
                disable-compression: false
            - name: incomplete
            contexts:
            - {name: dev, context: {cluster: c, user: u, namespace: 123}}
            users:
            - name: u
              user:
                client-certificate: u.crt
                client-certificate-data: Q0VSVA==
                client-key: u.key
                client-key-data: S0VZ
                token: abc
                tokenFile: /var/run/token
                username: admin
                password: secret
                as: someone
                as-uid: "42"
                as-groups: [g1, g2]
            - name: plugin
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./get-token
                  args: [--cluster, dev]
                  env:
                  - {name: MODE, value: fast}
                  installHint: install it
                  interactiveMode: Never
                  provideClusterInfo: true
            - name: oidc
              user:
                auth-provider: {name: oidc, config: {id-token: xyz, refresh: 1}}
            """;

    private static Config read(String yaml) throws IOException {
        return KubeconfigYaml.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyFieldAsFabric8ReadsIt() throws IOException {
        Config fabric8 = KubeConfigUtils.parseConfigFromString(FULL);
        Config ours = read(FULL);
        // extensions and preferences are left out on purpose (neither kubectl's merge nor fabric8's uses them)
        fabric8.setExtensions(ours.getExtensions());
        fabric8.setPreferences(ours.getPreferences());
        assertEquals(fabric8, ours);
        assertEquals("123", ours.getContexts().get(0).getContext().getNamespace());
        assertEquals(
                "1",
                ours.getUsers().get(2).getUser().getAuthProvider().getConfig().get("refresh"));
    }

    @Test
    void jsonIsYamlToo() throws IOException {
        Config c = read("{\"apiVersion\": \"v1\", \"kind\": \"Config\", \"current-context\": \"x\", "
                + "\"clusters\": [{\"name\": \"c\", \"cluster\": {\"server\": \"https://h\", "
                + "\"insecure-skip-tls-verify\": \"true\"}}]}");
        assertEquals("x", c.getCurrentContext());
        assertEquals(Boolean.TRUE, c.getClusters().get(0).getCluster().getInsecureSkipTlsVerify());
    }

    @Test
    void anEmptyFileHoldsNoKubeconfig() throws IOException {
        assertNull(read(""));
        assertNull(read("# only a comment\n"));
    }

    @Test
    void yamlOfAnotherShapeIsNoKubeconfig() {
        for (String yaml : new String[] {
            "just some text\n",
            "clusters: a string\n",
            "clusters: [{name: c, cluster: [1, 2]}]\n",
            "users: [{name: u, user: {token: {nested: map}}}]\n",
            "clusters: [{name: c, cluster: {insecure-skip-tls-verify: maybe}}]\n",
            "apiVersion: v1\n---\napiVersion: v1\n"
        }) {
            assertThrows(KubeconfigYaml.NotAKubeconfig.class, () -> read(yaml), yaml);
        }
    }
}
