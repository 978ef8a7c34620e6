package io.ipamctl.output;

import io.ipamctl.trace.TracePacket;
import io.ipamctl.trace.TraceRequest;
import io.ipamctl.trace.TraceResult;
import io.ipamctl.trace.TraceVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * `trace`: the path of an Antrea Traceflow, one row per observation grouped by node (sender
 * first), then the verdict; -o wide adds the time each node reported (dstMAC and ttl, which the
 * agents leave empty at Antrea 2.x, are in -o json/yaml only); -o json/yaml schema
 * {@code ipamctl/v1 TraceResult}.
 */
public final class TraceflowView implements Printable {

    /**
     * The -o json/yaml document (stable; fields that do not apply are left out).
     *
     * @param traceflow      the Traceflow's name; kept tells whether it still exists (--keep)
     * @param timeoutSeconds how long ipamctl waited at most
     * @param phase          Antrea's phase: Running, Succeeded or Failed (absent when never started)
     * @param reason         Antrea's reason when Failed
     * @param verdict        the answer; verdict.result is Delivered, ForwardedOutOfNetwork, Dropped, Rejected,
     *                       Failed, TimedOut or Incomplete
     * @param results        per node (sender first): node, timestamp (Unix seconds) and observations with
     *                       Antrea's field names (component, componentInfo, action, networkPolicy, ...)
     * @param capturedPacket live traffic only: the packet Antrea captured
     */
    public record Document(
            String apiVersion,
            String kind,
            String traceflow,
            boolean kept,
            Endpoint source,
            Endpoint destination,
            Packet packet,
            boolean liveTraffic,
            boolean droppedOnly,
            long timeoutSeconds,
            String phase,
            String reason,
            Verdict verdict,
            List<TraceResult.NodeResult> results,
            TraceResult.CapturedPacket capturedPacket) {}

    /** A source or destination: kind Pod, Service or IP; ip is the address traced to or from. */
    public record Endpoint(String kind, String namespace, String name, String ip) {}

    /** The traced packet: protocol tcp, udp, icmp, a number, or any (live traffic). */
    public record Packet(String protocol, Integer srcPort, Integer dstPort, Integer tcpFlags, String tcpFlagNames) {}

    /** The verdict; see {@link TraceVerdict}. */
    public record Verdict(
            String result,
            String text,
            String node,
            String component,
            String componentInfo,
            String networkPolicy,
            String networkPolicyRule,
            String target) {}

    private final TraceResult result;
    private final TraceVerdict verdict;

    public TraceflowView(TraceResult result) {
        this.result = result;
        this.verdict = result.verdict();
    }

    @Override
    public Table table() {
        Table t = Table.of(
                Column.text("NODE"),
                Column.text("COMPONENT"),
                Column.text("COMPONENT-INFO"),
                Column.text("ACTION"),
                Column.text("DETAIL"),
                Column.wide("TIME"));
        for (TraceResult.NodeResult n : result.results()) {
            String time = n.timestamp() == null
                    ? null
                    : Instant.ofEpochSecond(n.timestamp()).toString();
            for (TraceResult.Observation o : n.observations()) {
                t.row(
                        Cell.of(n.node()),
                        Cell.of(o.component()),
                        Cell.of(o.componentInfo()),
                        Cell.of(o.action(), actionStyle(o.action())),
                        Cell.of(detail(o)),
                        Cell.of(time));
            }
        }
        return t;
    }

    /** The observation's facts beyond component and action, in words. */
    static String detail(TraceResult.Observation o) {
        List<String> parts = new ArrayList<>();
        add(parts, "source IP ", o.srcPodIP());
        if (present(o.networkPolicy())) {
            parts.add("policy " + o.networkPolicy()
                    + (present(o.networkPolicyRule()) ? " rule " + o.networkPolicyRule() : ""));
        } else {
            add(parts, "rule ", o.networkPolicyRule());
        }
        if (present(o.translatedDstIP())) {
            parts.add("DNAT to " + o.translatedDstIP() + (present(o.pod()) ? " (" + o.pod() + ")" : ""));
        } else {
            add(parts, "pod ", o.pod());
        }
        add(parts, "SNAT to ", o.translatedSrcIP());
        add(parts, "tunnel to ", o.tunnelDstIP());
        add(parts, "Egress ", o.egress());
        add(parts, "egress IP ", o.egressIP());
        add(parts, "egress node ", o.egressNode());
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, String label, String value) {
        if (present(value)) {
            parts.add(label + value);
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    private static Cell.Style actionStyle(String action) {
        if (action == null) {
            return Cell.Style.PLAIN;
        }
        return switch (action) {
            case "Delivered", "ForwardedOutOfNetwork" -> Cell.Style.GOOD;
            case "Dropped", "Rejected" -> Cell.Style.BAD;
            default -> Cell.Style.PLAIN;
        };
    }

    /** The verdict line, and for live traffic the captured packet. */
    @Override
    public List<Cell> summary() {
        List<Cell> lines = new ArrayList<>();
        lines.add(Cell.of("Verdict: " + verdict.text(), verdictStyle(verdict.result())));
        TraceResult.CapturedPacket p = result.capturedPacket();
        if (p != null) {
            String protocol =
                    p.protocol() == null ? "" : TracePacket.name(p.protocol().intValue()) + " ";
            lines.add(Cell.of("Captured packet: " + protocol + endpoint(p.srcIP(), p.srcPort()) + " -> "
                    + endpoint(p.dstIP(), p.dstPort())
                    + (p.tcpFlags() == null
                            ? ""
                            : " flags " + TracePacket.flagNames(p.tcpFlags().intValue()))));
        }
        return lines;
    }

    private static String endpoint(String ip, Long port) {
        if (port == null) {
            return ip;
        }
        return (ip != null && ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    static Cell.Style verdictStyle(TraceVerdict.Result r) {
        return switch (r) {
            case DELIVERED, FORWARDED_OUT_OF_NETWORK -> Cell.Style.GOOD;
            case DROPPED, REJECTED, FAILED -> Cell.Style.BAD;
            case TIMED_OUT, INCOMPLETE -> Cell.Style.WARN;
        };
    }

    @Override
    public Object document() {
        TraceRequest req = result.request();
        TracePacket p = req.packet();
        return new Document(
                "ipamctl/v1",
                "TraceResult",
                result.traceflow(),
                result.kept(),
                endpoint(req.source(), result.sourceIp()),
                endpoint(req.destination(), result.destinationIp()),
                new Packet(
                        p.protocolName(), p.srcPort(), p.dstPort(), p.tcpFlags(), TracePacket.flagNames(p.tcpFlags())),
                req.live(),
                req.droppedOnly(),
                req.timeout().toSeconds(),
                result.phase(),
                result.reason(),
                new Verdict(
                        verdict.result().label(),
                        verdict.text(),
                        verdict.node(),
                        verdict.component(),
                        verdict.componentInfo(),
                        verdict.networkPolicy(),
                        verdict.networkPolicyRule(),
                        verdict.target()),
                result.results(),
                result.capturedPacket());
    }

    private static Endpoint endpoint(TraceRequest.Endpoint e, String ip) {
        return new Endpoint(e.kind().label(), e.namespace(), e.name(), ip);
    }

    @Override
    public List<String> names() {
        return List.of("traceflow/" + result.traceflow());
    }
}
