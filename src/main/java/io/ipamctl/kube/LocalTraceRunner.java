package io.ipamctl.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ovs.OvsParseException;
import io.ipamctl.ovs.OvsPortRow;
import io.ipamctl.ovs.OvsSnapshot;
import io.ipamctl.ovs.ProtoTrace;
import io.ipamctl.ovs.ProtoTraceParser;
import io.ipamctl.ovs.TraceFlow;
import io.ipamctl.trace.LocalTrace;
import io.ipamctl.trace.TracePacket;
import io.ipamctl.trace.TraceRequest;
import java.util.Optional;

/**
 * `trace --local`: no controller involved. Builds the ofproto/trace flow from the source Pod's
 * OVS port (port, MAC, IP) and runs it in the antrea-ovs container of the source Pod's node.
 * The destination MAC is the destination Pod's when it has a port on that node, else the gateway's.
 */
public final class LocalTraceRunner {

    private final KubernetesClient client;
    private final OvsReader ovs;
    private final AntreaAgents agents;

    public LocalTraceRunner(KubernetesClient client, OvsReader ovs, AntreaAgents agents) {
        this.client = client;
        this.ovs = ovs;
        this.agents = agents;
    }

    /** The destination is a Pod or an IP: a Service is resolved by Antrea's proxy, which only a Traceflow shows. */
    public LocalTrace run(TraceRequest request) {
        TraceRequest.Endpoint src = request.source();
        TraceEndpoints.Resolved endpoints = new TraceEndpoints(client).resolve(request);
        String node = endpoints.source().node();
        if (node == null) {
            throw IpamctlException.failed("source " + src.describe() + " is not scheduled on a node");
        }
        IpAddress dstIp = endpoints.addresses().destination();
        AntreaAgents.Lookup lookup = agents.forNode(node);
        if (!lookup.usable()) {
            throw IpamctlException.failed(lookup.problem());
        }
        OvsSnapshot snapshot = ovs.snapshot(lookup.agent());
        OvsPortRow port = snapshot.portsOf(src.namespace(), src.name()).stream()
                .findFirst()
                .orElseThrow(() -> IpamctlException.failed(
                        "source " + src.describe() + " has no OVS port on node " + node + " (is it an Antrea Pod?)"));
        OvsPortRow gateway = snapshot.ports().stream()
                .filter(p -> "gateway".equals(p.role()))
                .findFirst()
                .orElseThrow(
                        () -> IpamctlException.failed("node " + node + " has no Antrea gateway port (antrea-gw0)"));
        // the address OVS's SpoofGuard flows know the Pod by
        String srcIp = port.ips().stream()
                .filter(ip -> IpAddress.tryParse(ip)
                        .map(a -> a.family() == dstIp.family())
                        .orElse(false))
                .findFirst()
                .orElseThrow(() -> IpamctlException.failed(
                        "source " + src.describe() + " has no " + dstIp.family() + " address on its OVS port"));
        // as antctl trace-packet: a Pod of this node is reached by its own MAC, everything else through the gateway
        String dstMac = localPort(snapshot, request.destination(), dstIp)
                .map(OvsPortRow::mac)
                .orElse(gateway.mac());
        TracePacket p = request.packet();
        String flow = TraceFlow.of(
                port.port(),
                port.mac(),
                dstMac,
                srcIp,
                dstIp.toString(),
                !dstIp.isV4(),
                p.protocol(),
                p.srcPort(),
                p.dstPort(),
                p.tcpFlags());
        try {
            ProtoTrace trace = ProtoTraceParser.parse(ovs.trace(lookup.agent(), flow));
            return new LocalTrace(
                    node,
                    lookup.agent().name(),
                    flow,
                    trace,
                    snapshot,
                    request.destination().text());
        } catch (OvsParseException e) {
            throw IpamctlException.failed("node " + node + ": " + e.getMessage());
        }
    }

    /** The destination's port on this node: the Pod's own, or for an IP the port of the Pod that has it. */
    private static Optional<OvsPortRow> localPort(OvsSnapshot snapshot, TraceRequest.Endpoint dst, IpAddress dstIp) {
        return snapshot.ports().stream()
                .filter(p -> "container".equals(p.role()))
                .filter(p -> dst.kind() == TraceRequest.Kind.POD
                        ? dst.namespace().equals(p.podNamespace()) && dst.name().equals(p.podName())
                        : p.ips().stream()
                                .anyMatch(ip -> IpAddress.tryParse(ip)
                                        .map(dstIp::equals)
                                        .orElse(false)))
                .filter(p -> p.mac() != null)
                .findFirst();
    }
}
