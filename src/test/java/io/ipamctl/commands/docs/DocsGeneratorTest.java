package io.ipamctl.commands.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the generator writes: one page and one man page per visible command, and nothing of the machine. */
class DocsGeneratorTest {

    @TempDir
    Path out;

    @Test
    void onePagePerVisibleCommandAndTheScripts() {
        SortedMap<String, String> files = DocsGenerator.files();
        List<String> pages =
                files.keySet().stream().filter(f -> f.startsWith("commands/")).toList();
        assertEquals(
                List.of(
                        "commands/README.md",
                        "commands/ipamctl-completion.md",
                        "commands/ipamctl-doctor.md",
                        "commands/ipamctl-help.md",
                        "commands/ipamctl-ip.md",
                        "commands/ipamctl-metrics-serve.md",
                        "commands/ipamctl-metrics.md",
                        "commands/ipamctl-ns-bind.md",
                        "commands/ipamctl-ns-list.md",
                        "commands/ipamctl-ns-unbind.md",
                        "commands/ipamctl-ns.md",
                        "commands/ipamctl-options.md",
                        "commands/ipamctl-ovs-flows.md",
                        "commands/ipamctl-ovs-show.md",
                        "commands/ipamctl-ovs.md",
                        "commands/ipamctl-pod-pin-ip.md",
                        "commands/ipamctl-pod-why.md",
                        "commands/ipamctl-pod.md",
                        "commands/ipamctl-pool-check.md",
                        "commands/ipamctl-pool-create.md",
                        "commands/ipamctl-pool-delete.md",
                        "commands/ipamctl-pool-get.md",
                        "commands/ipamctl-pool-list.md",
                        "commands/ipamctl-pool-release.md",
                        "commands/ipamctl-pool-usage.md",
                        "commands/ipamctl-pool.md",
                        "commands/ipamctl-sandbox-status.md",
                        "commands/ipamctl-sandbox-stop.md",
                        "commands/ipamctl-sandbox.md",
                        "commands/ipamctl-server-status.md",
                        "commands/ipamctl-server-stop.md",
                        "commands/ipamctl-server.md",
                        "commands/ipamctl-shell.md",
                        "commands/ipamctl-trace-delete.md",
                        "commands/ipamctl-trace-list.md",
                        "commands/ipamctl-trace.md",
                        "commands/ipamctl-version.md",
                        "commands/ipamctl.md"),
                pages);
        assertEquals(
                pages.size() - 1,
                files.keySet().stream()
                        .filter(f -> f.startsWith("man/man1/") && f.endsWith(".1"))
                        .count());
        assertEquals(
                List.of("completions/_ipamctl", "completions/ipamctl.bash", "completions/ipamctl.fish"),
                files.keySet().stream()
                        .filter(f -> f.startsWith("completions/"))
                        .toList());
    }

    @Test
    void deterministicAndFreeOfTheMachine() {
        SortedMap<String, String> files = DocsGenerator.files();
        assertEquals(files, DocsGenerator.files());
        String here = Path.of("").toAbsolutePath().toString();
        files.forEach((name, content) -> {
            assertFalse(content.contains(here), name + " names the directory it was generated in");
            assertFalse(content.contains(System.getProperty("user.home") + "/"), name + " names a home directory");
            assertFalse(
                    content.contains("__complete") && name.startsWith("commands/"),
                    name + " documents the hidden command");
        });
    }

    @Test
    void mainWritesTheFilesAndDropsOldOnes() throws Exception {
        Files.createDirectories(out.resolve("commands"));
        Files.writeString(out.resolve("commands/ipamctl-removed.md"), "old");
        DocsGenerator.main(new String[] {out.toString()});
        assertFalse(Files.exists(out.resolve("commands/ipamctl-removed.md")));
        assertEquals(
                DocsGenerator.files().get("man/man1/ipamctl-pool-usage.1"),
                Files.readString(out.resolve("man/man1/ipamctl-pool-usage.1")));
    }
}
