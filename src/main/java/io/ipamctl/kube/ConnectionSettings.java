package io.ipamctl.kube;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how to reach the API server, as the global flags and the caller's environment say
 * (never the process's own: in the warm server the process is not the caller).
 *
 * @param kubeconfig     --kubeconfig (already resolved against cwd), or null to follow KUBECONFIG and
 *                       ~/.kube/config as kubectl does
 * @param context        --context, or null for the kubeconfig's current context
 * @param requestTimeout --request-timeout (0 = none)
 * @param env            the caller's environment (KUBECONFIG, HOME, HTTPS_PROXY, HTTP_PROXY, NO_PROXY)
 * @param cwd            the caller's working directory: relative KUBECONFIG entries resolve against it
 * @param requestLog     where -v logs each request, or null
 */
public record ConnectionSettings(
        Path kubeconfig,
        String context,
        Duration requestTimeout,
        Map<String, String> env,
        Path cwd,
        java.util.function.Consumer<String> requestLog) {}
