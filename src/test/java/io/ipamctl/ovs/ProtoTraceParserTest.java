package io.ipamctl.ovs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProtoTraceParserTest {

    @Test
    void deliveredTrace() {
        ProtoTrace t = ProtoTraceParser.parse(Fixtures.ovs("node-01-trace-delivered.txt"));
        assertEquals(21, t.steps().size());
        assertEquals(new ProtoTrace.Step(0, "ip", 200, List.of("goto_table:3"), List.of()), t.steps().get(0));
        assertEquals(new ProtoTrace.Step(7, "", 0, List.of("goto_table:8"), List.of()), t.steps().get(3));
        ProtoTrace.Step last = t.steps().get(20);
        assertEquals(37, last.table());
        assertEquals(List.of("output:NXM_NX_REG1[]"), last.actions());
        assertEquals(List.of("-> output port is 7"), last.notes());
        assertEquals(7, t.outputPort());
        assertEquals(false, t.dropped());
        assertEquals("set(eth(src=ba:5e:d1:55:aa:01,dst=02:ae:e9:86:a8:7e)),set(ipv4(ttl=63)),7", t.datapathActions());
    }

    @Test
    void droppedTrace() {
        ProtoTrace t = ProtoTraceParser.parse(Fixtures.ovs("node-01-trace-dropped.txt"));
        ProtoTrace.Step last = t.steps().get(t.steps().size() - 1);
        assertEquals(new ProtoTrace.Step(33, "ip,reg1=0x7", 200, List.of("drop"), List.of()), last);
        assertEquals(true, t.dropped());
        assertEquals(null, t.outputPort());
    }

    @Test
    void flowStringForTheSeedsFrontend() {
        assertEquals("in_port=frontend-995823,tcp,dl_src=02:d5:22:51:27:4f,dl_dst=ba:5e:d1:55:aa:01,nw_src=10.211.1.14,"
                + "nw_dst=10.211.1.15,nw_ttl=64,tp_dst=80", TraceFlow.of("frontend-995823", "02:d5:22:51:27:4f",
                "ba:5e:d1:55:aa:01", "10.211.1.14", "10.211.1.15", false, 6, null, 80, null));
        assertEquals("in_port=p,icmp,dl_src=a,dl_dst=b,nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_ttl=64,icmp_type=8,icmp_code=0",
                TraceFlow.of("p", "a", "b", "10.0.0.1", "10.0.0.2", false, null, null, null, null));
        assertEquals("in_port=p,udp6,dl_src=a,dl_dst=b,ipv6_src=fd00::1,ipv6_dst=fd00::2,nw_ttl=64,tp_src=5353,tp_dst=53",
                TraceFlow.of("p", "a", "b", "fd00::1", "fd00::2", true, 17, 5353, 53, null));
    }

    @Test
    void outputThatIsNotATraceIsAnError() {
        var e = assertThrows(OvsParseException.class, () -> ProtoTraceParser.parse("ovs-appctl: cannot connect to br-int"));
        assertEquals("ofproto/trace output lacks the Flow: line", e.getMessage());
    }
}
