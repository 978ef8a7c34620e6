package io.ipamctl.ovs;

import java.util.List;
import java.util.Map;

/**
 * One port of a bridge as an admin wants to see it: which Pod it belongs to (Antrea's external_ids),
 * with which addresses, and whether it is up.
 *
 * @param type   OVS interface type: geneve, internal, system ("" means system), ...
 * @param role   Antrea's antrea-type external id: container, gateway, tunnel, uplink, ...
 * @param state  "up" / "down" from link_state, or null when OVS does not know
 */
public record OvsPortRow(
        String bridge,
        String port,
        Long ofport,
        String type,
        String role,
        String podNamespace,
        String podName,
        List<String> ips,
        String mac,
        String state,
        Map<String, String> options) {

    /** Whether this is the port of that Pod. */
    public boolean belongsTo(String namespace, String name) {
        return podName != null && podName.equals(name) && podNamespace != null && podNamespace.equals(namespace);
    }

    public String pod() {
        return podName == null ? null : podNamespace + "/" + podName;
    }
}
