package io.ipamctl.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.kube.crd.v1beta1.Traceflow;
import io.ipamctl.trace.TraceflowSummary;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Traceflows ipamctl created that still exist (kept, or left behind): listed and deleted by the
 * label every one of them carries, so a Traceflow of antctl, the Antrea UI or a person is never touched.
 */
public final class Traceflows {

    /** A Traceflow of that name exists but ipamctl did not create it. */
    public static final class NotOurs extends IpamctlException {
        private static final long serialVersionUID = 1L;

        public NotOurs(String name) {
            super(
                    ExitCode.USAGE,
                    "Traceflow \"" + name + "\" was not created by ipamctl (it has no label "
                            + TraceflowMapping.MANAGED_BY + "=" + TraceflowMapping.MANAGER
                            + "); ipamctl deletes only its own");
        }
    }

    private final KubernetesClient client;

    public Traceflows(KubernetesClient client) {
        this.client = client;
    }

    /** ipamctl's Traceflows, oldest first. */
    public List<TraceflowSummary> list() {
        return request(() -> client.resources(Traceflow.class)
                        .withLabel(TraceflowMapping.MANAGED_BY, TraceflowMapping.MANAGER)
                        .list()
                        .getItems())
                .stream()
                .filter(TraceflowMapping::isManaged)
                .map(TraceflowMapping::summary)
                .sorted(Comparator.comparing(TraceflowSummary::created, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(TraceflowSummary::name))
                .toList();
    }

    /** Checks that the Traceflow exists and is ipamctl's: a not-found error (exit 1), or {@link NotOurs}. */
    public void requireOurs(String name) {
        Traceflow tf =
                request(() -> client.resources(Traceflow.class).withName(name).get());
        if (tf == null) {
            throw IpamctlException.failed("Traceflow \"" + name + "\" not found");
        }
        if (!TraceflowMapping.isManaged(tf)) {
            throw new NotOurs(name);
        }
    }

    /** Deletes one (server dry run: checked by the server, nothing deleted); false when it was gone already. */
    public boolean delete(String name, boolean serverDryRun) {
        var resource = client.resources(Traceflow.class).withName(name);
        List<?> deleted = request(() -> serverDryRun ? resource.dryRun().delete() : resource.delete());
        return !deleted.isEmpty();
    }

    private <T> T request(Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }
}
