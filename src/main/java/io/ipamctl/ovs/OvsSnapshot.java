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
public record OvsSnapshot(String ovsVersion, List<OvsBridge> bridges, List<OvsPortRow> ports,
                          Map<Integer, String> tableNames) {

    /** A bridge and its datapath type (system, netdev). */
    public record OvsBridge(String name, String datapathType) {
    }

    /** argv for ovs-vsctl: one exec per node, machine-readable output. */
    public static final List<String> COMMAND = List.of("ovs-vsctl", "--format=json", "--data=json",
            "--columns=_uuid,name,ofport,type,options,external_ids,mac_in_use,link_state,admin_state", "list", "Interface",
            "--", "--columns=_uuid,name,interfaces", "list", "Port",
            "--", "--columns=_uuid,name,ports,datapath_type,flow_tables", "list", "Bridge",
            "--", "--columns=_uuid,name", "list", "Flow_Table",
            "--", "--columns=ovs_version", "list", "Open_vSwitch");

    /** ofport of the bridge's own internal port, which ovs-ofctl calls LOCAL. */
    public static final long LOCAL_PORT = 65534;

    public static OvsSnapshot parse(String output) {
        List<OvsdbTable> tables = OvsdbTable.parseAll(output);
        if (tables.size() != 5) {
            throw new OvsParseException("expected 5 tables from ovs-vsctl (Interface, Port, Bridge, Flow_Table, Open_vSwitch), got "
                    + tables.size());
        }
        Map<String, Map<String, Object>> flowTables = byUuid(tables.get(3));
        Map<Integer, String> tableNames = new java.util.TreeMap<>();
        Map<String, Map<String, Object>> interfaces = byUuid(tables.get(0));
        Map<String, Map<String, Object>> ports = byUuid(tables.get(1));
        List<OvsBridge> bridges = new ArrayList<>();
        List<OvsPortRow> rows = new ArrayList<>();
        for (Map<String, Object> b : tables.get(2).rows()) {
            String bridge = str(b.get("name"));
            bridges.add(new OvsBridge(bridge, str(b.get("datapath_type"))));
            if ("br-int".equals(bridge)) {
                map(b.get("flow_tables")).forEach((id, uuid) -> {
                    Map<String, Object> ft = flowTables.get(uuid);
                    if (ft != null && ft.get("name") != null && id.matches("\\d{1,3}")) {
                        tableNames.put(Integer.parseInt(id), str(ft.get("name")));
                    }
                });
            }
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
        String version = tables.get(4).rows().isEmpty() ? null : str(tables.get(4).rows().get(0).get("ovs_version"));
        return new OvsSnapshot(version, bridges, rows, tableNames);
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
