package io.ipamctl.output;

import io.ipamctl.health.PodDiagnosis;
import java.util.ArrayList;
import java.util.List;

/**
 * `pod why`: one sentence about the Pod, then the fix, the Event it rests on and what was checked; the documented
 * JSON/YAML schema {@code ipamctl/v1 PodDiagnosis}.
 */
public final class PodWhyView implements Printable {

    /** The -o json/yaml document; fix, evidence and pool are left out when null. */
    public record Document(
            String apiVersion,
            String kind,
            String pod,
            String verdict,
            String cause,
            String finding,
            String fix,
            String evidence,
            String pool,
            List<String> checked) {}

    private final String pod;
    private final PodDiagnosis d;

    public PodWhyView(String pod, PodDiagnosis diagnosis) {
        this.pod = pod;
        this.d = diagnosis;
    }

    /** "pod ns/name FINDING", the sentence everything else backs. */
    public Cell sentence() {
        Cell.Style style = switch (d.verdict()) {
            case HAS_ADDRESS -> Cell.Style.GOOD;
            case CAUSE_FOUND -> Cell.Style.BAD;
            case NO_CAUSE_FOUND -> Cell.Style.WARN;
        };
        return Cell.of("pod " + pod + " " + d.finding(), style);
    }

    /** The text form: the sentence, then indented fix / evidence / checked lines. */
    public List<Cell> lines() {
        List<Cell> out = new ArrayList<>();
        out.add(sentence());
        if (d.fix() != null) {
            out.add(Cell.of("  fix:      " + d.fix()));
        }
        if (d.evidence() != null) {
            out.add(Cell.of("  event:    " + d.evidence(), Cell.Style.DIM));
        }
        String label = "  checked:  ";
        for (String c : d.checked()) {
            out.add(Cell.of(label + c, Cell.Style.DIM));
            label = "            ";
        }
        return out;
    }

    @Override
    public Table table() {
        Table t = Table.of(
                Column.text("POD"),
                Column.text("VERDICT"),
                Column.text("CAUSE"),
                Column.text("FINDING"),
                Column.wide("FIX"));
        t.row(
                Cell.of(pod),
                Cell.of(d.verdict().toString(), sentence().style()),
                Cell.of(d.cause()),
                Cell.of(d.finding()),
                Cell.of(d.fix()));
        return t;
    }

    @Override
    public Object document() {
        return new Document(
                "ipamctl/v1",
                "PodDiagnosis",
                pod,
                d.verdict().toString(),
                d.cause(),
                d.finding(),
                d.fix(),
                d.evidence(),
                d.pool(),
                d.checked());
    }

    @Override
    public List<String> names() {
        return List.of("pod/" + pod);
    }
}
