package io.ipamctl.trace;

import java.time.Duration;

/**
 * The one-line answer of a trace: where the packet ended, or why there is no answer.
 *
 * @param node    where the deciding observation was made
 * @param target  for Delivered: the Pod (ns/name) or address that received the packet
 */
public record TraceVerdict(
        Result result,
        String text,
        String node,
        String component,
        String componentInfo,
        String networkPolicy,
        String networkPolicyRule,
        String target) {

    /** The kinds of answer; {@link #label()} is the stable name in -o json/yaml. */
    public enum Result {
        DELIVERED("Delivered"),
        FORWARDED_OUT_OF_NETWORK("ForwardedOutOfNetwork"),
        DROPPED("Dropped"),
        REJECTED("Rejected"),
        FAILED("Failed"),
        TIMED_OUT("TimedOut"),
        INCOMPLETE("Incomplete");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static TraceVerdict of(TraceResult r) {
        switch (r.end()) {
            case TIMED_OUT:
                return simple(
                        Result.TIMED_OUT,
                        "Timed out after " + text(r.request().timeout()) + " waiting for Antrea"
                                + (r.phase() == null || r.phase().isEmpty()
                                        ? " (the Traceflow was never started: is antrea-controller running?)"
                                        : " (phase " + r.phase() + ")"));
            case DELETED:
                return simple(Result.FAILED, "Failed: the Traceflow was deleted before it finished");
            default:
                break;
        }
        if ("Failed".equals(r.phase())) {
            return simple(
                    Result.FAILED,
                    "Failed: " + (r.reason() == null || r.reason().isEmpty() ? "no reason given" : r.reason()));
        }
        TraceVerdict v = find(r, "Dropped", Result.DROPPED);
        if (v == null) {
            v = find(r, "Rejected", Result.REJECTED);
        }
        if (v == null) {
            v = find(r, "Delivered", Result.DELIVERED);
        }
        if (v == null) {
            v = find(r, "ForwardedOutOfNetwork", Result.FORWARDED_OUT_OF_NETWORK);
        }
        return v != null
                ? v
                : simple(
                        Result.INCOMPLETE,
                        "Incomplete: phase " + r.phase()
                                + " without a final observation (Delivered, Dropped, Rejected or ForwardedOutOfNetwork)");
    }

    private static TraceVerdict find(TraceResult r, String action, Result result) {
        for (TraceResult.NodeResult n : r.results()) {
            for (TraceResult.Observation o : n.observations()) {
                if (action.equals(o.action())) {
                    return build(r, n.node(), o, result);
                }
            }
        }
        return null;
    }

    private static TraceVerdict build(TraceResult r, String node, TraceResult.Observation o, Result result) {
        String where = node == null ? "" : " on " + node;
        return switch (result) {
            case DELIVERED -> {
                String target = deliveredTo(r);
                yield new TraceVerdict(
                        result, "Delivered to " + target, node, o.component(), o.componentInfo(), null, null, target);
            }
            case FORWARDED_OUT_OF_NETWORK ->
                new TraceVerdict(
                        result,
                        "Forwarded out of the cluster" + where,
                        node,
                        o.component(),
                        o.componentInfo(),
                        null,
                        null,
                        null);
            default ->
                new TraceVerdict(
                        result,
                        (result == Result.DROPPED ? "Dropped by " : "Rejected by ") + o.component() + cause(o) + where,
                        node,
                        o.component(),
                        o.componentInfo(),
                        o.networkPolicy(),
                        o.networkPolicyRule(),
                        null);
        };
    }

    /** The policy and rule when Antrea named them, else the table that decided. */
    private static String cause(TraceResult.Observation o) {
        if (o.networkPolicy() != null && !o.networkPolicy().isEmpty()) {
            return " " + o.networkPolicy()
                    + (o.networkPolicyRule() == null || o.networkPolicyRule().isEmpty()
                            ? ""
                            : " rule " + o.networkPolicyRule());
        }
        return o.componentInfo() == null || o.componentInfo().isEmpty() ? "" : " (" + o.componentInfo() + ")";
    }

    /** The destination Pod; for a Service the endpoint Antrea chose (its Pod when known); else the IP. */
    private static String deliveredTo(TraceResult r) {
        TraceRequest.Endpoint dst = r.request().destination();
        if (dst.kind() == TraceRequest.Kind.POD) {
            return dst.text();
        }
        for (TraceResult.NodeResult n : r.results()) {
            for (TraceResult.Observation o : n.observations()) {
                if (o.translatedDstIP() != null && !o.translatedDstIP().isEmpty()) {
                    return o.pod() != null && !o.pod().isEmpty() ? o.pod() : o.translatedDstIP();
                }
            }
        }
        return dst.kind() == TraceRequest.Kind.SERVICE ? "Service " + dst.text() : dst.ip();
    }

    private static TraceVerdict simple(Result result, String text) {
        return new TraceVerdict(result, text, null, null, null, null, null, null);
    }

    /** 20s, 1m30s, 12h: the way the duration was most likely typed. */
    public static String text(Duration d) {
        if (d.toMillisPart() != 0 || d.isZero()) {
            return d.toMillis() + "ms";
        }
        StringBuilder sb = new StringBuilder();
        if (d.toHours() > 0) {
            sb.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            sb.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            sb.append(d.toSecondsPart()).append('s');
        }
        return sb.toString();
    }
}
