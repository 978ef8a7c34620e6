package io.ipamctl.commands.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.kube.TraceflowMockCluster;
import io.ipamctl.kube.TraceflowMockCluster.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every user error is one exact line and exit 2, found before anything is sent. */
class TraceValidationTest {

    @TempDir
    static Path dir;

    static TraceflowMockCluster cluster;

    @BeforeAll
    static void start() throws IOException {
        cluster = new TraceflowMockCluster(dir, true);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "--dst-port 0 | 'invalid argument \"0\" for \"--dst-port\": expected a port number from 1 to 65535 (see ''ipamctl trace --help'')'",
                "--protocol udp --src-port 70000 | 'invalid argument \"70000\" for \"--src-port\": expected a port number from 1 to 65535 (see ''ipamctl trace --help'')'",
                "--protocol icmp --dst-port 80 | --dst-port works only with --protocol tcp, udp or sctp, not icmp",
                "--protocol 47 --src-port 80 | --src-port works only with --protocol tcp, udp or sctp, not 47",
                "--protocol icmp --dst-port 80 --local | --dst-port works only with --protocol tcp, udp or sctp, not icmp",
                "--protocol sctp --dst-port 38412 | Antrea's Traceflow has no SCTP ports (only TCP and UDP); drop the port, or trace on the node with --local",
                "--protocol 132 --src-port 9 --live | Antrea's Traceflow has no SCTP ports (only TCP and UDP); drop the port, or trace on the node with --local",
                "--protocol 0 | '--protocol 0 cannot be traced with a Traceflow: Antrea reads it as ICMP (as any protocol with --live); use --local'",
                "--dropped-only | --dropped-only works only with --live",
                "--protocol sctpx | 'invalid argument \"sctpx\" for \"--protocol\": expected tcp, udp, sctp, icmp or a protocol number from 0 to 255"
                        + " (see ''ipamctl trace --help'')'",
                "--protocol 256 | 'invalid argument \"256\" for \"--protocol\": expected tcp, udp, sctp, icmp or a protocol number from 0 to 255"
                        + " (see ''ipamctl trace --help'')'",
                "--tcp-flags SYN,FOO | 'invalid argument \"SYN,FOO\" for \"--tcp-flags\": expected a number from 0 to 255 or flag names"
                        + " joined by commas (FIN,SYN,RST,PSH,ACK,URG,ECE,CWR), e.g. SYN,ACK (see ''ipamctl trace --help'')'",
                "--protocol udp --tcp-flags SYN | --tcp-flags works only with --protocol tcp, not udp",
                "--timeout 13h | --timeout must be from 1s to 12h",
                "--timeout 500ms | --timeout must be from 1s to 12h",
                "-o name | 'invalid argument \"name\" for \"-o\": expected table, wide, json or yaml (see ''ipamctl trace --help'')'"
            })
    void optionErrors(String options, String line) {
        List<String> args = new java.util.ArrayList<>(List.of("trace", "default/frontend", "default/backend2"));
        args.addAll(List.of(options.split(" ")));
        assertInvalid(List.of("error: " + line), args.toArray(String[]::new));
    }

    @Test
    void badSource() {
        assertInvalid(
                List.of("error: invalid source \"a/b/c\": use NAMESPACE/POD, or POD with -n"),
                "trace",
                "a/b/c",
                "default/backend2");
    }

    @Test
    void badDestination() {
        assertInvalid(
                List.of("error: invalid destination \"svc/default/web/x\": use NAMESPACE/POD, POD, an IP address, "
                        + "or svc/NAMESPACE/SERVICE"),
                "trace",
                "default/frontend",
                "svc/default/web/x");
    }

    @Test
    void localTracesToAPodOrAnIpNotToAService() {
        assertInvalid(
                List.of(
                        "error: --local traces to a Pod or an IP; a Service needs the controller's trace (drop --local)"),
                "trace",
                "default/frontend",
                "svc/default/web",
                "--local");
    }

    @Test
    void everyProblemIsReportedOnItsOwnLine() {
        assertInvalid(
                List.of(
                        "error: --dst-port works only with --protocol tcp, udp or sctp, not icmp",
                        "error: --dropped-only works only with --live"),
                "trace",
                "default/frontend",
                "default/backend2",
                "--protocol",
                "icmp",
                "--dst-port",
                "80",
                "--dropped-only");
    }

    private static void assertInvalid(List<String> lines, String... args) {
        Run run = cluster.run(args);
        assertEquals(lines, run.err().lines().toList());
        assertEquals("", run.out());
        assertEquals(2, run.code());
        assertEquals(List.of(), cluster.seen(), "nothing created");
    }
}
