package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ipamctl.SafeText;

/**
 * The packet to trace (or, for live traffic, to match): IP protocol, ports and TCP flags, as the
 * Traceflow spec takes them. A null field is left to Antrea (live traffic: any).
 *
 * @param protocol IP protocol number (1 ICMP, 6 TCP, 17 UDP, or any 0-255), null for any
 * @param tcpFlags TCP flag bits (FIN=1, SYN=2, RST=4, PSH=8, ACK=16, URG=32, ECE=64, CWR=128)
 */
public record TracePacket(Integer protocol, Integer srcPort, Integer dstPort, Integer tcpFlags) {

    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;

    /** TCP flag names in bit order. */
    static final List<String> TCP_FLAG_NAMES = List.of("FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR");

    /**
     * Checks the packet options; every problem is added as one line. Without --protocol the protocol
     * is TCP when ports or TCP flags are given, else ICMP (any protocol for live traffic).
     */
    public static TracePacket parse(String protocolText, Integer srcPort, Integer dstPort, String tcpFlagsText,
                                    boolean live, List<String> problems) {
        Integer protocol;
        if (protocolText == null) {
            protocol = srcPort != null || dstPort != null || tcpFlagsText != null ? Integer.valueOf(TCP)
                    : live ? null : Integer.valueOf(ICMP);
        } else {
            protocol = protocolNumber(protocolText);
            if (protocol == null) {
                problems.add("unknown protocol \"" + SafeText.printable(protocolText)
                        + "\": use tcp, udp, icmp or a protocol number from 0 to 255");
                return null;
            }
        }
        int before = problems.size();
        checkPort("--src-port", srcPort, protocol, problems);
        checkPort("--dst-port", dstPort, protocol, problems);
        Integer flags = null;
        if (tcpFlagsText != null) {
            if (!is(protocol, TCP)) {
                problems.add("--tcp-flags works only with --protocol tcp, not " + name(protocol));
            } else {
                flags = tcpFlags(tcpFlagsText);
                if (flags == null) {
                    problems.add("invalid --tcp-flags \"" + SafeText.printable(tcpFlagsText) + "\": use a number from 0 to 255"
                            + " or names from " + String.join(",", TCP_FLAG_NAMES) + " (e.g. SYN,ACK)");
                }
            }
        }
        return problems.size() > before ? null : new TracePacket(protocol, srcPort, dstPort, flags);
    }

    private static void checkPort(String option, Integer port, Integer protocol, List<String> problems) {
        if (port == null) {
            return;
        }
        if (!is(protocol, TCP) && !is(protocol, UDP)) {
            problems.add(option + " works only with --protocol tcp or udp, not " + name(protocol));
        } else if (port < 1 || port > 65535) {
            problems.add(option + " must be a port number from 1 to 65535, got " + port);
        }
    }

    private static boolean is(Integer protocol, int number) {
        return protocol != null && protocol == number;
    }

    /** tcp, udp, icmp (any case) or a number 0-255; null when neither. */
    static Integer protocolNumber(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp":
                return TCP;
            case "udp":
                return UDP;
            case "icmp":
                return ICMP;
            default:
                Integer n = smallNumber(text);
                return n != null && n <= 255 ? n : null;
        }
    }

    /** A number 0-255, or flag names joined by commas (SYN,ACK); null when neither. */
    static Integer tcpFlags(String text) {
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

    /** The protocols named by --protocol (any other is given by number), for completion. */
    public static final class Protocols implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.stream.Stream.of(TCP, UDP, ICMP).map(TracePacket::name).iterator();
        }
    }

    /** tcp, udp, icmp, the number of another protocol, or "any". */
    public static String name(Integer protocol) {
        if (protocol == null) {
            return "any";
        }
        return switch (protocol) {
            case TCP -> "tcp";
            case UDP -> "udp";
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
