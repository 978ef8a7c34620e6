package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TracePacketTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    void icmpWithoutOptionsTcpWhenAPortIsGivenAnyForLiveTraffic() {
        assertEquals(new TracePacket(1, null, null, null), TracePacket.parse(null, null, null, null, false, problems));
        assertEquals(new TracePacket(6, null, 80, null), TracePacket.parse(null, null, 80, null, false, problems));
        assertEquals(new TracePacket(null, null, null, null), TracePacket.parse(null, null, null, null, true, problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void protocolNamesInAnyCaseAndNumbers() {
        assertEquals(17, TracePacket.parse("UDP", 1000, 53, null, false, problems).protocol());
        assertEquals(132, TracePacket.parse("132", null, null, null, false, problems).protocol());
        assertEquals(List.of(), problems);
    }

    @Test
    void tcpFlagsAsNamesOrNumber() {
        assertEquals(18, TracePacket.tcpFlags("SYN,ACK"));
        assertEquals(18, TracePacket.tcpFlags("ack, syn"));
        assertEquals(2, TracePacket.tcpFlags("2"));
        assertEquals(255, TracePacket.tcpFlags("FIN,SYN,RST,PSH,ACK,URG,ECE,CWR"));
        assertNull(TracePacket.tcpFlags("256"));
        assertNull(TracePacket.tcpFlags("SYN,"));
        assertEquals("SYN,ACK", TracePacket.flagNames(18));
        assertEquals("none", TracePacket.flagNames(0));
    }

    @Test
    void eachBadOptionIsOneProblem() {
        assertNull(TracePacket.parse("tcp", 0, 65536, "XMAS", false, problems));
        assertEquals(List.of("--src-port must be a port number from 1 to 65535, got 0",
                "--dst-port must be a port number from 1 to 65535, got 65536",
                "invalid --tcp-flags \"XMAS\": use a number from 0 to 255 or names from FIN,SYN,RST,PSH,ACK,URG,ECE,CWR (e.g. SYN,ACK)"),
                problems);
    }
}
