package io.ipamctl.trace;

import java.time.Instant;

/**
 * A Traceflow ipamctl created and that still exists (kept with --keep, or left behind when deleting
 * it failed), as `trace list` shows it.
 *
 * @param phase       Antrea's phase (Running, Succeeded, Failed), null when Antrea never started it
 * @param source      the source Pod, namespace/name
 * @param destination namespace/name of a Pod, svc/namespace/name of a Service, or the IP
 * @param protocol    tcp, udp, icmp, a number, or any
 * @param created     when the API server stored it, null when it did not say
 */
public record TraceflowSummary(
        String name,
        String phase,
        String source,
        String destination,
        String protocol,
        boolean liveTraffic,
        Instant created) {}
