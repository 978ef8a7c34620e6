package io.ipamctl.commands.trace;

import io.ipamctl.DnsNames;
import io.ipamctl.SafeText;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.kube.PodRef;
import io.ipamctl.trace.TracePacket;
import io.ipamctl.trace.TraceRequest;
import io.ipamctl.trace.TraceRequest.Endpoint;
import java.time.Duration;
import java.util.List;

/**
 * The words and options of `trace` checked without a server, each problem one line that names the
 * option to change. Adds a problem and returns null when a value is invalid.
 */
final class TraceArguments {

    private TraceArguments() {}

    /** SRC: NAMESPACE/POD or POD (namespace from -n later). */
    static Endpoint source(String text, List<String> problems) {
        if (IpAddress.looksLikeOne(text)) {
            problems.add("invalid source \"" + SafeText.printable(text)
                    + "\": a trace starts at a Pod (NAMESPACE/POD, or POD" + " with -n), not at an address");
            return null;
        }
        var pod = PodRef.parse(text);
        if (pod.isPresent()) {
            return Endpoint.pod(pod.get().namespace(), pod.get().name());
        }
        problems.add("invalid source \"" + SafeText.printable(text) + "\": use NAMESPACE/POD, or POD with -n");
        return null;
    }

    /** DST: an IP address, svc/NAMESPACE/SERVICE, NAMESPACE/POD or POD (in the source's namespace). */
    static Endpoint destination(String text, List<String> problems) {
        var ip = IpAddress.tryParse(text);
        if (ip.isPresent()) {
            return Endpoint.ip(ip.get().toString());
        }
        if (IpAddress.looksLikeOne(text)) {
            problems.add("destination \"" + SafeText.printable(text) + "\" is not a valid IP address");
            return null;
        }
        String[] parts = text.split("/", -1);
        if (parts.length == 2 && IpAddress.tryParse(parts[0]).isPresent()) {
            problems.add("destination \"" + SafeText.printable(text) + "\" is a CIDR: trace to one IP address");
            return null;
        }
        if (parts.length == 3 && "svc".equals(parts[0]) && DnsNames.isLabel(parts[1]) && DnsNames.isLabel(parts[2])) {
            return Endpoint.service(parts[1], parts[2]);
        }
        var pod = PodRef.parse(text);
        if (pod.isPresent()) {
            return Endpoint.pod(pod.get().namespace(), pod.get().name());
        }
        problems.add("invalid destination \"" + SafeText.printable(text)
                + "\": use NAMESPACE/POD, POD, an IP address, or svc/NAMESPACE/SERVICE");
        return null;
    }

    /**
     * --protocol, --src-port, --dst-port, --tcp-flags. Without --protocol the protocol is TCP when
     * ports or TCP flags are given, else ICMP (any protocol for live traffic).
     */
    static TracePacket packet(
            String protocolText,
            Integer srcPort,
            Integer dstPort,
            String tcpFlagsText,
            boolean live,
            List<String> problems) {
        Integer protocol;
        if (protocolText == null) {
            protocol = srcPort != null || dstPort != null || tcpFlagsText != null
                    ? Integer.valueOf(TracePacket.TCP)
                    : live ? null : Integer.valueOf(TracePacket.ICMP);
        } else {
            protocol = TracePacket.protocolNumber(protocolText);
            if (protocol == null) {
                problems.add("unknown protocol \"" + SafeText.printable(protocolText)
                        + "\": use tcp, udp, sctp, icmp or a protocol number from 0 to 255");
                return null;
            }
        }
        int before = problems.size();
        checkPort("--src-port", srcPort, protocol, problems);
        checkPort("--dst-port", dstPort, protocol, problems);
        Integer flags = null;
        if (tcpFlagsText != null) {
            if (!TracePacket.is(protocol, TracePacket.TCP)) {
                problems.add("--tcp-flags works only with --protocol tcp, not " + TracePacket.name(protocol));
            } else {
                flags = TracePacket.tcpFlags(tcpFlagsText);
                if (flags == null) {
                    problems.add("invalid argument \"" + SafeText.printable(tcpFlagsText)
                            + "\" for \"--tcp-flags\": expected " + io.ipamctl.commands.ValueForms.TcpFlags.EXPECTED);
                }
            }
        }
        return problems.size() > before ? null : new TracePacket(protocol, srcPort, dstPort, flags);
    }

    private static void checkPort(String option, Integer port, Integer protocol, List<String> problems) {
        if (port == null) {
            return;
        }
        if (!TracePacket.hasPorts(protocol)) {
            problems.add(option + " works only with --protocol tcp, udp or sctp, not " + TracePacket.name(protocol));
        } else if (port < 1 || port > 65535) {
            problems.add(option + " must be a port number from 1 to 65535, got " + port);
        }
    }

    /**
     * What an Antrea Traceflow cannot carry (only --local can): SCTP ports, since its packet has
     * transport headers for TCP, UDP and ICMP only; protocol 0, which Antrea reads as ICMP (as any
     * protocol for live traffic).
     */
    static void checkTraceflowPacket(TracePacket packet, List<String> problems) {
        if (packet == null) {
            return;
        }
        if (TracePacket.is(packet.protocol(), TracePacket.SCTP)
                && (packet.srcPort() != null || packet.dstPort() != null)) {
            problems.add(
                    "Antrea's Traceflow has no SCTP ports (only TCP and UDP); drop the port, or trace on the node with --local");
        }
        if (TracePacket.is(packet.protocol(), 0)) {
            problems.add(
                    "--protocol 0 cannot be traced with a Traceflow: Antrea reads it as ICMP (as any protocol with --live);"
                            + " use --local");
        }
    }

    /** --timeout: more than nothing, at most antctl's 12 hours. */
    static void checkTimeout(Duration timeout, List<String> problems) {
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(TraceRequest.MAX_TIMEOUT) > 0) {
            problems.add("--timeout must be from 1s to 12h");
        }
    }
}
