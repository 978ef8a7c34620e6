package io.ipamctl.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Someone who clones the project has only the project: nothing that builds, tests or runs it may
 * name the developers' notes folder beside the repository. (cli/run-tests also runs the whole suite
 * with that folder hidden, which catches a path built at run time.)
 */
class RepositoryStandsAloneTest {

    /** "../shared", "shared/reference", "shared/seeds", "shared/tools" in any spelling of a path. */
    private static final Pattern OUTSIDE =
            Pattern.compile("\\.\\.[/\\\\\"', ]+shared|shared[/\\\\\"', ]+(reference|seeds|tools)\\b");

    private static final List<String> ROOTS = List.of("src", "cli", "bench", "deploy", ".ci", "pom.xml", "README.md");

    @Test
    void nothingInTheRepositoryReadsTheFolderBesideIt() throws IOException {
        List<String> hits = new ArrayList<>();
        for (String root : ROOTS) {
            Path start = Path.of(root);
            if (!Files.exists(start)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(start)) {
                files.filter(Files::isRegularFile)
                        .filter(p -> !p.equals(Path.of("src/test/java/io/ipamctl/repo/RepositoryStandsAloneTest.java")))
                        .forEach(p -> scan(p, hits));
            }
        }
        assertEquals(List.of(), hits);
    }

    private static void scan(Path file, List<String> hits) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return; // binary
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (OUTSIDE.matcher(lines[i]).find()) {
                hits.add(file + ":" + (i + 1) + ": " + lines[i].strip());
            }
        }
    }
}
