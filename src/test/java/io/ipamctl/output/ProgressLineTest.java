package io.ipamctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private static final String CLEAR = "\r\u001b[K";

    @Test
    void rewrittenInPlaceCutToTheTerminalAndWipedAtTheEnd() {
        StringWriter err = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(err), true, 20)) {
            line.show("trace: created");
            line.show("trace: Traceflow ipamctl-frontend-to-backend2-abcde: Running");
        }
        assertEquals(CLEAR + "trace: created" + CLEAR + "trace: Traceflow..." + CLEAR, err.toString());
    }

    @Test
    void nothingAtAllWithoutATerminal() {
        StringWriter err = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(err), false, 80)) {
            line.show("ovs show: 0 of 2 nodes answered");
        }
        assertEquals("", err.toString());
    }
}
