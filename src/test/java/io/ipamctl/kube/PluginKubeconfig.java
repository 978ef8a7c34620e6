package io.ipamctl.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig test fixture with a user of each kind: context {@code cloud} has an exec credential
 * plugin, {@code oidc} an auth-provider, {@code plain} (the current one) a token and namespace ns-a.
 */
public final class PluginKubeconfig {

    private PluginKubeconfig() {}

    public static Path write(Path file, String server) throws IOException {
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: c, cluster: {server: '%s'}}
                contexts:
                - {name: cloud, context: {cluster: c, user: cloud}}
                - {name: oidc, context: {cluster: c, user: oidc}}
                - {name: plain, context: {cluster: c, user: plain, namespace: ns-a}}
                current-context: plain
                users:
                - {name: cloud, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: get-token, interactiveMode: Never}}}
                - {name: oidc, user: {auth-provider: {name: oidc, config: {client-id: x}}}}
                - {name: plain, user: {token: t}}
                """.formatted(server));
        return file;
    }
}
