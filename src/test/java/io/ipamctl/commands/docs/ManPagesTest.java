package io.ipamctl.commands.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated man pages render with man-db and groff (skipped where they are not installed). */
class ManPagesTest {

    @TempDir
    Path dir;

    @Test
    void everyPageFormatsWithoutWarnings() throws Exception {
        assumeTrue(
                ShellHarness.find("groff").isPresent(),
                "groff is not installed (apt-get install -y groff-base): test skipped");
        ShellHarness shell = new ShellHarness(dir);
        for (Map.Entry<String, String> page :
                ManPages.render(CommandModel.fullTree()).entrySet()) {
            Path file = shell.script(Path.of(page.getKey()).getFileName().toString(), page.getValue());
            // -ww: all warnings; -z: format only. ShellHarness fails on any stderr output.
            shell.run("groff", "-man", "-Tutf8", "-ww", "-z", file.toString());
        }
    }

    @Test
    void manShowsThePoolUsagePage() throws Exception {
        assumeTrue(
                ShellHarness.find("man").isPresent(), "man is not installed (apt-get install -y man-db): test skipped");
        ShellHarness shell = new ShellHarness(dir);
        Path file = shell.script(
                "ipamctl-pool-usage.1", ManPages.render(CommandModel.fullTree()).get("man/man1/ipamctl-pool-usage.1"));
        List<String> lines = shell.run("env", "MANWIDTH=80", "MANPAGER=cat", "PAGER=cat", "man", "-l", file.toString());
        assertEquals("NAME", lines.get(2));
        assertTrue(
                lines.get(3).startsWith("       ipamctl-pool-usage - Show total, used and free addresses"),
                lines.get(3));
        assertTrue(lines.contains("       --threshold=PCT"), "ASCII option names, as typed: " + lines);
        assertTrue(
                lines.contains(
                        "           ipamctl pool usage --threshold 80            # exit 3 if any pool is 80% full or more"),
                String.join("\n", lines));
    }
}
