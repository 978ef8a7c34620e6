package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.trace.TraceAddresses;
import io.ipamctl.trace.TraceRequest;
import io.ipamctl.trace.TraceRequest.Endpoint;
import io.ipamctl.trace.TraceRequest.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds what a trace's endpoints are on the cluster: the source Pod (its node and addresses), the
 * destination's addresses (a Pod's status.podIPs, a Service's cluster IPs, or the IP itself), and
 * the one address family both have. Shared by the Traceflow and the local (ofproto/trace) trace.
 */
public final class TraceEndpoints {

    /** The source Pod as a trace needs it. */
    public record SourcePod(Endpoint endpoint, String node, List<IpAddress> ips, boolean hostNetwork) {}

    /** Both endpoints, and the addresses of one family the packet is traced between. */
    public record Resolved(SourcePod source, TraceAddresses addresses) {}

    private final KubernetesClient client;

    public TraceEndpoints(KubernetesClient client) {
        this.client = client;
    }

    /** Source and destination must already carry their namespaces. */
    public Resolved resolve(TraceRequest request) {
        SourcePod source = source(request.source());
        Endpoint dst = request.destination();
        List<IpAddress> dstIps = destination(dst);
        TraceAddresses addresses = TraceAddresses.pick(source.ips(), dstIps)
                .orElseThrow(() -> dst.kind() == Kind.IP
                        ? IpamctlException.failed("source " + source.endpoint().describe() + " has no "
                                + dstIps.get(0).family() + " address for " + dst.describe())
                        : IpamctlException.failed("destination " + dst.describe() + " has no "
                                + TraceAddresses.families(source.ips()) + " address like the source "
                                + source.endpoint().describe()));
        return new Resolved(source, addresses);
    }

    /** The source Pod: it must exist and have an address. */
    public SourcePod source(Endpoint e) {
        Pod pod = pod(e, "source");
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        boolean hostNetwork =
                pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        return new SourcePod(e, node, podIps(pod, e, "source"), hostNetwork);
    }

    /** The destination's addresses, every family it has. */
    public List<IpAddress> destination(Endpoint e) {
        return switch (e.kind()) {
            case IP -> List.of(IpAddress.parse(e.ip()));
            case POD -> podIps(pod(e, "destination"), e, "destination");
            case SERVICE -> serviceIps(e);
        };
    }

    private Pod pod(Endpoint e, String role) {
        Pod pod = get(() ->
                client.pods().inNamespace(e.namespace()).withName(e.name()).get());
        if (pod == null) {
            throw IpamctlException.failed(role + " " + e.describe() + " not found");
        }
        return pod;
    }

    /** status.podIPs (every family), else the older status.podIP. */
    private static List<IpAddress> podIps(Pod pod, Endpoint e, String role) {
        List<String> texts = new ArrayList<>();
        if (pod.getStatus() != null) {
            if (pod.getStatus().getPodIPs() != null) {
                pod.getStatus().getPodIPs().stream().map(PodIP::getIp).forEach(texts::add);
            }
            if (texts.isEmpty() && pod.getStatus().getPodIP() != null) {
                texts.add(pod.getStatus().getPodIP());
            }
        }
        List<IpAddress> ips = texts.stream()
                .map(IpAddress::tryParse)
                .flatMap(Optional::stream)
                .toList();
        if (ips.isEmpty()) {
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            throw IpamctlException.failed(role + " " + e.describe() + " has no IP address yet"
                    + (phase == null ? "" : " (phase " + phase + ")"));
        }
        return ips;
    }

    private List<IpAddress> serviceIps(Endpoint e) {
        Service svc = get(() ->
                client.services().inNamespace(e.namespace()).withName(e.name()).get());
        if (svc == null) {
            throw IpamctlException.failed("destination " + e.describe() + " not found");
        }
        List<String> texts = new ArrayList<>();
        if (svc.getSpec() != null && svc.getSpec().getClusterIPs() != null) {
            texts.addAll(svc.getSpec().getClusterIPs());
        } else if (svc.getSpec() != null && svc.getSpec().getClusterIP() != null) {
            texts.add(svc.getSpec().getClusterIP());
        }
        List<IpAddress> ips = texts.stream()
                .map(IpAddress::tryParse)
                .flatMap(Optional::stream)
                .toList();
        if (ips.isEmpty()) {
            throw IpamctlException.failed("destination " + e.describe()
                    + " has no cluster IP (a headless Service): trace to one of its Pods instead");
        }
        return ips;
    }

    private <T> T get(Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }
}
