package io.ipamctl.commands;

import io.ipamctl.output.VersionView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** --version, and the client part of `ipamctl version`: read from a resource Maven writes at build time. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        VersionView.Client c = client();
        return new String[] {"ipamctl " + c.version() + " (git " + c.gitCommit() + ", Java " + c.javaVersion() + ")"};
    }

    /** This build's version and git commit ("unknown" when built outside a git checkout), and the Java runtime. */
    static VersionView.Client client() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/io/ipamctl/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String commit = p.getProperty("git.commit", "").strip();
        return new VersionView.Client(
                p.getProperty("version", "unknown"),
                commit.isEmpty() ? "unknown" : commit,
                Runtime.version().toString(),
                System.getProperty("java.vendor", "unknown"));
    }
}
