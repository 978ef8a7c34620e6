package io.ipamctl.output;

import java.util.ArrayList;
import java.util.List;

/** `ipamctl version`: kubectl's "Client Version: ..." lines, or the ipamctl/v1 Version document. */
public final class VersionView {

    /** This build: its version, the git commit it was built from, the Java runtime it runs on. */
    public record Client(String version, String gitCommit, String javaVersion, String javaVendor) {}

    /** The cluster's versions; antrea is null when the cluster does not tell it. */
    public record Server(String kubernetes, String antrea, String antreaFrom) {}

    /** The -o json/yaml document; serverVersion is left out with --client or when the server failed. */
    public record Document(String apiVersion, String kind, Client clientVersion, Server serverVersion) {}

    private final Client client;
    private final Server server;

    public VersionView(Client client, Server server) {
        this.client = client;
        this.server = server;
    }

    public List<String> clientLines() {
        return List.of(
                "Client Version: " + client.version(),
                "Git Commit: " + client.gitCommit(),
                "Java Runtime: " + client.javaVersion() + " (" + client.javaVendor() + ")");
    }

    public List<String> serverLines() {
        List<String> lines = new ArrayList<>();
        if (server != null) {
            lines.add("Server Version: " + server.kubernetes());
            lines.add("Antrea Version: "
                    + (server.antrea() == null
                            ? "unknown (no AntreaControllerInfo, no antrea-controller or antrea-agent Pod)"
                            : server.antrea() + " (" + server.antreaFrom() + ")"));
        }
        return lines;
    }

    public Object document() {
        return new Document("ipamctl/v1", "Version", client, server);
    }
}
