package io.ipamctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.commands.Golden;
import io.ipamctl.trace.TraceflowSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `trace list` with fixed creation times, so AGE is stable. */
class TraceflowListViewTest {

    private static final Instant NOW = Instant.parse("2025-12-21T09:00:00Z");

    private static final List<TraceflowSummary> KEPT = List.of(
            new TraceflowSummary(
                    "ipamctl-frontend-to-backend2-x7k2p",
                    "Succeeded",
                    "default/frontend",
                    "default/backend2",
                    "tcp",
                    false,
                    Instant.parse("2025-12-21T06:53:20Z")),
            new TraceflowSummary(
                    "ipamctl-frontend-to-backend1-q2w3e",
                    "Failed",
                    "default/frontend",
                    "default/backend1",
                    "any",
                    true,
                    Instant.parse("2025-12-21T08:50:00Z")),
            new TraceflowSummary(
                    "ipamctl-frontend-to-10-211-2-99-a1b2c",
                    null,
                    "default/frontend",
                    "10.211.2.99",
                    "udp",
                    false,
                    Instant.parse("2025-12-21T08:59:15Z")));

    private static String print(OutputFormat format) {
        StringWriter out = new StringWriter();
        new Printer(new PrintWriter(out), new Ansi(false)).print(new TraceflowListView(KEPT, NOW), format, true);
        return out.toString();
    }

    @Test
    void tableWideAndJson() {
        Golden.assertMatches("trace/list.txt", print(OutputFormat.TABLE));
        Golden.assertMatches("trace/list-wide.txt", print(OutputFormat.WIDE));
        Golden.assertMatches("trace/list.json", print(OutputFormat.JSON));
        assertEquals(
                "traceflow/ipamctl-frontend-to-backend2-x7k2p\ntraceflow/ipamctl-frontend-to-backend1-q2w3e\n"
                        + "traceflow/ipamctl-frontend-to-10-211-2-99-a1b2c\n",
                print(OutputFormat.NAME));
    }
}
