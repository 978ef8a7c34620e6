package io.ipamctl.trace;

import io.ipamctl.ovs.OvsSnapshot;
import io.ipamctl.ovs.ProtoTrace;

/**
 * What `ofproto/trace` found on the source Pod's node, with the port and table names needed to read it.
 *
 * @param agent       the Antrea agent Pod whose antrea-ovs container ran the trace
 * @param flow        the flow that was traced, as OVS took it
 * @param destination the destination as the user named it (ns/name or the IP)
 */
public record LocalTrace(
        String node, String agent, String flow, ProtoTrace trace, OvsSnapshot snapshot, String destination) {}
