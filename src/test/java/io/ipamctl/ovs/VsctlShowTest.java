package io.ipamctl.ovs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** `ovs show --pod NS/POD -o raw`: ovs-vsctl show cut to the Pod's port. */
class VsctlShowTest {

    @Test
    void onePortWithItsBridgesSettingsAndTheSwitchsLines() {
        assertEquals("""
                5cf53146-8649-46c8-8aa0-5605c040ce34
                    Bridge br-int
                        fail_mode: secure
                        datapath_type: netdev
                        Port frontend-995823
                            Interface frontend-995823
                                type: internal
                    ovs_version: "3.1.0"
                """, VsctlShow.onlyPorts(Fixtures.ovs("node-01-vsctl-show.txt"), Set.of("frontend-995823")));
    }

    @Test
    void aPortWithOptionsKeepsThemAll() {
        assertEquals("""
                5cf53146-8649-46c8-8aa0-5605c040ce34
                    Bridge br-int
                        fail_mode: secure
                        datapath_type: netdev
                        Port antrea-tun0
                            Interface antrea-tun0
                                type: geneve
                                options: {csum="true", key=flow, remote_ip=flow}
                    ovs_version: "3.1.0"
                """, VsctlShow.onlyPorts(Fixtures.ovs("node-01-vsctl-show.txt"), Set.of("antrea-tun0")));
    }

    /** Older OVS quotes names; a bridge without the port is left out, a Manager block of the switch kept. */
    @Test
    void quotedNamesOtherBridgesAndSwitchBlocks() {
        String show = """
                0b1c
                    Manager "ptcp:6640"
                        is_connected: true
                    Bridge br-phy
                        Port "eth1"
                            Interface "eth1"
                    Bridge br-int
                        Controller "unix:/var/run/antrea/openflow.sock"
                            is_connected: true
                        fail_mode: secure
                        Port "db-01-94ac6c"
                            Interface "db-01-94ac6c"
                        Port "antrea-gw0"
                            Interface "antrea-gw0"
                                type: internal
                    ovs_version: "2.17.7"
                """;
        assertEquals("""
                0b1c
                    Manager "ptcp:6640"
                        is_connected: true
                    Bridge br-int
                        Controller "unix:/var/run/antrea/openflow.sock"
                            is_connected: true
                        fail_mode: secure
                        Port "db-01-94ac6c"
                            Interface "db-01-94ac6c"
                    ovs_version: "2.17.7"
                """, VsctlShow.onlyPorts(show, Set.of("db-01-94ac6c")));
        assertEquals("", VsctlShow.onlyPorts(show, Set.of("nope")));
    }
}
