package io.ipamctl.trace;

import java.util.List;

/**
 * What a Traceflow reported, in Antrea's own terms (observation fields keep Antrea's names), with
 * the request it answers and how the wait ended.
 *
 * @param sourceIp      the source Pod's address
 * @param destinationIp the destination Pod's address, the Service's cluster IP, or the IP
 * @param traceflow     the Traceflow's name
 * @param kept          the Traceflow was left in place (--keep)
 * @param phase         Antrea's phase (Running, Succeeded, Failed), null when Antrea never started it
 * @param reason        Antrea's reason for Failed
 * @param end           how the wait ended
 * @param results       one entry per Node that saw the packet, the sender first
 */
public record TraceResult(
        TraceRequest request,
        String sourceIp,
        String destinationIp,
        String traceflow,
        boolean kept,
        String phase,
        String reason,
        End end,
        List<NodeResult> results,
        CapturedPacket capturedPacket) {

    /** How waiting for the Traceflow ended. */
    public enum End {
        /** Antrea set Succeeded or Failed. */
        FINISHED,
        /** --timeout passed first. */
        TIMED_OUT,
        /** The Traceflow disappeared (deleted by someone else) before it finished. */
        DELETED
    }

    public TraceResult {
        results = List.copyOf(results);
    }

    /** What one Node's agent saw, in the order it saw it. */
    public record NodeResult(String node, String role, Long timestamp, List<Observation> observations) {
        public NodeResult {
            observations = List.copyOf(observations);
        }
    }

    /** One observation point, field for field as in the Traceflow status. */
    public record Observation(
            String component,
            String componentInfo,
            String action,
            String pod,
            String dstMAC,
            String networkPolicy,
            String networkPolicyRule,
            String egress,
            Long ttl,
            String translatedSrcIP,
            String translatedDstIP,
            String tunnelDstIP,
            String egressIP,
            String egressNode,
            String srcPodIP) {

        /** An observation with just the three fields every one has (the rest null). */
        public static Observation of(String component, String componentInfo, String action) {
            return new Observation(
                    component,
                    componentInfo,
                    action,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
    }

    /** The packet a live-traffic Traceflow captured. */
    public record CapturedPacket(
            String srcIP, String dstIP, Long length, Long protocol, Long srcPort, Long dstPort, Long tcpFlags) {}

    public TraceVerdict verdict() {
        return TraceVerdict.of(this);
    }
}
