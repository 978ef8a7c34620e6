package io.ipamctl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The thin client stays thin: its sources import nothing but java.* (java.base) and name no other
 * ipamctl package, so its JVM loads no picocli, fabric8 or Jackson (LauncherIT checks the classes a
 * real run loads).
 */
class ClientImportsTest {

    @Test
    void theClientPackageImportsOnlyJavaBase() throws IOException {
        Path dir = Path.of("src", "main", "java", "io", "ipamctl", "client");
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    String l = line.strip();
                    boolean foreignImport = l.startsWith("import ")
                            && !l.matches("import (static )?java\\.(io|lang|net|nio|util)\\..*");
                    boolean qualifiedUse = !l.startsWith("package ")
                            && !l.startsWith("*")
                            && !l.startsWith("//")
                            && l.matches(
                                    ".*\\b(io\\.ipamctl\\.(?!client\\b)|picocli\\.|io\\.fabric8\\.|com\\.fasterxml\\.|jdk\\.|sun\\.).*");
                    if (foreignImport || qualifiedUse) {
                        offending.add(f.getFileName() + ": " + l);
                    }
                }
            }
        }
        assertEquals(List.of(), offending);
    }
}
