package io.ipamctl.ovs;

/**
 * The flow string for `ofproto/trace`: a packet leaving the source Pod's OVS port towards the
 * gateway MAC, as the Pod's own stack would send it. All values are validated before they get here
 * (IPs parsed, ports numeric, port names from OVS); the string is one argv element, never a shell line.
 */
public final class TraceFlow {

    private TraceFlow() {
    }

    /**
     * @param protocol IP protocol number (1 icmp, 6 tcp, 17 udp, 58 icmpv6) or null for icmp
     */
    public static String of(String inPort, String srcMac, String dstMac, String srcIp, String dstIp, boolean ipv6,
                            Integer protocol, Integer srcPort, Integer dstPort, Integer tcpFlags) {
        int proto = protocol == null ? (ipv6 ? 58 : 1) : protocol;
        StringBuilder sb = new StringBuilder("in_port=").append(inPort);
        sb.append(',').append(switch (proto) {
            case 6 -> ipv6 ? "tcp6" : "tcp";
            case 17 -> ipv6 ? "udp6" : "udp";
            case 1, 58 -> ipv6 ? "icmp6" : "icmp";
            default -> (ipv6 ? "ipv6,nw_proto=" : "ip,nw_proto=") + proto;
        });
        sb.append(",dl_src=").append(srcMac).append(",dl_dst=").append(dstMac);
        sb.append(ipv6 ? ",ipv6_src=" : ",nw_src=").append(srcIp);
        sb.append(ipv6 ? ",ipv6_dst=" : ",nw_dst=").append(dstIp);
        sb.append(",nw_ttl=64");
        if (proto == 6 || proto == 17) {
            if (srcPort != null) {
                sb.append(",tp_src=").append(srcPort);
            }
            if (dstPort != null) {
                sb.append(",tp_dst=").append(dstPort);
            }
        }
        if (proto == 6 && tcpFlags != null) {
            sb.append(",tcp_flags=0x").append(Integer.toHexString(tcpFlags));
        }
        if (proto == 1) {
            sb.append(",icmp_type=8,icmp_code=0");
        }
        return sb.toString();
    }
}
