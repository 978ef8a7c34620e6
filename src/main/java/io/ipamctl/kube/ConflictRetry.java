package io.ipamctl.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.IpamctlException;
import java.util.function.Supplier;

/**
 * The one retry loop: re-run a read-check-write step when the server answers 409 Conflict
 * (someone else changed the object since we read it). Bounded; every attempt re-reads.
 */
public final class ConflictRetry {

    public static final int ATTEMPTS = 5;

    private ConflictRetry() {}

    public static <T> T run(String what, Supplier<T> step) {
        KubernetesClientException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return step.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                last = e;
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw IpamctlException.failed("interrupted while retrying " + what);
                }
            }
        }
        throw IpamctlException.failed(what + " kept conflicting with concurrent changes (" + ATTEMPTS + " attempts): "
                + KubeErrors.serverMessage(last));
    }
}
