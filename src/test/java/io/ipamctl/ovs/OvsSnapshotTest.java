package io.ipamctl.ovs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipamctl.commands.Golden;
import io.ipamctl.output.Ansi;
import io.ipamctl.output.OvsShowView;
import io.ipamctl.output.TableRenderer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OvsSnapshotTest {

    @Test
    void joinsInterfacesPortsAndBridgeOfTheSeedNode() {
        OvsSnapshot s = OvsSnapshot.parse(Fixtures.ovs("node-01-snapshot.json"));
        assertEquals("3.1.0", s.ovsVersion());
        assertEquals(List.of(new OvsSnapshot.OvsBridge("br-int", "netdev")), s.bridges());
        assertEquals(9, s.ports().size());
        OvsPortRow tun = s.ports().get(0);
        assertEquals("antrea-tun0", tun.port());
        assertEquals(1L, tun.ofport());
        assertEquals("geneve", tun.type());
        assertEquals("tunnel", tun.role());
        assertEquals(Map.of("csum", "true", "key", "flow", "remote_ip", "flow"), tun.options());
        OvsPortRow db = s.ports().stream()
                .filter(p -> "db-01".equals(p.podName()))
                .findFirst()
                .orElseThrow();
        assertEquals("db-01-94ac6c", db.port());
        assertEquals("ns-db/db-01", db.pod());
        assertEquals(List.of("172.16.20.48"), db.ips());
        assertEquals("02:e5:40:92:08:22", db.mac());
        assertEquals("up", db.state());
        assertEquals("Classifier", s.tableNames().get(3));
        assertEquals("Output", s.tableNames().get(37));
        assertEquals(38, s.tableNames().size());
    }

    @Test
    void seedTopologyTableOfBothNodes() {
        var view = new OvsShowView(List.of(
                new OvsShowView.NodeState(
                        "node-01",
                        "antrea-agent-bj42h",
                        OvsSnapshot.parse(Fixtures.ovs("node-01-snapshot.json")),
                        null,
                        null),
                new OvsShowView.NodeState(
                        "node-02",
                        "antrea-agent-j28lw",
                        OvsSnapshot.parse(Fixtures.ovs("node-02-snapshot.json")),
                        null,
                        null),
                new OvsShowView.NodeState(
                        "node-03", "antrea-agent-x", null, "ovs-vsctl failed on node node-03 (exit 1)", null)));
        var out = new java.io.StringWriter();
        new TableRenderer(false, true, Ansi.OFF).render(view.table(), new java.io.PrintWriter(out));
        Golden.assertMatches("ovs/show-seed.txt", out.toString());
    }

    /** One bridge with port p0: the Port row's and the Interface row's external_ids as given. */
    private static String onePort(String portIds, String interfaceIds) {
        return String.join(
                "\n",
                "{\"headings\":[\"_uuid\",\"name\",\"ofport\",\"type\",\"options\",\"external_ids\",\"mac_in_use\",\"link_state\","
                        + "\"admin_state\"],\"data\":[[[\"uuid\",\"i0\"],\"p0\",3,\"internal\",[\"map\",[]],[\"map\",["
                        + interfaceIds
                        + "]],\"02:00:00:00:00:99\",\"up\",\"up\"]]}",
                "{\"headings\":[\"_uuid\",\"name\",\"interfaces\",\"external_ids\"],\"data\":[[[\"uuid\",\"p0u\"],\"p0\","
                        + "[\"uuid\",\"i0\"],[\"map\",[" + portIds + "]]]]}",
                "{\"headings\":[\"_uuid\",\"name\",\"ports\",\"datapath_type\",\"flow_tables\"],\"data\":[[[\"uuid\",\"b\"],"
                        + "\"br-int\",[\"uuid\",\"p0u\"],\"netdev\",[\"map\",[]]]]}",
                "{\"headings\":[\"_uuid\",\"name\"],\"data\":[]}",
                "{\"headings\":[\"ovs_version\"],\"data\":[[\"3.1.0\"]]}");
    }

    @Test
    void antreasExternalIdsAreReadFromThePortRowAndFromTheInterfaceOnlyWhenThePortHasNone() {
        String pod =
                "[\"antrea-type\",\"container\"],[\"pod-name\",\"a\"],[\"pod-namespace\",\"ns\"],[\"ip-address\",\"10.0.0.5\"],"
                        + "[\"attached-mac\",\"02:00:00:00:00:05\"]";
        String other = "[\"antrea-type\",\"container\"],[\"pod-name\",\"b\"],[\"pod-namespace\",\"ns\"]";
        OvsPortRow onPort = OvsSnapshot.parse(onePort(pod, "")).ports().get(0);
        assertEquals(
                new OvsPortRow(
                        "br-int",
                        "p0",
                        3L,
                        "internal",
                        "container",
                        "ns",
                        "a",
                        List.of("10.0.0.5"),
                        "02:00:00:00:00:05",
                        "up",
                        Map.of()),
                onPort);
        assertEquals(onPort, OvsSnapshot.parse(onePort(pod, other)).ports().get(0), "the Port's win");
        assertEquals(
                onPort, OvsSnapshot.parse(onePort("", pod)).ports().get(0), "the Interface's when the Port has none");
        OvsPortRow none = OvsSnapshot.parse(onePort("", "")).ports().get(0);
        assertEquals(null, none.pod());
        assertEquals("02:00:00:00:00:99", none.mac(), "mac_in_use without attached-mac");
        // the real capture: cli/ovs-node writes them where Antrea does, the Interface rows have none
        assertEquals(
                0, Fixtures.ovs("node-01-snapshot.json").lines().toList().get(0).split("pod-name").length - 1);
    }

    @Test
    void rejectsWhatIsNotOvsdbJson() {
        var e = assertThrows(
                OvsParseException.class,
                () -> OvsSnapshot.parse("ovs-vsctl: unix:/run/db.sock: database connection failed"));
        assertEquals(true, e.getMessage().startsWith("ovs-vsctl output is not OVSDB JSON: "), e.getMessage());
        var few = assertThrows(
                OvsParseException.class, () -> OvsSnapshot.parse("{\"headings\":[\"name\"],\"data\":[[\"x\"]]}"));
        assertEquals(
                "expected 5 tables from ovs-vsctl (Interface, Port, Bridge, Flow_Table, Open_vSwitch), got 1",
                few.getMessage());
        var row = assertThrows(
                OvsParseException.class, () -> OvsdbTable.parseAll("{\"headings\":[\"a\",\"b\"],\"data\":[[\"x\"]]}"));
        assertEquals("ovs-vsctl JSON row has 1 cells for 2 columns", row.getMessage());
    }
}
