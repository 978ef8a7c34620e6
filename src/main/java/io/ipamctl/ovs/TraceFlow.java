package io.ipamctl.ovs;

/**
 * The flow string for `ofproto/trace`: a packet leaving the source Pod's OVS port, as the Pod's own
 * stack would send it. All values are validated before they get here (IPs parsed, ports numeric,
 * port names from OVS); the string is one argv element, never a shell line.
 *
 * Ports and ICMP fields are written with the protocol's own field names (udp_dst, sctp_src,
 * icmpv6_type, ...): OVS refuses the generic tp_dst for UDP ("prerequisites not met for setting tp_dst").
 */
public final class TraceFlow {

    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;
    public static final int SCTP = 132;

    private TraceFlow() {}

    /**
     * @param protocol IP protocol number, or null for ICMP (an echo request); ICMP and ICMPv6 follow
     *                 the family, as Antrea's Traceflow turns one into the other
     * @param srcPort  TCP, UDP or SCTP source port, or null
     * @param dstPort  TCP, UDP or SCTP destination port, or null
     * @param tcpFlags TCP flag bits, or null
     */
    public static String of(
            String inPort,
            String srcMac,
            String dstMac,
            String srcIp,
            String dstIp,
            boolean ipv6,
            Integer protocol,
            Integer srcPort,
            Integer dstPort,
            Integer tcpFlags) {
        int proto = protocol == null || protocol == ICMP || protocol == ICMPV6 ? (ipv6 ? ICMPV6 : ICMP) : protocol;
        String six = ipv6 ? "6" : "";
        String transport = switch (proto) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case SCTP -> "sctp";
            case ICMP -> "icmp";
            case ICMPV6 -> "icmpv6";
            default -> null;
        };
        StringBuilder sb = new StringBuilder("in_port=").append(inPort).append(',');
        if (transport == null) {
            sb.append(ipv6 ? "ipv6" : "ip").append(",nw_proto=").append(proto);
        } else {
            sb.append(proto == ICMPV6 ? "icmp6" : transport + six);
        }
        sb.append(",dl_src=").append(srcMac).append(",dl_dst=").append(dstMac);
        sb.append(ipv6 ? ",ipv6_src=" : ",nw_src=").append(srcIp);
        sb.append(ipv6 ? ",ipv6_dst=" : ",nw_dst=").append(dstIp);
        sb.append(",nw_ttl=64");
        if (proto == TCP || proto == UDP || proto == SCTP) {
            if (srcPort != null) {
                sb.append(',').append(transport).append("_src=").append(srcPort);
            }
            if (dstPort != null) {
                sb.append(',').append(transport).append("_dst=").append(dstPort);
            }
        }
        if (proto == TCP && tcpFlags != null) {
            sb.append(",tcp_flags=0x").append(Integer.toHexString(tcpFlags));
        }
        if (proto == ICMP) {
            sb.append(",icmp_type=8,icmp_code=0"); // echo request, as Antrea's Traceflow sends
        } else if (proto == ICMPV6) {
            sb.append(",icmpv6_type=128,icmpv6_code=0");
        }
        return sb.toString();
    }
}
