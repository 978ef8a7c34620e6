package io.ipamctl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing per request may come from the process that runs it: in the warm server that process is
 * not the caller. The reads and writes of process-global state (environment, working directory,
 * standard streams, console, exit, shutdown hooks) stay in the few places that are the caller's own
 * process by definition; any new one fails here and must go through {@code Environment} or the
 * request's {@code Host} instead.
 */
class ProcessGlobalsTest {

    private static final Pattern GLOBAL = Pattern.compile(
            "System\\.(exit|getenv|console)\\(|System\\.(in|out|err)\\b|addShutdownHook\\(|\"user\\.dir\"|import static java\\.lang\\.System\\.");

    /** Where they belong, and why. */
    private static final Map<String, String> ALLOWED = Map.of(
            "io/ipamctl/Main.java", "the in-process entry point: its streams and its exit",
            "io/ipamctl/commands/Environment.java", "Environment.system(): the in-process caller, read once",
            "io/ipamctl/kube/Cleanups.java", "Cleanups.JVM: shutdown hooks, for in-process runs only",
            "io/ipamctl/commands/server/ServerRunCommand.java", "the server process's own SIGTERM hook",
            "io/ipamctl/client/Client.java", "the thin client is the caller's process",
            "io/ipamctl/client/ClientTraining.java", "build-time training of the client's archive",
            "io/ipamctl/CdsTraining.java", "build-time training of the class-data archive: its own process",
            "io/ipamctl/sandbox/SandboxOvsExec.java",
                    "PATH fallback of the sandbox's local OVS (when the caller has none)",
            "io/ipamctl/sandbox/SandboxServer.java",
                    "main() of the sandbox process: its own environment, exit and SIGTERM hook");

    @Test
    void processGlobalStateIsReadOnlyWhereTheProcessIsTheCaller() throws IOException {
        Path src = Path.of("src", "main", "java");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src.resolve("io"))) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = src.relativize(f).toString();
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i).strip();
                    if (!l.startsWith("*")
                            && !l.startsWith("//")
                            && !l.startsWith("/*")
                            && GLOBAL.matcher(l).find()
                            && !ALLOWED.containsKey(rel)) {
                        found.add(rel + ":" + (i + 1) + ": " + l);
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
