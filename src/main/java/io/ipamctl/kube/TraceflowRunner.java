package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.ipamctl.IpamctlException;
import io.ipamctl.kube.crd.v1beta1.Traceflow;
import io.ipamctl.trace.TraceAddresses;
import io.ipamctl.trace.TraceRequest;
import io.ipamctl.trace.TraceResult;
import io.ipamctl.trace.TraceVerdict;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * The life of one Antrea Traceflow (crd.antrea.io/v1beta1, cluster-scoped): creates it for the
 * resolved endpoints, watches it until Antrea sets Succeeded or Failed or the timeout passes, and
 * deletes it again, also when the run fails or is interrupted (unless it is to be kept).
 */
public final class TraceflowRunner {

    /** What the runner tells its caller while it works. */
    public interface Listener {

        /** How far the trace has come, e.g. "Traceflow NAME: Running, results from node-01". */
        void progress(String text);

        /** Deleting the Traceflow failed: it is left behind. */
        void notDeleted(String traceflow, String reason);
    }

    private final KubernetesClient client;
    private final Cleanups cleanups;
    private final Listener listener;
    private final RandomGenerator random = new SecureRandom();

    /** @param cleanups where the deletion of the Traceflow is registered for an interruption (the run's own registry) */
    public TraceflowRunner(KubernetesClient client, Cleanups cleanups, Listener listener) {
        this.client = client;
        this.cleanups = cleanups;
        this.listener = listener;
    }

    /** Source and destination must already carry their namespaces. */
    public TraceResult run(TraceRequest request) {
        try {
            requireServed();
            TraceEndpoints.Resolved endpoints = new TraceEndpoints(client).resolve(request);
            if (!request.live() && endpoints.source().hostNetwork()) {
                throw IpamctlException.failed("source " + request.source().describe()
                        + " uses the host network; Traceflow needs a Pod on the Pod network");
            }
            Traceflow tf = TraceflowMapping.traceflow(
                    request, endpoints.addresses().family(), TraceflowMapping.name(request, random));
            return request.keep()
                    ? createAndAwait(request, tf, endpoints.addresses())
                    : createAwaitDelete(request, tf, endpoints.addresses());
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    // "try": the resource only guards the block (a lock, a clean-up), so the body never names it
    @SuppressWarnings("try")
    private TraceResult createAwaitDelete(TraceRequest request, Traceflow tf, TraceAddresses addresses) {
        String name = tf.getMetadata().getName();
        // Registered before the create, so that no moment exists in which an interrupt leaves it behind; a create
        // the server refused made nothing to delete (and a delete would only be refused again, e.g. by RBAC)
        AtomicBoolean refused = new AtomicBoolean();
        try (CleanupOnExit cleanup = cleanups.register(name, () -> {
            if (!refused.get()) {
                delete(name);
            }
        })) {
            try {
                create(tf);
            } catch (KubernetesClientException e) {
                refused.set(e.getCode() > 0); // an HTTP answer: not created; no answer (a dropped connection): maybe
                throw e;
            }
            return await(request, tf, addresses);
        }
    }

    private TraceResult createAndAwait(TraceRequest request, Traceflow tf, TraceAddresses addresses) {
        create(tf);
        return await(request, tf, addresses);
    }

    private void create(Traceflow tf) {
        client.resources(Traceflow.class).resource(tf).create();
    }

    private TraceResult await(TraceRequest request, Traceflow tf, TraceAddresses addresses) {
        String name = tf.getMetadata().getName();
        listener.progress("created Traceflow " + name + "; waiting up to " + TraceVerdict.text(request.timeout())
                + " for Antrea");
        AtomicReference<Traceflow> last = new AtomicReference<>(tf);
        AtomicReference<String> shown = new AtomicReference<>("");
        TraceResult.End end;
        Traceflow seen;
        try {
            seen = resource(name)
                    .waitUntilCondition(
                            t -> {
                                if (t != null) {
                                    last.set(t);
                                    String state = TraceflowMapping.state(t);
                                    if (!state.equals(shown.getAndSet(state))) {
                                        listener.progress("Traceflow " + name + ": " + state);
                                    }
                                }
                                return t == null || TraceflowMapping.finished(t);
                            },
                            request.timeout().toMillis(),
                            TimeUnit.MILLISECONDS);
            end = seen == null ? TraceResult.End.DELETED : TraceResult.End.FINISHED;
        } catch (KubernetesClientTimeoutException e) {
            end = TraceResult.End.TIMED_OUT;
            seen = Optional.ofNullable(resource(name).get()).orElse(last.get());
        }
        if (seen == null) {
            seen = last.get();
        }
        return TraceflowMapping.result(request, seen, addresses, end);
    }

    private void delete(String name) {
        try {
            resource(name).delete();
        } catch (KubernetesClientException e) {
            listener.notDeleted(name, KubeErrors.serverMessage(e));
        }
    }

    private Resource<Traceflow> resource(String name) {
        return client.resources(Traceflow.class).withName(name);
    }

    private void requireServed() {
        boolean served;
        try {
            APIResourceList list = client.getApiResources("crd.antrea.io/v1beta1");
            served = list != null
                    && list.getResources() != null
                    && list.getResources().stream().anyMatch(r -> "traceflows".equals(r.getName()));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            served = false;
        }
        if (!served) {
            throw IpamctlException.failed(
                    "Traceflow not available: the server serves no traceflows.crd.antrea.io/v1beta1"
                            + " (is Antrea installed? its Traceflow feature gate is on by default)");
        }
    }
}
