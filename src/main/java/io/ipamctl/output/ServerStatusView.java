package io.ipamctl.output;

import java.util.List;

/** `server status`: the warm server as it describes itself. */
public final class ServerStatusView implements Printable {

    /**
     * The -o json/yaml document.
     *
     * @param sameBuild whether the server is of this ipamctl's build (if not, the next command replaces it)
     * @param rssBytes  its resident memory, -1 when unknown
     * @param caches    what each API client's cache holds ("ippools: 500 pools at resourceVersion 48213, watched, ...")
     */
    public record Document(
            String apiVersion,
            String kind,
            long pid,
            String socket,
            String build,
            boolean sameBuild,
            long uptimeSeconds,
            long idleSeconds,
            long idleTimeoutSeconds,
            long requests,
            long running,
            long apiClients,
            long rssBytes,
            List<String> caches) {}

    private final Document doc;

    public ServerStatusView(
            long pid,
            String socket,
            String build,
            boolean sameBuild,
            long uptimeSeconds,
            long idleSeconds,
            long idleTimeoutSeconds,
            long requests,
            long running,
            long apiClients,
            long rssBytes,
            List<String> caches) {
        this.doc = new Document(
                "ipamctl/v1",
                "ServerStatus",
                pid,
                socket,
                build,
                sameBuild,
                uptimeSeconds,
                idleSeconds,
                idleTimeoutSeconds,
                requests,
                running,
                apiClients,
                rssBytes,
                List.copyOf(caches));
    }

    @Override
    public Table table() {
        Table t = Table.of(
                Column.number("PID"),
                Column.text("UPTIME"),
                Column.number("REQUESTS"),
                Column.number("RUNNING"),
                Column.number("MEMORY"),
                Column.text("IDLE-EXIT"),
                Column.text("BUILD"),
                Column.wide("API-CLIENTS"),
                Column.wide("SOCKET"));
        t.row(
                Cell.of(Long.toString(doc.pid())),
                Cell.of(Age.of(java.time.Duration.ofSeconds(doc.uptimeSeconds()))),
                Cell.of(Long.toString(doc.requests())),
                Cell.of(Long.toString(doc.running())),
                Cell.of(doc.rssBytes() < 0 ? "?" : doc.rssBytes() / (1024 * 1024) + "Mi"),
                Cell.of("in "
                        + Age.of(java.time.Duration.ofSeconds(
                                Math.max(0, doc.idleTimeoutSeconds() - doc.idleSeconds())))),
                doc.sameBuild() ? Cell.of(doc.build()) : Cell.of(doc.build() + " (other)", Cell.Style.WARN),
                Cell.of(Long.toString(doc.apiClients())),
                Cell.of(doc.socket()));
        return t;
    }

    @Override
    public Object document() {
        return doc;
    }

    @Override
    public List<String> names() {
        return List.of("server/" + doc.pid());
    }
}
