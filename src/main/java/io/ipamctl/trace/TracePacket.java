package io.ipamctl.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The packet to trace (or, for live traffic, to match): IP protocol, ports and TCP flags, as the
 * Traceflow spec takes them. A null field is left to Antrea (live traffic: any).
 *
 * @param protocol IP protocol number (1 ICMP, 6 TCP, 17 UDP, 132 SCTP, or any 0-255), null for any
 * @param tcpFlags TCP flag bits (FIN=1, SYN=2, RST=4, PSH=8, ACK=16, URG=32, ECE=64, CWR=128)
 */
public record TracePacket(Integer protocol, Integer srcPort, Integer dstPort, Integer tcpFlags) {

    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;
    public static final int SCTP = 132;

    /** TCP flag names in bit order. */
    public static final List<String> TCP_FLAG_NAMES = List.of("FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR");

    /** tcp, udp, sctp, icmp (any case) or a number 0-255; null when neither. */
    public static Integer protocolNumber(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp":
                return TCP;
            case "udp":
                return UDP;
            case "sctp":
                return SCTP;
            case "icmp":
                return ICMP;
            default:
                Integer n = smallNumber(text);
                return n != null && n <= 255 ? n : null;
        }
    }

    /** The protocols --protocol takes by name (any other is given by number), for completion and errors. */
    public static final class Protocols implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("tcp", "udp", "sctp", "icmp").iterator();
        }
    }

    /** A number 0-255, or flag names joined by commas (SYN,ACK); null when neither. */
    public static Integer tcpFlags(String text) {
        Integer n = smallNumber(text);
        if (n != null) {
            return n <= 255 ? n : null;
        }
        int bits = 0;
        for (String part : text.split(",", -1)) {
            int bit = TCP_FLAG_NAMES.indexOf(part.trim().toUpperCase(Locale.ROOT));
            if (bit < 0) {
                return null;
            }
            bits |= 1 << bit;
        }
        return bits;
    }

    private static Integer smallNumber(String text) {
        return text.matches("\\d{1,3}") ? Integer.valueOf(text) : null;
    }

    /** TCP, UDP and SCTP have ports. */
    public static boolean hasPorts(Integer protocol) {
        return is(protocol, TCP) || is(protocol, UDP) || is(protocol, SCTP);
    }

    /** ICMP of either family: Antrea's Traceflow sends an echo request of the packet's family for both. */
    public static boolean isIcmp(Integer protocol) {
        return is(protocol, ICMP) || is(protocol, ICMPV6);
    }

    /** Whether the protocol is this number (false for any). */
    public static boolean is(Integer protocol, int number) {
        return protocol != null && protocol == number;
    }

    /** tcp, udp, sctp, icmp, the number of another protocol, or "any". */
    public static String name(Integer protocol) {
        if (protocol == null) {
            return "any";
        }
        return switch (protocol) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case SCTP -> "sctp";
            case ICMP -> "icmp";
            default -> Integer.toString(protocol);
        };
    }

    /** Flag names of the bits, e.g. SYN,ACK; null for null. */
    public static String flagNames(Integer flags) {
        if (flags == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < TCP_FLAG_NAMES.size(); bit++) {
            if ((flags & (1 << bit)) != 0) {
                names.add(TCP_FLAG_NAMES.get(bit));
            }
        }
        return names.isEmpty() ? "none" : String.join(",", names);
    }

    public String protocolName() {
        return name(protocol);
    }
}
