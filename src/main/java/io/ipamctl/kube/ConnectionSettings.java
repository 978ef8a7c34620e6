package io.ipamctl.kube;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how to reach the API server, as the global flags and the environment say.
 *
 * @param kubeconfig     --kubeconfig, or null to follow KUBECONFIG and ~/.kube/config as kubectl does
 * @param context        --context, or null for the kubeconfig's current context
 * @param requestTimeout --request-timeout (0 = none)
 * @param env            the process environment (KUBECONFIG, HOME, KUBERNETES_SERVICE_HOST)
 * @param requestLog     where -v logs each request, or null
 */
public record ConnectionSettings(Path kubeconfig, String context, Duration requestTimeout, Map<String, String> env,
                                 java.util.function.Consumer<String> requestLog) {
}
