package io.ipamctl.commands;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** --version: the build's version, read from a resource Maven filters at build time. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/io/ipamctl/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"ipamctl " + p.getProperty("version", "unknown")
                + " (Java " + Runtime.version().feature() + ")"};
    }
}
