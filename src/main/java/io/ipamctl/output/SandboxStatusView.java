package io.ipamctl.output;

import io.ipamctl.sandbox.SandboxClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** `sandbox status`: one row for the sandbox process, then where its API server, state and log are. */
public final class SandboxStatusView implements Printable {

    /** The -o json/yaml document (ipamctl/v1 SandboxStatus). */
    public record Document(
            String apiVersion,
            String kind,
            boolean running,
            Long pid,
            String url,
            String started,
            Long idleTimeoutSeconds,
            Long idleSeconds,
            Integer watches,
            Ovs ovs,
            String state,
            String log,
            String tokenFile) {}

    /** The sandbox's Open vSwitch nodes. */
    public record Ovs(String phase, String problem, List<String> nodes, String base) {}

    private final SandboxClient.Status s;

    public SandboxStatusView(SandboxClient.Status status) {
        this.s = status;
    }

    @Override
    public Table table() {
        Table t = Table.of(
                Column.text("STATUS"),
                Column.number("PID"),
                Column.text("UP"),
                Column.text("STOPS-AFTER-IDLE"),
                Column.number("WATCHES"),
                Column.text("OPEN-VSWITCH"));
        if (!s.running()) {
            return t.row(
                    Cell.of("stopped", Cell.Style.DIM),
                    Cell.of("<none>"),
                    Cell.of("<none>"),
                    Cell.of("<none>"),
                    Cell.of("<none>"),
                    Cell.of("<none>"));
        }
        Duration up = s.started() == null || s.started().isEmpty()
                ? Duration.ZERO
                : Duration.between(Instant.parse(s.started()), Instant.now());
        return t.row(
                Cell.of("running", Cell.Style.GOOD),
                Cell.of(Long.toString(s.pid())),
                Cell.of(Age.of(up)),
                Cell.of(s.idleTimeoutSeconds() == 0 ? "never" : Age.of(Duration.ofSeconds(s.idleTimeoutSeconds()))),
                Cell.of(Integer.toString(s.watches())),
                Cell.of(ovs()));
    }

    private String ovs() {
        return switch (s.ovsPhase()) {
            case "RUNNING" -> String.join(",", s.ovsNodes());
            case "NOT_STARTED" -> "not started (starts when first needed)";
            case "UNAVAILABLE" -> "unavailable: " + s.ovsProblem();
            default -> s.ovsPhase().toLowerCase(java.util.Locale.ROOT);
        };
    }

    @Override
    public List<Cell> summary() {
        List<Cell> lines = new ArrayList<>();
        if (s.running()) {
            lines.add(Cell.of("API server:   " + s.url() + " (bearer token in " + s.tokenFile() + ")"));
        }
        lines.add(Cell.of("State:        " + s.state()));
        lines.add(Cell.of("Log:          " + s.log()));
        lines.add(Cell.of("Open vSwitch: " + s.ovsBase()));
        if (s.otherBuild()) {
            lines.add(Cell.of(
                    "It runs another build of ipamctl: the next --sandbox command replaces it.", Cell.Style.WARN));
        }
        lines.add(Cell.of(
                s.running()
                        ? "Stop it with: ipamctl sandbox stop"
                        : "Not running: the next --sandbox command starts it with the state above."));
        return lines;
    }

    @Override
    public Object document() {
        return s.running()
                ? new Document(
                        "ipamctl/v1",
                        "SandboxStatus",
                        true,
                        s.pid(),
                        s.url(),
                        s.started(),
                        s.idleTimeoutSeconds(),
                        s.idleSeconds(),
                        s.watches(),
                        new Ovs(s.ovsPhase(), s.ovsProblem(), s.ovsNodes(), s.ovsBase()),
                        s.state(),
                        s.log(),
                        s.tokenFile())
                : new Document(
                        "ipamctl/v1",
                        "SandboxStatus",
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        s.state(),
                        s.log(),
                        s.tokenFile());
    }

    @Override
    public List<String> names() {
        return List.of();
    }
}
