package io.ipamctl.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which build a client and a server are: a hash of the jars, made by the build (mvn package runs
 * {@link #main}) into target/build-id. cli/ipamctl hands it to the client and the server (and to
 * in-process runs as -Dipamctl.build); a server meeting a client of another build retires.
 */
public final class BuildId {

    private BuildId() {}

    /** This process's build, as the launcher said ("dev" when started some other way). */
    public static String current() {
        return System.getProperty("ipamctl.build", "dev");
    }

    /** {@code BuildId OUTPUT JAR_OR_DIR...}: the first 16 hex digits of SHA-256 over the jars, in name order. */
    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        List<Path> jars = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path p = Path.of(args[i]);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
                }
            } else {
                jars.add(p);
            }
        }
        jars.sort(null);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Path jar : jars) {
            digest.update(jar.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(jar));
        }
        Files.writeString(
                Path.of(args[0]), HexFormat.of().formatHex(digest.digest()).substring(0, 16) + "\n");
    }
}
