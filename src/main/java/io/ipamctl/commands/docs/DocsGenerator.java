package io.ipamctl.commands.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Renders every generated file of the repository from the picocli command model: the reference pages
 * (commands/), man pages (man/man1/) and shell completion (completions/). The build runs it into
 * target/generated-docs; cli/regen-docs copies that over the committed files, and
 * GeneratedFilesAreFreshTest fails while they differ.
 */
public final class DocsGenerator {

    /** The generated folders; everything in them comes from here. */
    public static final List<String> FOLDERS = List.of("commands", "completions", "man");

    private DocsGenerator() {}

    /** Path (relative to the repository root, '/'-separated) to content, sorted. Deterministic. */
    public static SortedMap<String, String> files() {
        CommandLine root = CommandModel.fullTree();
        SortedMap<String, String> files = new TreeMap<>();
        files.putAll(MarkdownPages.render(root));
        files.putAll(ManPages.render(root));
        files.put(BashCompletion.FILE, BashCompletion.script(root));
        files.put(ZshCompletion.FILE, ZshCompletion.script(root));
        files.put(FishCompletion.FILE, FishCompletion.script(root));
        return files;
    }

    /** Writes the files under args[0] (e.g. target/generated-docs), replacing what its folders held. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DocsGenerator OUTPUT_DIR");
        }
        Path out = Path.of(args[0]);
        for (String folder : FOLDERS) {
            deleteFiles(out.resolve(folder));
        }
        for (Map.Entry<String, String> e : files().entrySet()) {
            Path file = out.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static void deleteFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
        }
    }
}
