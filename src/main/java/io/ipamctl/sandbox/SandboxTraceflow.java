package io.ipamctl.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.kube.AgentPod;
import io.ipamctl.kube.AntreaAgents;
import io.ipamctl.kube.OvsReader;
import io.ipamctl.kube.crd.v1beta1.Traceflow;
import io.ipamctl.kube.crd.v1beta1.TraceflowStatus;
import io.ipamctl.kube.crd.v1beta1.traceflowspec.Packet;
import io.ipamctl.kube.crd.v1beta1.traceflowstatus.Results;
import io.ipamctl.kube.crd.v1beta1.traceflowstatus.results.Observations;
import io.ipamctl.ovs.OvsParseException;
import io.ipamctl.ovs.OvsPortRow;
import io.ipamctl.ovs.OvsSnapshot;
import io.ipamctl.ovs.ProtoTrace;
import io.ipamctl.ovs.ProtoTraceParser;
import io.ipamctl.ovs.TraceFlow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SANDBOX ONLY: a stand-in for Antrea's Traceflow controller and agents that traces on the sandbox's
 * own Open vSwitch nodes, so a Traceflow tells what `trace --local` and `ovs flows` tell: the packet is
 * run through {@code ofproto/trace} on the source Pod's node (and, when it leaves through the tunnel,
 * again on the destination's node from antrea-tun0), and each node's path becomes the observations
 * Antrea's agents report (SpoofGuard, LB for a Service, NetworkPolicy rules, Forwarding). Errors are
 * Antrea's own ("destination Pod does not have an IPv4 address" for a Pod without an address).
 */
final class SandboxTraceflow {

    /** Antrea's global virtual MAC: the destination MAC of packets sent through the tunnel. */
    private static final String GLOBAL_VIRTUAL_MAC = "aa:bb:cc:dd:ee:ff";

    private static final Set<String> POLICY_TABLES = Set.of(
            "AntreaPolicyEgressRule",
            "EgressRule",
            "EgressDefaultRule",
            "AntreaPolicyIngressRule",
            "IngressRule",
            "IngressDefaultRule");
    private static final Pattern TUNNEL_DST = Pattern.compile("set_field:([0-9.]+)->tun_dst");

    /** Why a Traceflow failed, in Antrea's words. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final KubernetesClient client;
    private final OvsReader ovs;
    private final Runnable ensureOvs;

    /**
     * @param ovs       runs the OVS tools on the sandbox's nodes
     * @param ensureOvs starts the nodes when they do not run yet, or throws why they cannot
     */
    SandboxTraceflow(KubernetesClient client, OvsReader ovs, Runnable ensureOvs) {
        this.client = client;
        this.ovs = ovs;
        this.ensureOvs = ensureOvs;
    }

    /** Answers the Traceflow of that name if nobody has yet. */
    void answer(String name) {
        Traceflow tf = client.resources(Traceflow.class).withName(name).get();
        if (tf == null || (tf.getStatus() != null && tf.getStatus().getPhase() != null)) {
            return;
        }
        try {
            TraceflowStatus status = new TraceflowStatus();
            status.setPhase("Running");
            status.setStartTime(Instant.now().toString());
            status.setDataplaneTag(7L);
            tf.setStatus(status);
            tf = client.resources(Traceflow.class).resource(tf).updateStatus();
            try {
                status.setResults(trace(tf));
                status.setPhase("Succeeded");
            } catch (Refused e) {
                status.setPhase("Failed");
                status.setReason(e.getMessage());
            } catch (IpamctlException e) {
                status.setPhase("Failed");
                status.setReason(e.getMessage());
            }
            tf.setStatus(status);
            client.resources(Traceflow.class).resource(tf).updateStatus();
        } catch (KubernetesClientException gone) {
            // deleted meanwhile: nothing to answer
        }
    }

    private List<Results> trace(Traceflow tf) {
        var spec = tf.getSpec();
        var source = spec.getSource();
        Pod src = source == null ? null : pod(source.getNamespace(), source.getPod());
        if (src == null) {
            throw new Refused("Invalid Traceflow request, err: source Pod "
                    + (source == null ? "" : source.getNamespace() + "/" + source.getPod()) + " not found");
        }
        String srcNode = src.getSpec() == null ? null : src.getSpec().getNodeName();
        String srcIp = ipv4(src).orElse(null);
        if (srcNode == null || srcIp == null) {
            throw new Refused("Invalid Traceflow request, err: source Pod " + key(src) + " is not running on a node");
        }
        long now = Instant.now().getEpochSecond();
        List<Observations> sender = new ArrayList<>();
        Destination dst = destination(spec.getDestination(), srcNode, spec.getPacket());
        ensureOvs.run();
        AgentPod agent = agent(srcNode);
        OvsSnapshot snapshot = ovs.snapshot(agent);
        OvsPortRow port = snapshot.ports().stream()
                .filter(p -> key(src).equals(p.pod()))
                .findFirst()
                .orElseThrow(
                        () -> new Refused("Node: " + srcNode + ", error: source Pod " + key(src) + " has no OVS port"));
        if (dst.service() != null) {
            Observations lb = observation("LB", null, dst.ip() == null ? "Rejected" : "Forwarded");
            lb.setTranslatedDstIP(dst.ip());
            lb.setPod(dst.pod());
            if (dst.ip() == null) {
                lb.setComponentInfo("EndpointDNAT");
                Observations spoof = observation("SpoofGuard", null, "Forwarded");
                spoof.setSrcPodIP(srcIp);
                return List.of(result(srcNode, now, List.of(spoof, lb)));
            }
            sender.add(lb);
        }
        Packet packet = spec.getPacket();
        // as antctl trace-packet: a Pod of this node is reached by its own MAC, everything else through the gateway
        String dstMac = snapshot.ports().stream()
                .filter(p -> "container".equals(p.role()) && p.ips().contains(dst.ip()))
                .map(OvsPortRow::mac)
                .findFirst()
                .orElse(gatewayMac(snapshot, srcNode));
        String flow = flow(port.port(), port.mac(), dstMac, srcIp, dst, packet);
        ProtoTrace path = run(agent, flow);
        List<Observations> observed = observations(path, snapshot, true, srcIp);
        sender.addAll(0, observed.subList(0, 1)); // SpoofGuard first, then LB, then the rest
        sender.addAll(observed.subList(1, observed.size()));
        List<Results> results = new ArrayList<>();
        results.add(result(srcNode, now, sender));
        Observations last = sender.get(sender.size() - 1);
        if ("Forwarded".equals(last.getAction()) && "Output".equals(last.getComponentInfo())) {
            Pod receiver = podWithIp(dst.ip()).orElse(null);
            String dstNode = receiver == null ? null : receiver.getSpec().getNodeName();
            if (dstNode != null && !dstNode.equals(srcNode)) {
                if (last.getTunnelDstIP() == null) {
                    last.setTunnelDstIP(nodeIp(receiver));
                }
                AgentPod dstAgent = agent(dstNode);
                OvsSnapshot dstSnapshot = ovs.snapshot(dstAgent);
                String tunnelFlow =
                        flow("antrea-tun0", gatewayMac(snapshot, srcNode), GLOBAL_VIRTUAL_MAC, srcIp, dst, packet);
                List<Observations> received = new ArrayList<>();
                received.add(observation("Forwarding", null, "Received"));
                received.addAll(observations(run(dstAgent, tunnelFlow), dstSnapshot, false, srcIp));
                results.add(result(dstNode, now, received));
            }
        }
        return results;
    }

    /** Where the packet goes: the destination's address (for a Service the chosen endpoint's), and its Pod. */
    private record Destination(String ip, String pod, String service, Integer port) {}

    private Destination destination(
            io.ipamctl.kube.crd.v1beta1.traceflowspec.Destination d, String srcNode, Packet packet) {
        if (d == null) {
            throw new Refused("Node: " + srcNode + ", error: destination is not specified");
        }
        Integer dstPort = dstPort(packet);
        if (d.getPod() != null && !d.getPod().isEmpty()) {
            Pod pod = pod(d.getNamespace(), d.getPod());
            if (pod == null) {
                throw new Refused("Node: " + srcNode + ", error: failed to get the destination Pod: pods \""
                        + d.getPod() + "\" not found");
            }
            String ip = ipv4(pod)
                    .orElseThrow(() ->
                            new Refused("Node: " + srcNode + ", error: destination Pod does not have an IPv4 address"));
            return new Destination(ip, key(pod), null, dstPort);
        }
        if (d.getService() != null && !d.getService().isEmpty()) {
            Service svc = client.services()
                    .inNamespace(d.getNamespace())
                    .withName(d.getService())
                    .get();
            if (svc == null) {
                throw new Refused("Node: " + srcNode + ", error: failed to get the destination Service: services \""
                        + d.getService() + "\" not found");
            }
            return endpoint(svc, srcNode, dstPort);
        }
        if (d.getIp() != null && !d.getIp().isEmpty()) {
            Optional<Service> svc = client.services().inAnyNamespace().list().getItems().stream()
                    .filter(s ->
                            s.getSpec() != null && d.getIp().equals(s.getSpec().getClusterIP()))
                    .findFirst();
            if (svc.isPresent()) {
                return endpoint(svc.get(), srcNode, dstPort);
            }
            return new Destination(
                    d.getIp(), podWithIp(d.getIp()).map(SandboxTraceflow::key).orElse(null), null, dstPort);
        }
        throw new Refused("Node: " + srcNode + ", error: destination is not specified");
    }

    /**
     * The endpoint AntreaProxy picks for the Service: among its selected running Pods the first by
     * namespace and name (the sandbox picks the same one every time), on the Service port's target port.
     */
    private Destination endpoint(Service svc, String srcNode, Integer dstPort) {
        String clusterIp = svc.getSpec() == null ? null : svc.getSpec().getClusterIP();
        if (clusterIp == null || clusterIp.isEmpty() || clusterIp.equals("None")) {
            throw new Refused("Node: " + srcNode + ", error: destination Service does not have a ClusterIP");
        }
        String name = svc.getMetadata().getNamespace() + "/" + svc.getMetadata().getName();
        Integer target = dstPort;
        for (ServicePort p : svc.getSpec().getPorts() == null
                ? List.<ServicePort>of()
                : svc.getSpec().getPorts()) {
            if (dstPort != null
                    && dstPort.equals(p.getPort())
                    && p.getTargetPort() != null
                    && p.getTargetPort().getIntVal() != null) {
                target = p.getTargetPort().getIntVal();
            }
        }
        var selector = svc.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return new Destination(null, null, name, target);
        }
        Optional<Pod> chosen =
                client
                        .pods()
                        .inNamespace(svc.getMetadata().getNamespace())
                        .withLabels(selector)
                        .list()
                        .getItems()
                        .stream()
                        .filter(p -> "Running"
                                .equals(
                                        p.getStatus() == null
                                                ? null
                                                : p.getStatus().getPhase()))
                        .filter(p -> ipv4(p).isPresent())
                        .min(Comparator.comparing(SandboxTraceflow::key));
        return new Destination(
                chosen.flatMap(SandboxTraceflow::ipv4).orElse(null),
                chosen.map(SandboxTraceflow::key).orElse(null),
                name,
                target);
    }

    /**
     * The observations of one node's pass: SpoofGuard on the sender, each NetworkPolicy table that
     * let the packet on or dropped it, and where the packet left the bridge.
     */
    private static List<Observations> observations(
            ProtoTrace path, OvsSnapshot snapshot, boolean sender, String srcIp) {
        List<Observations> out = new ArrayList<>();
        List<ProtoTrace.Step> steps = path.steps();
        String dropTable = path.dropped() && !steps.isEmpty()
                ? tableName(snapshot, steps.get(steps.size() - 1).table())
                : null;
        if (sender) {
            Observations spoof =
                    observation("SpoofGuard", null, "SpoofGuard".equals(dropTable) ? "Dropped" : "Forwarded");
            spoof.setSrcPodIP(srcIp);
            out.add(spoof);
            if ("SpoofGuard".equals(dropTable)) {
                return out;
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            ProtoTrace.Step s = steps.get(i);
            String table = tableName(snapshot, s.table());
            boolean last = i == steps.size() - 1;
            if (POLICY_TABLES.contains(table)
                    && s.matched()
                    && s.priority() != null
                    && s.priority() > 0
                    && !(last && dropTable != null)) {
                out.add(observation("NetworkPolicy", table, "Forwarded"));
            }
        }
        if (dropTable != null) {
            out.add(observation(
                    POLICY_TABLES.contains(dropTable) ? "NetworkPolicy" : "Forwarding", dropTable, "Dropped"));
            return out;
        }
        Integer port = path.outputPort();
        OvsPortRow row = port == null
                ? null
                : snapshot.ports().stream()
                        .filter(r -> r.ofport() != null && r.ofport().intValue() == port)
                        .findFirst()
                        .orElse(null);
        if (row != null && "tunnel".equals(row.role())) {
            Observations o = observation("Forwarding", "Output", "Forwarded");
            for (ProtoTrace.Step s : steps) {
                for (String a : s.actions()) {
                    Matcher m = TUNNEL_DST.matcher(a);
                    if (m.find()) {
                        o.setTunnelDstIP(m.group(1));
                    }
                }
            }
            out.add(o);
        } else if (row != null && "container".equals(row.role())) {
            Observations o = observation("Forwarding", "Output", "Delivered");
            o.setPod(row.pod());
            out.add(o);
        } else {
            out.add(observation("Forwarding", "Output", "ForwardedOutOfNetwork"));
        }
        return out;
    }

    private static String flow(
            String inPort, String srcMac, String dstMac, String srcIp, Destination dst, Packet packet) {
        Integer protocol = packet == null
                        || packet.getIpHeader() == null
                        || packet.getIpHeader().getProtocol() == null
                ? null
                : packet.getIpHeader().getProtocol().intValue();
        Integer srcPort = null;
        Integer flags = null;
        var th = packet == null ? null : packet.getTransportHeader();
        if (th != null && th.getTcp() != null) {
            protocol = 6;
            srcPort = asInt(th.getTcp().getSrcPort());
            flags = asInt(th.getTcp().getFlags());
        } else if (th != null && th.getUdp() != null) {
            protocol = 17;
            srcPort = asInt(th.getUdp().getSrcPort());
        }
        return TraceFlow.of(inPort, srcMac, dstMac, srcIp, dst.ip(), false, protocol, srcPort, dst.port(), flags);
    }

    private static Integer dstPort(Packet packet) {
        var th = packet == null ? null : packet.getTransportHeader();
        if (th != null && th.getTcp() != null) {
            return asInt(th.getTcp().getDstPort());
        }
        if (th != null && th.getUdp() != null) {
            return asInt(th.getUdp().getDstPort());
        }
        return null;
    }

    private static Integer asInt(Long v) {
        return v == null || v == 0 ? null : v.intValue();
    }

    private ProtoTrace run(AgentPod agent, String flow) {
        try {
            return ProtoTraceParser.parse(ovs.trace(agent, flow));
        } catch (OvsParseException e) {
            throw new Refused("Node: " + agent.node() + ", error: " + e.getMessage());
        }
    }

    private AgentPod agent(String node) {
        AntreaAgents.Lookup lookup = new AntreaAgents(client, AntreaAgents.DEFAULT_NAMESPACE).forNode(node);
        if (!lookup.usable()) {
            throw new Refused("Node: " + node + ", error: " + lookup.problem());
        }
        return lookup.agent();
    }

    private static String gatewayMac(OvsSnapshot snapshot, String node) {
        return snapshot.ports().stream()
                .filter(p -> "gateway".equals(p.role()))
                .map(OvsPortRow::mac)
                .findFirst()
                .orElseThrow(() -> new Refused("Node: " + node + ", error: no gateway port antrea-gw0"));
    }

    private static String tableName(OvsSnapshot snapshot, int table) {
        return snapshot.tableNames().getOrDefault(table, Integer.toString(table));
    }

    private String nodeIp(Pod pod) {
        var node = client.nodes().withName(pod.getSpec().getNodeName()).get();
        if (node == null || node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return null;
        }
        return node.getStatus().getAddresses().stream()
                .filter(a -> "InternalIP".equals(a.getType()))
                .map(a -> a.getAddress())
                .findFirst()
                .orElse(null);
    }

    private Pod pod(String namespace, String name) {
        return namespace == null || name == null
                ? null
                : client.pods().inNamespace(namespace).withName(name).get();
    }

    private Optional<Pod> podWithIp(String ip) {
        return client.pods().inAnyNamespace().list().getItems().stream()
                .filter(p ->
                        p.getSpec() != null && !Boolean.TRUE.equals(p.getSpec().getHostNetwork()))
                .filter(p -> ipv4(p).map(ip::equals).orElse(false))
                .findFirst();
    }

    private static Optional<String> ipv4(Pod pod) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        List<String> ips = new ArrayList<>();
        if (pod.getStatus().getPodIPs() != null) {
            pod.getStatus().getPodIPs().stream().map(PodIP::getIp).forEach(ips::add);
        }
        if (pod.getStatus().getPodIP() != null) {
            ips.add(pod.getStatus().getPodIP());
        }
        return ips.stream()
                .filter(ip -> IpAddress.tryParse(ip).map(IpAddress::isV4).orElse(false))
                .findFirst();
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static Observations observation(String component, String info, String action) {
        Observations o = new Observations();
        o.setComponent(component);
        o.setComponentInfo(info);
        o.setAction(action);
        return o;
    }

    private static Results result(String node, long timestamp, List<Observations> observations) {
        Results r = new Results();
        r.setNode(node);
        r.setTimestamp(timestamp);
        r.setObservations(observations);
        return r;
    }
}
