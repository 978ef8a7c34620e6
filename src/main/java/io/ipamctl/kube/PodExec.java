package io.ipamctl.kube;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import io.ipamctl.IpamctlException;

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
    private final ObjectMapper json = new ObjectMapper();

    public PodExec(KubernetesClient client) {
        this.client = client;
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
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream statusChannel = new ByteArrayOutputStream();
        AtomicBoolean timedOut = new AtomicBoolean();
        ExecWatch watch;
        try {
            watch = client.pods().inNamespace(agent.namespace()).withName(agent.name())
                    .inContainer(AntreaAgents.OVS_CONTAINER).redirectingOutput().writingError(err)
                    .writingErrorChannel(statusChannel).exec(argv.toArray(String[]::new));
        } catch (KubernetesClientException e) {
            throw execFailure(agent, e);
        }
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            timedOut.set(true);
            watch.close();
        }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try (watch) {
            UncheckedIOException readFailure = null;
            try {
                reader.accept(watch.getOutput());
            } catch (UncheckedIOException e) {
                readFailure = e;
            }
            Integer code = exitCode(watch);
            String status = statusChannel.toString(StandardCharsets.UTF_8);
            if (timedOut.get()) {
                throw IpamctlException.failed("exec in " + agent.name() + " (node " + agent.node() + ") did not finish within "
                        + timeout.toSeconds() + "s: " + String.join(" ", argv) + " (killed)");
            }
            ExecResult result = fromStatus(status, code, err.toString(StandardCharsets.UTF_8));
            if (readFailure != null && result.ok()) {
                throw IpamctlException.failed("reading the output of " + argv.get(0) + " on node " + agent.node()
                        + " failed: " + readFailure.getCause().getMessage());
            }
            return result;
        } finally {
            watchdog.cancel(false);
        }
    }

    private static Integer exitCode(ExecWatch watch) {
        try {
            return watch.exitCode().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IpamctlException.failed("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return null;
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
                ? NOT_FOUND : (code == null || code == 0 ? -1 : code);
        return new ExecResult(c, "", stderr.isBlank() ? message : stderr);
    }

    private IpamctlException execFailure(AgentPod agent, KubernetesClientException k) {
        if (status(k) == 403) {
            return IpamctlException.failed("forbidden: cannot create pods/exec in namespace " + agent.namespace()
                    + " (RBAC): the exec into " + agent.name() + " was refused (ask for the ipamctl-admin role of deploy/rbac.yaml)", k);
        }
        return IpamctlException.failed("exec in " + agent.name() + " (node " + agent.node() + ") failed: "
                + KubeErrors.serverMessage(k), k);
    }

    /** The HTTP status of a refused exec: on the exception, or on the websocket upgrade's response under it. */
    private static int status(KubernetesClientException k) {
        for (Throwable t = k; t != null; t = t.getCause()) {
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
