package io.ipamctl.kube;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.ipamctl.IpamctlException;

/** Exec through the API server (pods/exec), with a timeout that kills the session. */
public final class PodExec implements NodeExec {

    private final KubernetesClient client;

    public PodExec(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public ExecResult run(AgentPod agent, List<String> argv, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExecResult r = stream(agent, argv, timeout, in -> copy(in, out));
        return new ExecResult(r.exitCode(), out.toString(StandardCharsets.UTF_8), r.stderr());
    }

    @Override
    public ExecResult stream(AgentPod agent, List<String> argv, Duration timeout, Consumer<InputStream> reader) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(agent.namespace()).withName(agent.name())
                .inContainer(AntreaAgents.OVS_CONTAINER).redirectingOutput().writingError(err)
                .exec(argv.toArray(String[]::new))) {
            reader.accept(watch.getOutput());
            int code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ExecResult(code, "", err.toString(StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            throw IpamctlException.failed("exec in " + agent.name() + " (node " + agent.node() + ") did not finish within "
                    + timeout.toSeconds() + "s: " + argv.get(0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IpamctlException.failed("interrupted");
        } catch (ExecutionException e) {
            throw execFailure(agent, e.getCause());
        } catch (KubernetesClientException e) {
            throw execFailure(agent, e);
        }
    }

    private IpamctlException execFailure(AgentPod agent, Throwable cause) {
        if (cause instanceof KubernetesClientException k) {
            if (k.getCode() == 403) {
                return IpamctlException.failed("forbidden: cannot create pods/exec in namespace " + agent.namespace()
                        + " (RBAC): " + KubeErrors.serverMessage(k));
            }
            return IpamctlException.failed("exec in " + agent.name() + " (node " + agent.node() + ") failed: "
                    + KubeErrors.serverMessage(k));
        }
        return IpamctlException.failed("exec in " + agent.name() + " (node " + agent.node() + ") failed: " + cause);
    }

    static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
