package io.ipamctl.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TracePacketTest {

    @Test
    void protocolNamesInAnyCaseAndNumbers() {
        assertEquals(17, TracePacket.protocolNumber("UDP"));
        assertEquals(6, TracePacket.protocolNumber("tcp"));
        assertEquals(1, TracePacket.protocolNumber("Icmp"));
        assertEquals(132, TracePacket.protocolNumber("132"));
        assertEquals(0, TracePacket.protocolNumber("0"));
        assertNull(TracePacket.protocolNumber("256"));
        assertNull(TracePacket.protocolNumber("gre"));
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
}
