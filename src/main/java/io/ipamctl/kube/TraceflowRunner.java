package io.ipamctl.kube;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpFamily;
import io.ipamctl.kube.crd.v1beta1.Traceflow;
import io.ipamctl.kube.crd.v1beta1.TraceflowSpec;
import io.ipamctl.kube.crd.v1beta1.TraceflowStatus;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.Destination;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.Packet;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.Source;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.packet.IpHeader;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.packet.Ipv6Header;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.packet.TransportHeader;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.packet.transportheader.Tcp;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.packet.transportheader.Udp;
import io.ipamctl.kube.crd.v1beta1.traceflowstatus.Results;
import io.ipamctl.kube.crd.v1beta1.traceflowstatus.results.Observations;

/**
 * Runs one Antrea Traceflow (crd.antrea.io/v1beta1, cluster-scoped): checks the endpoints, creates
 * the Traceflow, watches it until Antrea sets Succeeded or Failed or the timeout passes, and deletes
 * it again, also when the run fails or is interrupted (unless it is to be kept).
 */
public final class TraceflowRunner {

    /** The Traceflow CRD accepts spec.timeout from 1 to 300 seconds. */
    static final long CRD_MAX_TIMEOUT_SECONDS = 300;
    /** Label on every Traceflow ipamctl creates, to find leftovers. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final int MAX_NAME = 63;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final KubernetesClient client;
    private final Cleanups cleanups;
    private final Consumer<String> progress;
    private final Consumer<String> warn;
    private final RandomGenerator random = new SecureRandom();

    /**
     * @param cleanups where the deletion of the Traceflow is registered for an interruption
     * @param progress receives "what is happening" lines (the caller shows them on a terminal only)
     * @param warn     receives warnings (deletion failed, timeout capped)
     */
    public TraceflowRunner(KubernetesClient client, Cleanups cleanups, Consumer<String> progress, Consumer<String> warn) {
        this.client = client;
        this.cleanups = cleanups;
        this.progress = progress;
        this.warn = warn;
    }

    /** Source and destination must already carry their namespaces. */
    public TraceResult run(TraceRequest request) {
        try {
            requireServed();
            Pod source = pod(request.source(), "source");
            if (!request.live() && source.getSpec() != null && Boolean.TRUE.equals(source.getSpec().getHostNetwork())) {
                throw IpamctlException.failed("source " + request.source().describe()
                        + " uses the host network; Traceflow needs a Pod on the Pod network");
            }
            List<IpAddress> sourceIps = podIps(source, request.source(), "source");
            String destinationIp;
            IpFamily family;
            TraceRequest.Endpoint dst = request.destination();
            if (dst.kind() == TraceRequest.Kind.IP) {
                family = IpAddress.parse(dst.ip()).family();
                destinationIp = dst.ip();
            } else {
                family = sourceIps.get(0).family();
                List<IpAddress> dstIps = dst.kind() == TraceRequest.Kind.POD
                        ? podIps(pod(dst, "destination"), dst, "destination") : serviceIps(dst);
                destinationIp = ofFamily(dstIps, family).map(IpAddress::toString).orElseThrow(() -> IpamctlException.failed(
                        "destination " + dst.describe() + " has no " + family + " address like the source "
                                + request.source().describe()));
            }
            String sourceIp = ofFamily(sourceIps, family).map(IpAddress::toString).orElseThrow(() -> IpamctlException.failed(
                    "source " + request.source().describe() + " has no " + family + " address for " + dst.describe()));
            if (request.timeout().toSeconds() > CRD_MAX_TIMEOUT_SECONDS) {
                warn.accept("Antrea ends a Traceflow after " + CRD_MAX_TIMEOUT_SECONDS
                        + "s at most (the limit of its CRD), whatever --timeout says");
            }
            Traceflow tf = traceflow(request, family, name(request.source().name(), nameOf(dst), random));
            return request.keep() ? createAndAwait(request, tf, sourceIp, destinationIp)
                    : createAwaitDelete(request, tf, sourceIp, destinationIp);
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    private TraceResult createAwaitDelete(TraceRequest request, Traceflow tf, String sourceIp, String destinationIp) {
        String name = tf.getMetadata().getName();
        // Registered before the create, so that no moment exists in which an interrupt leaves it behind.
        try (CleanupOnExit cleanup = cleanups.register(name, () -> delete(name))) {
            return createAndAwait(request, tf, sourceIp, destinationIp);
        }
    }

    private TraceResult createAndAwait(TraceRequest request, Traceflow tf, String sourceIp, String destinationIp) {
        String name = tf.getMetadata().getName();
        client.resources(Traceflow.class).resource(tf).create();
        progress.accept("created Traceflow " + name + "; waiting up to " + TraceVerdict.text(request.timeout())
                + " for Antrea");
        AtomicReference<Traceflow> last = new AtomicReference<>(tf);
        AtomicReference<String> shown = new AtomicReference<>("");
        TraceResult.End end;
        Traceflow seen;
        try {
            seen = resource(name).waitUntilCondition(t -> {
                if (t != null) {
                    last.set(t);
                    String state = state(t);
                    if (!state.equals(shown.getAndSet(state))) {
                        progress.accept("Traceflow " + name + ": " + state);
                    }
                }
                return t == null || finished(t);
            }, request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            end = seen == null ? TraceResult.End.DELETED : TraceResult.End.FINISHED;
        } catch (KubernetesClientTimeoutException e) {
            end = TraceResult.End.TIMED_OUT;
            seen = Optional.ofNullable(resource(name).get()).orElse(last.get());
        }
        if (seen == null) {
            seen = last.get();
        }
        return result(request, seen, sourceIp, destinationIp, end);
    }

    private void delete(String name) {
        try {
            resource(name).delete();
        } catch (KubernetesClientException e) {
            warn.accept("could not delete Traceflow " + name + ": " + KubeErrors.serverMessage(e)
                    + " (delete it with: kubectl delete traceflow " + name + ")");
        }
    }

    private Resource<Traceflow> resource(String name) {
        return client.resources(Traceflow.class).withName(name);
    }

    private static boolean finished(Traceflow t) {
        String phase = t.getStatus() == null ? null : t.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** "Running, results from node-01, node-02", for the progress lines. */
    private static String state(Traceflow t) {
        TraceflowStatus s = t.getStatus();
        if (s == null || s.getPhase() == null || s.getPhase().isEmpty()) {
            return "waiting for antrea-controller to start it";
        }
        List<String> nodes = s.getResults() == null ? List.of() : s.getResults().stream().map(Results::getNode).toList();
        return s.getPhase() + (nodes.isEmpty() ? "" : ", results from " + String.join(", ", nodes));
    }

    private void requireServed() {
        boolean served;
        try {
            APIResourceList list = client.getApiResources("crd.antrea.io/v1beta1");
            served = list != null && list.getResources() != null
                    && list.getResources().stream().anyMatch(r -> "traceflows".equals(r.getName()));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            served = false;
        }
        if (!served) {
            throw IpamctlException.failed("Traceflow not available: the server serves no traceflows.crd.antrea.io/v1beta1"
                    + " (is Antrea installed? its Traceflow feature gate is on by default)");
        }
    }

    private Pod pod(TraceRequest.Endpoint e, String role) {
        Pod pod = client.pods().inNamespace(e.namespace()).withName(e.name()).get();
        if (pod == null) {
            throw IpamctlException.failed(role + " " + e.describe() + " not found");
        }
        return pod;
    }

    private static List<IpAddress> podIps(Pod pod, TraceRequest.Endpoint e, String role) {
        List<String> texts = new ArrayList<>();
        if (pod.getStatus() != null) {
            if (pod.getStatus().getPodIPs() != null) {
                pod.getStatus().getPodIPs().stream().map(PodIP::getIp).forEach(texts::add);
            }
            if (texts.isEmpty() && pod.getStatus().getPodIP() != null) {
                texts.add(pod.getStatus().getPodIP());
            }
        }
        List<IpAddress> ips = texts.stream().map(IpAddress::tryParse).flatMap(Optional::stream).toList();
        if (ips.isEmpty()) {
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            throw IpamctlException.failed(role + " " + e.describe() + " has no IP address yet"
                    + (phase == null ? "" : " (phase " + phase + ")"));
        }
        return ips;
    }

    private List<IpAddress> serviceIps(TraceRequest.Endpoint e) {
        Service svc = client.services().inNamespace(e.namespace()).withName(e.name()).get();
        if (svc == null) {
            throw IpamctlException.failed("destination " + e.describe() + " not found");
        }
        List<String> texts = new ArrayList<>();
        if (svc.getSpec() != null && svc.getSpec().getClusterIPs() != null) {
            texts.addAll(svc.getSpec().getClusterIPs());
        } else if (svc.getSpec() != null && svc.getSpec().getClusterIP() != null) {
            texts.add(svc.getSpec().getClusterIP());
        }
        List<IpAddress> ips = texts.stream().map(IpAddress::tryParse).flatMap(Optional::stream).toList();
        if (ips.isEmpty()) {
            throw IpamctlException.failed("destination " + e.describe()
                    + " has no cluster IP (a headless Service): trace to one of its Pods instead");
        }
        return ips;
    }

    private static Optional<IpAddress> ofFamily(List<IpAddress> ips, IpFamily family) {
        return ips.stream().filter(ip -> ip.family() == family).findFirst();
    }

    private static String nameOf(TraceRequest.Endpoint e) {
        return e.kind() == TraceRequest.Kind.IP ? e.ip() : e.name();
    }

    /** The Traceflow object as antctl would build it for the same request. */
    static Traceflow traceflow(TraceRequest request, IpFamily family, String name) {
        TraceflowSpec spec = new TraceflowSpec();
        Source source = new Source();
        source.setNamespace(request.source().namespace());
        source.setPod(request.source().name());
        spec.setSource(source);
        Destination destination = new Destination();
        TraceRequest.Endpoint dst = request.destination();
        switch (dst.kind()) {
            case POD -> {
                destination.setNamespace(dst.namespace());
                destination.setPod(dst.name());
            }
            case SERVICE -> {
                destination.setNamespace(dst.namespace());
                destination.setService(dst.name());
            }
            case IP -> destination.setIp(dst.ip());
        }
        spec.setDestination(destination);
        spec.setPacket(packet(request.packet(), family));
        if (request.live()) {
            spec.setLiveTraffic(true);
        }
        if (request.droppedOnly()) {
            spec.setDroppedOnly(true);
        }
        long seconds = request.timeout().toSeconds() + (request.timeout().toMillisPart() > 0 ? 1 : 0);
        spec.setTimeout(Math.min(seconds, CRD_MAX_TIMEOUT_SECONDS));
        Traceflow tf = new Traceflow();
        tf.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(Map.of(MANAGED_BY, "ipamctl")).build());
        tf.setSpec(spec);
        return tf;
    }

    private static Packet packet(TracePacket p, IpFamily family) {
        Packet packet = new Packet();
        Long protocol = p.protocol() == null ? null : Long.valueOf(p.protocol());
        if (family == IpFamily.V6) {
            Ipv6Header h = new Ipv6Header();
            h.setNextHeader(protocol);
            packet.setIpv6Header(h);
        } else if (protocol != null) {
            IpHeader h = new IpHeader();
            h.setProtocol(protocol);
            packet.setIpHeader(h);
        }
        if (p.protocol() != null && p.protocol() == TracePacket.TCP
                && (p.srcPort() != null || p.dstPort() != null || p.tcpFlags() != null)) {
            Tcp tcp = new Tcp();
            tcp.setSrcPort(asLong(p.srcPort()));
            tcp.setDstPort(asLong(p.dstPort()));
            tcp.setFlags(asLong(p.tcpFlags()));
            TransportHeader th = new TransportHeader();
            th.setTcp(tcp);
            packet.setTransportHeader(th);
        } else if (p.protocol() != null && p.protocol() == TracePacket.UDP && (p.srcPort() != null || p.dstPort() != null)) {
            Udp udp = new Udp();
            udp.setSrcPort(asLong(p.srcPort()));
            udp.setDstPort(asLong(p.dstPort()));
            TransportHeader th = new TransportHeader();
            th.setUdp(udp);
            packet.setTransportHeader(th);
        }
        return packet;
    }

    private static Long asLong(Integer i) {
        return i == null ? null : Long.valueOf(i);
    }

    /**
     * ipamctl-SRC-to-DST-xxxxx: a valid object name (DNS-1123, at most 63 characters, so it also
     * fits label values) that says what is traced and does not collide with another run.
     */
    static String name(String source, String destination, RandomGenerator random) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        int room = (MAX_NAME - "ipamctl-".length() - "-to-".length() - 1 - suffix.length()) / 2;
        return "ipamctl-" + part(source, room) + "-to-" + part(destination, room) + "-" + suffix;
    }

    private static String part(String s, int max) {
        String p = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (p.length() > max) {
            p = p.substring(0, max).replaceAll("-+$", "");
        }
        return p.isEmpty() ? "x" : p;
    }

    private static TraceResult result(TraceRequest request, Traceflow tf, String sourceIp, String destinationIp,
                                      TraceResult.End end) {
        TraceflowStatus s = tf.getStatus();
        List<TraceResult.NodeResult> nodes = new ArrayList<>();
        TraceResult.CapturedPacket captured = null;
        if (s != null) {
            if (s.getResults() != null) {
                for (Results r : s.getResults()) {
                    List<TraceResult.Observation> obs = r.getObservations() == null ? List.of()
                            : r.getObservations().stream().map(TraceflowRunner::observation).toList();
                    nodes.add(new TraceResult.NodeResult(r.getNode(), r.getRole(), r.getTimestamp(), obs));
                }
            }
            captured = captured(s);
        }
        // Agents append their results in the order they report; the path reads from the sender on.
        nodes.sort(Comparator.comparing((TraceResult.NodeResult n) -> !isSender(n))
                .thenComparing(TraceResult.NodeResult::timestamp, Comparator.nullsLast(Comparator.naturalOrder())));
        return new TraceResult(request, sourceIp, destinationIp, tf.getMetadata().getName(), request.keep(),
                s == null || s.getPhase() == null || s.getPhase().isEmpty() ? null : s.getPhase(),
                s == null ? null : s.getReason(), end, nodes, captured);
    }

    private static boolean isSender(TraceResult.NodeResult n) {
        return n.observations().stream().anyMatch(o -> "SpoofGuard".equals(o.component()));
    }

    private static TraceResult.Observation observation(Observations o) {
        return new TraceResult.Observation(o.getComponent(), o.getComponentInfo(), o.getAction(), o.getPod(), o.getDstMAC(),
                o.getNetworkPolicy(), o.getNetworkPolicyRule(), o.getEgress(), o.getTtl(), o.getTranslatedSrcIP(),
                o.getTranslatedDstIP(), o.getTunnelDstIP(), o.getEgressIP(), o.getEgressNode(), o.getSrcPodIP());
    }

    private static TraceResult.CapturedPacket captured(TraceflowStatus s) {
        var p = s.getCapturedPacket();
        if (p == null) {
            return null;
        }
        Long protocol = p.getIpHeader() != null ? p.getIpHeader().getProtocol()
                : p.getIpv6Header() != null ? p.getIpv6Header().getNextHeader() : null;
        Long srcPort = null;
        Long dstPort = null;
        Long flags = null;
        var th = p.getTransportHeader();
        if (th != null && th.getTcp() != null) {
            srcPort = th.getTcp().getSrcPort();
            dstPort = th.getTcp().getDstPort();
            flags = th.getTcp().getFlags();
        } else if (th != null && th.getUdp() != null) {
            srcPort = th.getUdp().getSrcPort();
            dstPort = th.getUdp().getDstPort();
        }
        return new TraceResult.CapturedPacket(p.getSrcIP(), p.getDstIP(), p.getLength(), protocol, srcPort, dstPort, flags);
    }
}
