package io.ipamctl.ovs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The OVS state of one node read from a single ovs-vsctl call:
 * {@link #COMMAND} lists Interface, Port, Bridge and Open_vSwitch as JSON.
 */
public record OvsSnapshot(String ovsVersion, List<OvsBridge> bridges, List<OvsPortRow> ports) {

    /** A bridge and its datapath type (system, netdev). */
    public record OvsBridge(String name, String datapathType) {
    }

    /** argv for ovs-vsctl: one exec per node, machine-readable output. */
    public static final List<String> COMMAND = List.of("ovs-vsctl", "--format=json", "--data=json",
            "--columns=_uuid,name,ofport,type,options,external_ids,mac_in_use,link_state,admin_state", "list", "Interface",
            "--", "--columns=_uuid,name,interfaces", "list", "Port",
            "--", "--columns=_uuid,name,ports,datapath_type", "list", "Bridge",
            "--", "--columns=ovs_version", "list", "Open_vSwitch");

    public static OvsSnapshot parse(String output) {
        List<OvsdbTable> tables = OvsdbTable.parseAll(output);
        if (tables.size() != 4) {
            throw new OvsParseException("expected 4 tables from ovs-vsctl (Interface, Port, Bridge, Open_vSwitch), got " + tables.size());
        }
        Map<String, Map<String, Object>> interfaces = byUuid(tables.get(0));
        Map<String, Map<String, Object>> ports = byUuid(tables.get(1));
        List<OvsBridge> bridges = new ArrayList<>();
        List<OvsPortRow> rows = new ArrayList<>();
        for (Map<String, Object> b : tables.get(2).rows()) {
            String bridge = str(b.get("name"));
            bridges.add(new OvsBridge(bridge, str(b.get("datapath_type"))));
            for (String portUuid : uuids(b.get("ports"))) {
                Map<String, Object> p = ports.get(portUuid);
                if (p == null) {
                    continue;
                }
                for (String ifUuid : uuids(p.get("interfaces"))) {
                    Map<String, Object> i = interfaces.get(ifUuid);
                    if (i != null) {
                        rows.add(row(bridge, str(p.get("name")), i));
                    }
                }
            }
        }
        bridges.sort(Comparator.comparing(OvsBridge::name));
        rows.sort(Comparator.comparing(OvsPortRow::bridge)
                .thenComparing(r -> r.ofport() == null || r.ofport() < 0 ? Long.MAX_VALUE : r.ofport())
                .thenComparing(OvsPortRow::port));
        String version = tables.get(3).rows().isEmpty() ? null : str(tables.get(3).rows().get(0).get("ovs_version"));
        return new OvsSnapshot(version, bridges, rows);
    }

    private static OvsPortRow row(String bridge, String port, Map<String, Object> i) {
        Map<String, String> ext = map(i.get("external_ids"));
        String ips = ext.get("ip-address");
        List<String> ipList = ips == null || ips.isEmpty() ? List.of() : List.of(ips.split(","));
        String type = str(i.get("type"));
        Object ofport = i.get("ofport");
        String mac = ext.getOrDefault("attached-mac", str(i.get("mac_in_use")));
        return new OvsPortRow(bridge, port, ofport instanceof Long l ? l : null, type == null || type.isEmpty() ? "system" : type,
                ext.get("antrea-type"), ext.get("pod-namespace"), ext.get("pod-name"), ipList, mac,
                str(i.get("link_state")), map(i.get("options")));
    }

    private static Map<String, Map<String, Object>> byUuid(OvsdbTable t) {
        Map<String, Map<String, Object>> m = new HashMap<>();
        for (Map<String, Object> r : t.rows()) {
            m.put(str(r.get("_uuid")), r);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<String> uuids(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return (List<String>) l;
        }
        return List.of(v.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> map(Object v) {
        return v instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    private static String str(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l) {
            return l.isEmpty() ? null : l.get(0).toString();
        }
        return v.toString();
    }
}
