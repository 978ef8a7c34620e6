package io.ipamctl.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import io.ipamctl.IpamctlException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exec through the API server (pods/exec). The command's end comes as a Status on the error
 * channel (exit code, or why it could not start); a watchdog closes the session at the timeout,
 * so a hanging command can never hang ipamctl.
 */
public final class PodExec implements NodeExec {

    /** The exit code shells use for "command not found"; the kubelet reports it as a start failure. */
    static final int NOT_FOUND = 127;

    private static final Pattern EXIT_STATUS = Pattern.compile(": exit status (\\d{1,3})$");

    private final KubernetesClient client;
    private final boolean keepConnectionWarm;
    private final ObjectMapper json = new ObjectMapper();

    public PodExec(KubernetesClient client) {
        this(client, false);
    }

    /**
     * @param keepConnectionWarm after each exec, open the next one's connection in the background (the
     *     warm server's shared client, whose connection pool outlives the command)
     */
    public PodExec(KubernetesClient client, boolean keepConnectionWarm) {
        this.client = client;
        this.keepConnectionWarm = keepConnectionWarm;
    }

    @Override
    public ExecResult run(AgentPod agent, List<String> argv, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExecResult r = stream(agent, argv, timeout, in -> {
            try {
                in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new ExecResult(r.exitCode(), out.toString(StandardCharsets.UTF_8), r.stderr());
    }

    @Override
    public ExecResult stream(AgentPod agent, List<String> argv, Duration timeout, Consumer<InputStream> reader) {
        // The websocket directly, not fabric8's pods().exec(): that first waits for the Pod with an
        // informer (a list and a watch of the agent Pod per exec), ~0.2 s each and one watch per node.
        ExecChannels channels = new ExecChannels();
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(
                () -> {
                    timedOut.set(true);
                    channels.close();
                },
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try {
            open(agent, argv, timeout, channels);
            UncheckedIOException readFailure = null;
            try {
                reader.accept(channels.stdout());
            } catch (UncheckedIOException e) {
                readFailure = e;
            }
            awaitClose(channels);
            if (timedOut.get()) {
                throw IpamctlException.failed(
                        "exec in " + agent.name() + " (node " + agent.node() + ") did not finish within "
                                + timeout.toSeconds() + "s: " + String.join(" ", argv) + " (killed)");
            }
            if (channels.failure() != null && channels.status().isBlank()) {
                throw IpamctlException.failed(
                        "exec in " + agent.name() + " (node " + agent.node() + ") broke off: "
                                + channels.failure().getMessage(),
                        channels.failure());
            }
            ExecResult result = fromStatus(channels.status(), null, channels.stderr());
            if (readFailure != null && result.ok()) {
                throw IpamctlException.failed("reading the output of " + argv.get(0) + " on node " + agent.node()
                        + " failed: " + readFailure.getCause().getMessage());
            }
            return result;
        } finally {
            watchdog.cancel(false);
            channels.close();
            if (keepConnectionWarm) {
                openSpareConnection();
            }
        }
    }

    /**
     * A websocket keeps the connection it was upgraded on (OkHttp never pools it again), so without this
     * every warm exec would start with a TLS handshake (~1/4 of the warm server's CPU for `ovs show`,
     * bench/findings.md "jclient"). A GET of /version (readable by any client) after the exec leaves an
     * idle kept-alive connection in the pool, on which the next exec's upgrade goes at once. Fire and forget.
     */
    private void openSpareConnection() {
        try {
            String master = client.getMasterUrl().toString();
            var http = client.getHttpClient();
            http.sendAsync(
                    http.newHttpRequestBuilder()
                            .uri(master.endsWith("/") ? master + "version" : master + "/version")
                            .build(),
                    byte[].class);
        } catch (RuntimeException e) {
            // only a head start for the next command
        }
    }

    private void open(AgentPod agent, List<String> argv, Duration timeout, ExecChannels channels) {
        try {
            client.getHttpClient()
                    .newWebSocketBuilder()
                    .uri(execUri(agent, argv))
                    .subprotocol(ExecChannels.PROTOCOL)
                    .buildAsync(channels)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IpamctlException.failed("interrupted");
        } catch (TimeoutException e) {
            throw IpamctlException.failed("exec in " + agent.name() + " (node " + agent.node()
                    + ") did not start within " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw execFailure(agent, e.getCause());
        }
    }

    /** pods/exec of the agent's antrea-ovs container: argv only, each word its own command parameter. */
    private URI execUri(AgentPod agent, List<String> argv) {
        StringBuilder q = new StringBuilder();
        for (String word : argv) {
            q.append("command=")
                    .append(URLEncoder.encode(word, StandardCharsets.UTF_8))
                    .append('&');
        }
        q.append("container=").append(AntreaAgents.OVS_CONTAINER).append("&stdout=true&stderr=true");
        String path = "api/v1/namespaces/" + URLEncoder.encode(agent.namespace(), StandardCharsets.UTF_8) + "/pods/"
                + URLEncoder.encode(agent.name(), StandardCharsets.UTF_8) + "/exec?" + q;
        String master = client.getMasterUrl().toString();
        return URI.create(master.endsWith("/") ? master + path : master + "/" + path);
    }

    /** The Status comes before the close; a server that never closes is cut off by the watchdog. */
    private static void awaitClose(ExecChannels channels) {
        try {
            channels.closed().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IpamctlException.failed("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            // the stream ended; what the Status channel holds is all there is
        }
    }

    /**
     * The Status the kubelet sends: Success; NonZeroExitCode with the code in details.causes;
     * or a failure to start the command (not found, container gone) as a message.
     */
    ExecResult fromStatus(String status, Integer code, String stderr) {
        if (status.isBlank()) {
            return new ExecResult(code == null ? -1 : code, "", stderr);
        }
        JsonNode s;
        try {
            s = json.readTree(status);
        } catch (IOException e) {
            return new ExecResult(code == null ? -1 : code, "", stderr + status);
        }
        if ("Success".equals(s.path("status").asText())) {
            return new ExecResult(0, "", stderr);
        }
        for (JsonNode cause : s.path("details").path("causes")) {
            if ("ExitCode".equals(cause.path("reason").asText())) {
                return new ExecResult(cause.path("message").asInt(-1), "", stderr);
            }
        }
        String message = s.path("message").asText();
        // kwok (and other non-CRI exec servers) report a non-zero exit only in words: "...: exit status 2"
        Matcher exit = EXIT_STATUS.matcher(message);
        if (exit.find()) {
            return new ExecResult(Integer.parseInt(exit.group(1)), "", stderr);
        }
        int c = message.contains("executable file not found") || message.contains("no such file or directory")
                ? NOT_FOUND
                : (code == null || code == 0 ? -1 : code);
        return new ExecResult(c, "", stderr.isBlank() ? message : stderr);
    }

    private IpamctlException execFailure(AgentPod agent, Throwable error) {
        int code = status(error);
        if (code == 403) {
            return IpamctlException.failed(
                    "forbidden: cannot create pods/exec in namespace " + agent.namespace() + " (RBAC): the exec into "
                            + agent.name() + " was refused (ask for the ipamctl-admin role of deploy/rbac.yaml)",
                    error);
        }
        String why = error instanceof KubernetesClientException k
                ? KubeErrors.serverMessage(k)
                : code > 0 ? "the API server answered HTTP " + code : String.valueOf(error.getMessage());
        return IpamctlException.failed(
                "exec in " + agent.name() + " (node " + agent.node() + ") failed: " + why, error);
    }

    /** The HTTP status of a refused exec: on the exception, or on the websocket upgrade's response under it. */
    private static int status(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException c && c.getCode() > 0) {
                return c.getCode();
            }
            if (t instanceof WebSocketHandshakeException w && w.getResponse() != null) {
                return w.getResponse().code();
            }
        }
        return 0;
    }
}
