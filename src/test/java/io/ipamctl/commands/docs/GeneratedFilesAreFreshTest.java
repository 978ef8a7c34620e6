package io.ipamctl.commands.docs;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed commands/, man/ and completions/ are exactly what the command model renders now:
 * a command, option or help text changed without cli/regen-docs fails here, naming the files.
 */
class GeneratedFilesAreFreshTest {

    /** Maven runs tests in the project directory. */
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void committedGeneratedFilesMatchTheCommandModel() throws IOException {
        SortedMap<String, String> fresh = DocsGenerator.files();
        SortedMap<String, byte[]> committed = committedFiles();
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> e : fresh.entrySet()) {
            byte[] now = committed.get(e.getKey());
            if (now == null) {
                stale.add(e.getKey() + " (missing)");
            } else if (!Arrays.equals(now, e.getValue().getBytes(StandardCharsets.UTF_8))) {
                stale.add(e.getKey() + " (differs)");
            }
        }
        committed.keySet().stream()
                .filter(k -> !fresh.containsKey(k))
                .forEach(k -> stale.add(k + " (no longer generated)"));
        if (!stale.isEmpty()) {
            fail("generated files are stale, the command model changed:\n  " + String.join("\n  ", stale)
                    + "\nregenerate them with: cli/regen-docs   (then review and commit "
                    + String.join("/, ", DocsGenerator.FOLDERS) + "/)");
        }
    }

    private static SortedMap<String, byte[]> committedFiles() throws IOException {
        SortedMap<String, byte[]> out = new TreeMap<>();
        for (String folder : DocsGenerator.FOLDERS) {
            Path dir = ROOT.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    out.put(ROOT.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        }
        return out;
    }
}
