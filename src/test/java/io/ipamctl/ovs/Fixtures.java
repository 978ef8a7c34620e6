package io.ipamctl.ovs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Outputs captured from real Open vSwitch (see src/test/resources/fixtures/ovs/README.md) and Antrea's docs. */
final class Fixtures {

    private Fixtures() {}

    static String ovs(String name) {
        return read(Path.of("src", "test", "resources", "fixtures", "ovs", name));
    }

    /** Antrea's documented flow samples (src/test/resources/fixtures/antrea/README.md says where from). */
    static String antrea(String name) {
        return read(Path.of("src", "test", "resources", "fixtures", "antrea", name));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
