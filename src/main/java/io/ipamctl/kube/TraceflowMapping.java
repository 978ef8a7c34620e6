package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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
import io.ipamctl.trace.TraceAddresses;
import io.ipamctl.trace.TracePacket;
import io.ipamctl.trace.TraceRequest;
import io.ipamctl.trace.TraceResult;
import io.ipamctl.trace.TraceflowSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Converts between the Traceflow CRD (crd.antrea.io/v1beta1) and the trace model: a request to the
 * Traceflow antctl would build for it, and a Traceflow's status to a {@link TraceResult}. Pure: no
 * server involved.
 */
public final class TraceflowMapping {

    /** Label on every Traceflow ipamctl creates: how `trace list` and `trace delete` know their own. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    public static final String MANAGER = "ipamctl";
    private static final int MAX_NAME = 63;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private TraceflowMapping() {}

    /** The Traceflow object as antctl would build it for the same request. */
    public static Traceflow traceflow(TraceRequest request, IpFamily family, String name) {
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
        spec.setTimeout(Math.min(seconds, TraceRequest.ANTREA_MAX_TIMEOUT.toSeconds()));
        Traceflow tf = new Traceflow();
        tf.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .withLabels(Map.of(MANAGED_BY, MANAGER))
                .build());
        tf.setSpec(spec);
        return tf;
    }

    private static Packet packet(TracePacket p, IpFamily family) {
        Packet packet = new Packet();
        // ICMP follows the family, as Antrea turns one into the other
        Long protocol = p.protocol() == null
                ? null
                : TracePacket.isIcmp(p.protocol())
                        ? Long.valueOf(family == IpFamily.V6 ? TracePacket.ICMPV6 : TracePacket.ICMP)
                        : Long.valueOf(p.protocol());
        if (family == IpFamily.V6) {
            Ipv6Header h = new Ipv6Header();
            h.setNextHeader(protocol);
            packet.setIpv6Header(h);
        } else if (protocol != null) {
            IpHeader h = new IpHeader();
            h.setProtocol(protocol);
            packet.setIpHeader(h);
        }
        if (TracePacket.is(p.protocol(), TracePacket.TCP)
                && (p.srcPort() != null || p.dstPort() != null || p.tcpFlags() != null)) {
            Tcp tcp = new Tcp();
            tcp.setSrcPort(asLong(p.srcPort()));
            tcp.setDstPort(asLong(p.dstPort()));
            tcp.setFlags(asLong(p.tcpFlags()));
            TransportHeader th = new TransportHeader();
            th.setTcp(tcp);
            packet.setTransportHeader(th);
        } else if (TracePacket.is(p.protocol(), TracePacket.UDP) && (p.srcPort() != null || p.dstPort() != null)) {
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
    public static String name(TraceRequest request, RandomGenerator random) {
        TraceRequest.Endpoint dst = request.destination();
        return name(request.source().name(), dst.kind() == TraceRequest.Kind.IP ? dst.ip() : dst.name(), random);
    }

    static String name(String source, String destination, RandomGenerator random) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        int room = (MAX_NAME - "ipamctl-".length() - "-to-".length() - 1 - suffix.length()) / 2;
        return "ipamctl-" + part(source, room) + "-to-" + part(destination, room) + "-" + suffix;
    }

    private static String part(String s, int max) {
        String p = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (p.length() > max) {
            p = p.substring(0, max).replaceAll("-+$", "");
        }
        return p.isEmpty() ? "x" : p;
    }

    /** Whether ipamctl created it (its label says so): the only Traceflows trace list and trace delete touch. */
    public static boolean isManaged(Traceflow t) {
        Map<String, String> labels =
                t.getMetadata() == null ? null : t.getMetadata().getLabels();
        return labels != null && MANAGER.equals(labels.get(MANAGED_BY));
    }

    /** A Traceflow as trace list shows it. */
    public static TraceflowSummary summary(Traceflow t) {
        TraceflowSpec spec = t.getSpec();
        Source src = spec == null ? null : spec.getSource();
        Destination dst = spec == null ? null : spec.getDestination();
        String destination = dst == null
                ? null
                : dst.getPod() != null
                        ? dst.getNamespace() + "/" + dst.getPod()
                        : dst.getService() != null ? "svc/" + dst.getNamespace() + "/" + dst.getService() : dst.getIp();
        Packet packet = spec == null ? null : spec.getPacket();
        Long protocol = packet == null
                ? null
                : packet.getIpHeader() != null
                        ? packet.getIpHeader().getProtocol()
                        : packet.getIpv6Header() != null
                                ? packet.getIpv6Header().getNextHeader()
                                : null;
        if (protocol == null && packet != null && packet.getTransportHeader() != null) {
            protocol = packet.getTransportHeader().getTcp() != null
                    ? Long.valueOf(TracePacket.TCP)
                    : packet.getTransportHeader().getUdp() != null ? Long.valueOf(TracePacket.UDP) : null;
        }
        String created = t.getMetadata().getCreationTimestamp();
        String phase = t.getStatus() == null ? null : t.getStatus().getPhase();
        return new TraceflowSummary(
                t.getMetadata().getName(),
                phase == null || phase.isEmpty() ? null : phase,
                src == null || src.getPod() == null ? null : src.getNamespace() + "/" + src.getPod(),
                destination,
                TracePacket.name(protocol == null ? null : protocol.intValue()),
                spec != null && Boolean.TRUE.equals(spec.getLiveTraffic()),
                created == null || created.isEmpty() ? null : Instant.parse(created));
    }

    /** Antrea has the final word: Succeeded or Failed. */
    public static boolean finished(Traceflow t) {
        String phase = t.getStatus() == null ? null : t.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** "Running, results from node-01, node-02": how far Antrea has come, for a progress line. */
    public static String state(Traceflow t) {
        TraceflowStatus s = t.getStatus();
        if (s == null || s.getPhase() == null || s.getPhase().isEmpty()) {
            return "waiting for antrea-controller to start it";
        }
        List<String> nodes = s.getResults() == null
                ? List.of()
                : s.getResults().stream().map(Results::getNode).toList();
        return s.getPhase() + (nodes.isEmpty() ? "" : ", results from " + String.join(", ", nodes));
    }

    /** What the Traceflow reported, the sender's node first. */
    public static TraceResult result(
            TraceRequest request, Traceflow tf, TraceAddresses addresses, TraceResult.End end) {
        TraceflowStatus s = tf.getStatus();
        List<TraceResult.NodeResult> nodes = new ArrayList<>();
        TraceResult.CapturedPacket captured = null;
        if (s != null) {
            if (s.getResults() != null) {
                for (Results r : s.getResults()) {
                    List<TraceResult.Observation> obs = r.getObservations() == null
                            ? List.of()
                            : r.getObservations().stream()
                                    .map(TraceflowMapping::observation)
                                    .toList();
                    nodes.add(new TraceResult.NodeResult(r.getNode(), r.getRole(), r.getTimestamp(), obs));
                }
            }
            captured = captured(s);
        }
        // Agents append their results in the order they report; the path reads from the sender on.
        nodes.sort(Comparator.comparing((TraceResult.NodeResult n) -> !isSender(n))
                .thenComparing(TraceResult.NodeResult::timestamp, Comparator.nullsLast(Comparator.naturalOrder())));
        return new TraceResult(
                request,
                addresses.source().toString(),
                addresses.destination().toString(),
                tf.getMetadata().getName(),
                request.keep(),
                s == null || s.getPhase() == null || s.getPhase().isEmpty() ? null : s.getPhase(),
                s == null ? null : s.getReason(),
                end,
                nodes,
                captured);
    }

    private static boolean isSender(TraceResult.NodeResult n) {
        return n.observations().stream().anyMatch(o -> "SpoofGuard".equals(o.component()));
    }

    private static TraceResult.Observation observation(Observations o) {
        return new TraceResult.Observation(
                o.getComponent(),
                o.getComponentInfo(),
                o.getAction(),
                o.getPod(),
                o.getDstMAC(),
                o.getNetworkPolicy(),
                o.getNetworkPolicyRule(),
                o.getEgress(),
                o.getTtl(),
                o.getTranslatedSrcIP(),
                o.getTranslatedDstIP(),
                o.getTunnelDstIP(),
                o.getEgressIP(),
                o.getEgressNode(),
                o.getSrcPodIP());
    }

    private static TraceResult.CapturedPacket captured(TraceflowStatus s) {
        var p = s.getCapturedPacket();
        if (p == null) {
            return null;
        }
        Long protocol = p.getIpHeader() != null
                ? p.getIpHeader().getProtocol()
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
        return new TraceResult.CapturedPacket(
                p.getSrcIP(), p.getDstIP(), p.getLength(), protocol, srcPort, dstPort, flags);
    }
}
