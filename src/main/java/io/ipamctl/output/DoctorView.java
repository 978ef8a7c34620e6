package io.ipamctl.output;

import io.ipamctl.health.CheckResult;
import io.ipamctl.health.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * `doctor`: CHECK STATUS FINDING (wide: FIX), then the fix of each check that is not ok and a verdict; the
 * documented JSON/YAML schema {@code ipamctl/v1 DoctorReport}.
 */
public final class DoctorView implements Printable {

    /** One check of the -o json/yaml schema; fix is null when there is nothing to do. */
    public record Check(String name, String status, String finding, String fix) {}

    /** How many checks came out each way. */
    public record Counts(int ok, int warning, int failed) {}

    /** The -o json/yaml document. */
    public record Document(String apiVersion, String kind, Counts summary, List<Check> checks) {}

    private final List<CheckResult> results;

    public DoctorView(List<CheckResult> results) {
        this.results = List.copyOf(results);
    }

    @Override
    public Table table() {
        Table t = Table.of(Column.text("CHECK"), Column.text("STATUS"), Column.text("FINDING"), Column.wide("FIX"));
        for (CheckResult r : results) {
            t.row(
                    Cell.of(r.check()),
                    Cell.of(r.status().toString(), style(r.status())),
                    Cell.of(r.finding()),
                    Cell.of(r.fix()));
        }
        return t;
    }

    @Override
    public List<Cell> summary() {
        List<Cell> out = new ArrayList<>();
        for (CheckResult r : results) {
            if (r.status() != Status.OK && r.fix() != null) {
                out.add(Cell.of("fix " + r.check() + ": " + r.fix(), style(r.status())));
            }
        }
        out.add(verdict());
        return out;
    }

    /** "all 12 checks ok", "1 check failed, 2 warnings (of 12 checks)". */
    public Cell verdict() {
        Counts c = counts();
        if (c.failed() == 0 && c.warning() == 0) {
            return Cell.of(
                    results.size() == 1 ? "the check is ok" : "all " + results.size() + " checks ok", Cell.Style.GOOD);
        }
        List<String> parts = new ArrayList<>();
        if (c.failed() > 0) {
            parts.add(c.failed() + (c.failed() == 1 ? " check failed" : " checks failed"));
        }
        if (c.warning() > 0) {
            parts.add(c.warning() + (c.warning() == 1 ? " warning" : " warnings"));
        }
        return Cell.of(
                String.join(", ", parts) + " (of " + results.size() + (results.size() == 1 ? " check)" : " checks)"),
                c.failed() > 0 ? Cell.Style.BAD : Cell.Style.WARN);
    }

    private Counts counts() {
        int ok = 0;
        int warning = 0;
        int failed = 0;
        for (CheckResult r : results) {
            switch (r.status()) {
                case OK -> ok++;
                case WARNING -> warning++;
                case FAILED -> failed++;
            }
        }
        return new Counts(ok, warning, failed);
    }

    private static Cell.Style style(Status s) {
        return switch (s) {
            case OK -> Cell.Style.GOOD;
            case WARNING -> Cell.Style.WARN;
            case FAILED -> Cell.Style.BAD;
        };
    }

    @Override
    public Object document() {
        return new Document(
                "ipamctl/v1",
                "DoctorReport",
                counts(),
                results.stream()
                        .map(r -> new Check(r.check(), r.status().toString(), r.finding(), r.fix()))
                        .toList());
    }

    @Override
    public List<String> names() {
        return results.stream().map(r -> "check/" + r.check()).toList();
    }
}
