package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 #15: every name, namespace, IP and -n of every command is checked before the first request.
 * Each hostile value, put in each argument slot of each command (the other arguments valid), must give
 * exit 2 and an "error:" line while the API server (a fabric8 mock server that answers nothing) has
 * seen no request at all, and nothing printed may carry library text, a class name or a URL.
 */
class ArgumentGuardTest {

    /** Empty, separators, path tricks, an escaped slash, upper case, too long, a newline, a NUL, an escape written out. */
    static final List<String> HOSTILE =
            List.of("", "/", "a/b/c", "../x", "%2F", "UPPER", "a".repeat(300), "a\nb", "a\u0000b", "\\x00");

    /** Each command with one slot marked {} where the hostile value goes. */
    static final List<String[]> SLOTS = List.of(
            new String[] {"pool", "usage", "{}"},
            new String[] {"pool", "get", "{}"},
            new String[] {"pool", "delete", "{}"},
            new String[] {"pool", "create", "{}", "--cidr", "10.70.0.0/24"},
            new String[] {"pool", "release", "{}", "--pool", "pool-ap"},
            new String[] {"pool", "release", "172.16.19.11", "--pool", "{}"},
            new String[] {"ns", "bind", "{}", "pool-ap"},
            new String[] {"ns", "bind", "ns-ap", "{}"},
            new String[] {"ns", "bind", "ns-ap", "pool-ap", "{}"},
            new String[] {"ns", "unbind", "{}"},
            new String[] {"pod", "pin-ip", "{}", "172.16.20.33", "-n", "ns-db"},
            new String[] {"pod", "pin-ip", "db-02", "{}", "-n", "ns-db"},
            new String[] {"pod", "pin-ip", "db-02", "172.16.20.33", "-n", "ns-db", "--pool", "{}"},
            new String[] {"trace", "{}", "default/backend1"},
            new String[] {"trace", "default/frontend", "{}"},
            new String[] {"ovs", "show", "--pod", "{}"},
            new String[] {"ovs", "flows", "--ip", "{}"},
            // -n and --context of commands that take no other name
            new String[] {"pool", "list", "-n", "{}"},
            new String[] {"pool", "check", "-n", "{}"},
            new String[] {"pool", "usage", "-n", "{}"},
            new String[] {"ns", "list", "-n", "{}"},
            new String[] {"ns", "unbind", "ns-ap", "-n", "{}"},
            new String[] {"pod", "pin-ip", "db-02", "172.16.20.33", "-n", "{}"},
            new String[] {"ovs", "show", "-n", "{}"},
            new String[] {"trace", "frontend", "backend1", "-n", "{}"});

    static Path dir;
    static MockApiServer mock;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("ipamctl-guard");
        mock = MockApiServer.start(dir, "guard-test-token");
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String[] slot : SLOTS) {
            for (String value : HOSTILE) {
                List<String> args = new ArrayList<>();
                for (String a : slot) {
                    args.add(a.equals("{}") ? value : a);
                }
                String title = String.join(" ", slot)
                        .replace(
                                "{}",
                                "["
                                        + value.replace("\n", "\\n")
                                                .replace("\u0000", "\\0")
                                                .replace("a".repeat(300), "a*300")
                                        + "]");
                out.add(Arguments.of(title, args));
            }
        }
        // --context is checked too (kubeconfig context names are free text: only empty and control characters are
        // refused)
        for (String value : List.of("", "a\nb", "a\u0000b")) {
            out.add(Arguments.of(
                    "pool list --context [" + value.replace("\n", "\\n").replace("\u0000", "\\0") + "]",
                    List.of("pool", "list", "--context", value)));
        }
        return out.stream();
    }

    /** The harness can fail: a valid command does reach the mock server and is counted. */
    @org.junit.jupiter.api.Test
    void aValidCommandIsCounted() {
        int before = mock.server.getRequestCount();
        CliRun.Result r = mock.run(new CliRun(dir), "pool", "get", "pool-ap");
        assertEquals(1, r.code(), r.err());
        assertTrue(mock.server.getRequestCount() > before, "no request counted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedBeforeAnyRequest(String title, List<String> args) {
        int before = mock.server.getRequestCount();
        CliRun.Result r = mock.run(new CliRun(dir), args.toArray(String[]::new));
        assertEquals(2, r.code(), title + ": " + r.err());
        assertEquals(before, mock.server.getRequestCount(), title + " sent a request: " + r.err());
        assertEquals("", r.out(), title);
        List<String> lines = r.err().lines().toList();
        assertFalse(lines.isEmpty(), title);
        assertTrue(lines.stream().allMatch(l -> l.startsWith("error: ")), title + ": " + r.err());
        for (String forbidden : List.of("Exception", "io.fabric8", "localhost:", "http", "127.0.0.1")) {
            assertFalse(r.err().contains(forbidden), title + " printed " + forbidden + ": " + r.err());
        }
    }
}
