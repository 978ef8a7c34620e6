package io.ipamctl.output;

import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `pool check`: KIND SOURCE POOL IP OWNER DETAIL and a verdict line, and the documented JSON/YAML
 * schema {@code ipamctl/v1 PoolCheckReport}.
 */
public final class PoolCheckView implements Printable {

    /** One item of the -o json/yaml schema. */
    public record Item(String kind, String source, String pool, String ip, String owner, String detail) {}

    /**
     * The -o json/yaml document.
     *
     * @param sources  the sources that were checked
     * @param problems how many items there are (0 = consistent)
     * @param counts   problems per kind, in report order
     */
    public record Document(
            String apiVersion,
            String kind,
            List<String> sources,
            int problems,
            Map<String, Integer> counts,
            List<Item> items) {}

    private final List<IpamSource> sources;
    private final List<Problem> problems;

    public PoolCheckView(List<IpamSource> sources, List<Problem> problems) {
        this.sources = List.copyOf(sources);
        this.problems = List.copyOf(problems);
    }

    @Override
    public List<MetricFamily> metrics() {
        return PoolMetrics.problems(sources, problems);
    }

    @Override
    public Table table() {
        Table t = Table.of(
                Column.text("KIND"),
                Column.text("SOURCE"),
                Column.text("POOL"),
                Column.text("IP"),
                Column.text("OWNER"),
                Column.text("DETAIL"));
        for (Problem p : problems) {
            t.row(
                    Cell.of(p.kind().toString(), Cell.Style.BAD),
                    Cell.of(p.source().toString()),
                    Cell.of(p.pool()),
                    Cell.of(p.ip()),
                    Cell.of(p.owner()),
                    Cell.of(p.detail()));
        }
        return t;
    }

    @Override
    public List<Cell> summary() {
        return List.of(verdict());
    }

    /** "3 problems found (leaked: 2, duplicate: 1) in antrea, whereabouts" or "no problems found in ...". */
    public Cell verdict() {
        String in = " in "
                + (sources.isEmpty()
                        ? "no IPAM source"
                        : String.join(
                                ", ", sources.stream().map(Object::toString).toList()));
        if (problems.isEmpty()) {
            return Cell.of("no problems found" + in, Cell.Style.GOOD);
        }
        List<String> parts = new ArrayList<>();
        counts().forEach((k, n) -> parts.add(k + ": " + n));
        return Cell.of(
                problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found ("
                        + String.join(", ", parts) + ")" + in,
                Cell.Style.BAD);
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        problems.forEach(p -> counts.merge(p.kind().toString(), 1, Integer::sum));
        return counts;
    }

    @Override
    public Object document() {
        return new Document(
                "ipamctl/v1",
                "PoolCheckReport",
                sources.stream().map(Object::toString).toList(),
                problems.size(),
                counts(),
                problems.stream()
                        .map(p -> new Item(
                                p.kind().toString(), p.source().toString(), p.pool(), p.ip(), p.owner(), p.detail()))
                        .toList());
    }

    @Override
    public List<String> names() {
        return problems.stream().map(p -> p.kind() + "/" + p.ip()).toList();
    }
}
