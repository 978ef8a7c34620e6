package io.ipamctl.ovs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OVS state of one node read from a single ovs-vsctl call:
 * {@link #COMMAND} lists Interface, Port, Bridge, Flow_Table and Open_vSwitch as JSON.
 * Antrea's agent keeps its external_ids (antrea-type, pod-name, ip-address, ...) on the Port row;
 * the Interface's are used only for a port whose Port row has none.
 */
public record OvsSnapshot(
        String ovsVersion, List<OvsBridge> bridges, List<OvsPortRow> ports, Map<Integer, String> tableNames) {

    /** A bridge and its datapath type (system, netdev). */
    public record OvsBridge(String name, String datapathType) {}

    /** argv for ovs-vsctl: one exec per node, machine-readable output. */
    public static final List<String> COMMAND = List.of(
            "ovs-vsctl",
            "--format=json",
            "--data=json",
            "--columns=_uuid,name,ofport,type,options,external_ids,mac_in_use,link_state,admin_state",
            "list",
            "Interface",
            "--",
            "--columns=_uuid,name,interfaces,external_ids",
            "list",
            "Port",
            "--",
            "--columns=_uuid,name,ports,datapath_type,flow_tables",
            "list",
            "Bridge",
            "--",
            "--columns=_uuid,name",
            "list",
            "Flow_Table",
            "--",
            "--columns=ovs_version",
            "list",
            "Open_vSwitch");

    /** ofport of the bridge's own internal port, which ovs-ofctl calls LOCAL. */
    public static final long LOCAL_PORT = 65534;

    private static final List<String> TABLES = List.of("Interface", "Port", "Bridge", "Flow_Table", "Open_vSwitch");

    /** The ports of one Pod (Antrea's pod-namespace and pod-name external_ids). */
    public List<OvsPortRow> portsOf(String namespace, String name) {
        return ports.stream().filter(p -> p.belongsTo(namespace, name)).toList();
    }

    public static OvsSnapshot parse(String output) {
        List<OvsdbTable> tables = OvsdbTable.parseAll(output);
        if (tables.size() != TABLES.size()) {
            throw new OvsParseException(
                    "expected 5 tables from ovs-vsctl (Interface, Port, Bridge, Flow_Table, Open_vSwitch), got "
                            + tables.size());
        }
        require(tables, 0, "_uuid", "name", "ofport", "type", "options", "external_ids", "mac_in_use", "link_state");
        require(tables, 1, "_uuid", "name", "interfaces", "external_ids");
        require(tables, 2, "_uuid", "name", "ports", "datapath_type", "flow_tables");
        require(tables, 3, "_uuid", "name");
        require(tables, 4, "ovs_version");
        Map<String, Map<String, Object>> flowTables = byUuid(tables.get(3));
        Map<Integer, String> tableNames = new TreeMap<>();
        Map<String, Map<String, Object>> interfaces = byUuid(tables.get(0));
        Map<String, Map<String, Object>> ports = byUuid(tables.get(1));
        List<OvsBridge> bridges = new ArrayList<>();
        List<OvsPortRow> rows = new ArrayList<>();
        for (Map<String, Object> b : tables.get(2).rows()) {
            String bridge = name(b, "Bridge");
            bridges.add(new OvsBridge(bridge, str(b.get("datapath_type"))));
            if ("br-int".equals(bridge)) {
                map(b.get("flow_tables"), "flow_tables").forEach((id, uuid) -> {
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
                        rows.add(row(bridge, p, i));
                    }
                }
            }
        }
        bridges.sort(Comparator.comparing(OvsBridge::name));
        rows.sort(Comparator.comparing(OvsPortRow::bridge)
                .thenComparing(r -> r.ofport() == null || r.ofport() < 0 ? Long.MAX_VALUE : r.ofport())
                .thenComparing(OvsPortRow::port));
        List<Map<String, Object>> ovs = tables.get(4).rows();
        String version = ovs.isEmpty() ? null : str(ovs.get(0).get("ovs_version"));
        return new OvsSnapshot(version, bridges, rows, tableNames);
    }

    private static OvsPortRow row(String bridge, Map<String, Object> port, Map<String, Object> i) {
        Map<String, String> ext = map(port.get("external_ids"), "external_ids");
        if (ext.isEmpty()) {
            ext = map(i.get("external_ids"), "external_ids");
        }
        String ips = ext.get("ip-address");
        List<String> ipList = ips == null || ips.isEmpty() ? List.of() : List.of(ips.split(","));
        String type = str(i.get("type"));
        Object ofport = i.get("ofport");
        String mac = ext.getOrDefault("attached-mac", str(i.get("mac_in_use")));
        return new OvsPortRow(
                bridge,
                name(port, "Port"),
                ofport instanceof Long l ? l : null,
                type == null || type.isEmpty() ? "system" : type,
                ext.get("antrea-type"),
                ext.get("pod-namespace"),
                ext.get("pod-name"),
                ipList,
                mac,
                str(i.get("link_state")),
                map(i.get("options"), "options"));
    }

    private static void require(List<OvsdbTable> tables, int index, String... columns) {
        for (String c : columns) {
            if (!tables.get(index).headings().contains(c)) {
                throw new OvsParseException("ovs-vsctl JSON of table " + TABLES.get(index) + " lacks column " + c);
            }
        }
    }

    private static Map<String, Map<String, Object>> byUuid(OvsdbTable t) {
        Map<String, Map<String, Object>> m = new HashMap<>();
        for (Map<String, Object> r : t.rows()) {
            m.put(str(r.get("_uuid")), r);
        }
        return m;
    }

    private static String name(Map<String, Object> row, String table) {
        String name = str(row.get("name"));
        if (name == null) {
            throw new OvsParseException("ovs-vsctl JSON: a " + table + " row has no name");
        }
        return name;
    }

    /** A set of uuids: OVSDB writes a one-element set as the bare atom. */
    private static List<String> uuids(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    throw new OvsParseException("ovs-vsctl JSON: " + o + " is not a uuid");
                }
                out.add(s);
            }
            return out;
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        throw new OvsParseException("ovs-vsctl JSON: " + v + " is not a uuid");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> map(Object v, String column) {
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, String>) m;
        }
        throw new OvsParseException("ovs-vsctl JSON: column " + column + " is not a map: " + v);
    }

    private static String str(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l) {
            return l.isEmpty() ? null : String.valueOf(l.get(0));
        }
        if (v instanceof Map<?, ?>) {
            throw new OvsParseException("ovs-vsctl JSON: a map where a value was expected: " + v);
        }
        return v.toString();
    }
}
