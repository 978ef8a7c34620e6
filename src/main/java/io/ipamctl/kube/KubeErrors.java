package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns fabric8 failures into one line for the user; the server's own message is kept unchanged. */
public final class KubeErrors {

    private KubeErrors() {}

    public static IpamctlException translate(KubernetesClientException e, String server) {
        Throwable cause = rootCause(e);
        if (inChain(e, ConnectException.class)) {
            return new IpamctlException(
                    ExitCode.ERROR,
                    "cannot connect to the API server at " + server
                            + ": connection refused (is the cluster up? check --kubeconfig / --context)",
                    e);
        }
        if (cause instanceof UnknownHostException) {
            return new IpamctlException(
                    ExitCode.ERROR, "cannot resolve the API server host of " + server + ": " + cause.getMessage(), e);
        }
        if (inChain(e, java.security.cert.CertPathBuilderException.class)
                || inChain(e, java.security.cert.CertPathValidatorException.class)) {
            return new IpamctlException(
                    ExitCode.ERROR,
                    "TLS with the API server at " + server + " failed: its certificate "
                            + "is not signed by a CA the kubeconfig trusts (check certificate-authority-data of the cluster)",
                    e);
        }
        if (inChain(e, javax.net.ssl.SSLPeerUnverifiedException.class)) {
            return new IpamctlException(
                    ExitCode.ERROR,
                    "TLS with the API server at " + server + " failed: its certificate "
                            + "is not valid for " + java.net.URI.create(server).getHost()
                            + " (check the server address of the kubeconfig cluster)",
                    e);
        }
        if (inChain(e, SSLException.class)) {
            // JDK messages nest exception class names ("sun.security...Exception: ..."): users need the words
            String detail = firstMessage(e, SSLException.class)
                    .replaceAll("(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ", "");
            return new IpamctlException(
                    ExitCode.ERROR,
                    "TLS with the API server at " + server + " failed: " + detail
                            + " (check certificate-authority in the kubeconfig)",
                    e);
        }
        if (inChain(e, TimeoutException.class) || inChain(e, InterruptedIOException.class)) {
            return new IpamctlException(
                    ExitCode.ERROR,
                    "the API server at " + server
                            + " did not answer in time (raise --request-timeout, or check the server)",
                    e);
        }
        int code = e.getCode();
        if (code <= 0 && inChain(e, com.fasterxml.jackson.core.JsonProcessingException.class)) {
            // the answer did not map onto the object asked for; the mapper's text names our classes, not the problem
            return new IpamctlException(
                    ExitCode.ERROR,
                    "the API server at " + server + " answered with something that is "
                            + "not the object asked for (run with -v for details)",
                    e);
        }
        String message = serverMessage(e);
        return switch (code) {
            case 401 ->
                new IpamctlException(
                        ExitCode.ERROR,
                        "unauthorized: the API server at " + server
                                + " rejected the credentials (check the user of the kubeconfig context)",
                        e);
            case 403 -> new IpamctlException(ExitCode.ERROR, "forbidden: " + message, e);
            default ->
                new IpamctlException(
                        ExitCode.ERROR, code > 0 ? message : "request to " + server + " failed: " + message, e);
        };
    }

    /** A write's failure for the user, except 409 Conflict, which is kept for {@link ConflictRetry} to retry. */
    static RuntimeException unlessConflict(KubernetesClientException e, String server) {
        return e.getCode() == 409 ? e : translate(e, server);
    }

    /**
     * Whether no request can reach the API server at all (refused, unknown host, TLS it cannot pass): every further
     * read fails the same way, so a command that goes on after one failed read has nothing left to say.
     */
    public static boolean unreachable(IpamctlException e) {
        return e.getCause() instanceof KubernetesClientException k
                && k.getCode() <= 0
                && (inChain(k, ConnectException.class)
                        || rootCause(k) instanceof UnknownHostException
                        || inChain(k, SSLException.class)
                        || inChain(k, java.security.cert.CertPathBuilderException.class)
                        || inChain(k, java.security.cert.CertPathValidatorException.class));
    }

    /** Whether the error is the API server's 403: the user may not read or write that resource. */
    public static boolean forbidden(IpamctlException e) {
        return e.getCause() instanceof KubernetesClientException k && k.getCode() == 403;
    }

    /** The Status message the API server sent (admission webhooks included), else fabric8's text. */
    public static String serverMessage(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status != null
                && status.getMessage() != null
                && !status.getMessage().isBlank()) {
            return status.getMessage();
        }
        Throwable cause = rootCause(e);
        if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
            return cause.getMessage();
        }
        // never a Java class name: a user reads this line
        return cause instanceof InterruptedException || cause instanceof InterruptedIOException
                ? "the request was interrupted"
                : "the request failed without a reason";
    }

    private static String firstMessage(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t) && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return type.getSimpleName();
    }

    private static boolean inChain(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
