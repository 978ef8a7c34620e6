package io.ipamctl.output;

import io.ipamctl.ipam.AddressHolder;
import io.ipamctl.ipam.AddressReport;
import io.ipamctl.ipam.AddressState;
import io.ipamctl.ipam.IpamSource;
import java.util.ArrayList;
import java.util.List;

/**
 * `ipamctl ip`: one row per address and pool that includes it (one per holder), a row "outside every pool"
 * for an address no pool includes, and a line per address held twice; -o json/yaml schema ipamctl/v1 AddressReport.
 */
public final class AddressView implements Printable {

    /** What the table says for an address that no pool of any source includes. */
    public static final String OUTSIDE = "outside every pool";

    /** One state of the document; null fields are left out. */
    public record StateItem(
            String source,
            String pool,
            String state,
            String owner,
            String ownerKind,
            String node,
            String phase,
            String containerID,
            String detail) {}

    /** A holder of an address no pool includes. */
    public record HolderItem(String owner, String ownerKind, String node, String phase) {}

    public record ConflictItem(String kind, String detail, List<String> holders) {}

    public record Item(
            String ip,
            String family,
            boolean outsideEveryPool,
            List<StateItem> states,
            List<HolderItem> unpooled,
            List<ConflictItem> conflicts) {}

    /** @param heldTwice how many of the addresses are held twice (exit code 3 when not 0) */
    public record Document(String apiVersion, String kind, int heldTwice, List<Item> items) {}

    private final List<IpamSource> sources;
    private final List<AddressReport> reports;

    /** @param sources the sources read, which the reports cover */
    public AddressView(List<IpamSource> sources, List<AddressReport> reports) {
        this.sources = List.copyOf(sources);
        this.reports = List.copyOf(reports);
    }

    @Override
    public Table table() {
        Table t = Table.of(
                Column.text("IP"),
                Column.text("SOURCE"),
                Column.text("POOL"),
                Column.text("STATE"),
                Column.text("OWNER"),
                Column.text("NODE"),
                Column.wide("KIND"),
                Column.wide("PHASE"),
                Column.wide("CONTAINER-ID"),
                Column.wide("DETAIL"));
        for (AddressReport r : reports) {
            String ip = r.ip().toString();
            boolean twice = !r.conflicts().isEmpty();
            for (AddressState s : r.states()) {
                AddressHolder h = s.holder();
                row(
                        t,
                        ip,
                        twice,
                        s.source().toString(),
                        s.pool(),
                        Cell.of(s.state().toString(), style(s.state(), twice)),
                        h,
                        s.detail());
            }
            if (r.outsideEveryPool() && r.unpooled().isEmpty()) {
                row(t, ip, false, null, null, Cell.of(OUTSIDE, Cell.Style.DIM), null, noPool());
            }
            for (AddressHolder h : r.unpooled()) {
                row(
                        t,
                        ip,
                        twice,
                        null,
                        null,
                        Cell.of(OUTSIDE, Cell.Style.WARN),
                        h,
                        "a running Pod has it; " + noPool());
            }
        }
        return t;
    }

    /** "no pool of antrea, node includes it": which sources were asked. */
    private String noPool() {
        return sources.isEmpty()
                ? "no IPAM source was read"
                : "no pool of "
                        + String.join(
                                ", ", sources.stream().map(Object::toString).toList()) + " includes it";
    }

    private static void row(
            Table t, String ip, boolean twice, String source, String pool, Cell state, AddressHolder h, String detail) {
        t.row(
                Cell.of(ip, twice ? Cell.Style.BAD : Cell.Style.PLAIN),
                Cell.of(source),
                Cell.of(pool),
                state,
                Cell.of(h == null ? null : AddressReport.ownerText(h)),
                Cell.of(h == null ? null : h.node()),
                Cell.of(h == null ? null : h.ownerKind()),
                Cell.of(h == null ? null : h.phase()),
                Cell.of(h == null ? null : shortId(h.containerId())),
                Cell.of(detail));
    }

    private static Cell.Style style(AddressState.State state, boolean twice) {
        if (twice && (state == AddressState.State.ALLOCATED || state == AddressState.State.RESERVED)) {
            return Cell.Style.BAD;
        }
        return state == AddressState.State.FREE ? Cell.Style.GOOD : Cell.Style.PLAIN;
    }

    private static String shortId(String id) {
        return id == null || id.length() <= 12 ? id : id.substring(0, 12);
    }

    /** One line per address held twice: "10.0.0.5 is held twice (two-owners): pod/default/a (antrea pool-ap), ...". */
    @Override
    public List<Cell> summary() {
        List<Cell> out = new ArrayList<>();
        for (AddressReport r : reports) {
            for (AddressReport.Conflict c : r.conflicts()) {
                out.add(Cell.of(
                        r.ip() + " is held twice (" + c.kind() + ", " + c.detail() + "): "
                                + String.join(", ", c.holders()),
                        Cell.Style.BAD));
            }
        }
        return out;
    }

    @Override
    public Object document() {
        List<Item> items = new ArrayList<>();
        for (AddressReport r : reports) {
            List<StateItem> states = r.states().stream()
                    .map(s -> {
                        AddressHolder h = s.holder();
                        return new StateItem(
                                s.source().toString(),
                                s.pool(),
                                s.state().toString(),
                                h == null ? null : h.owner(),
                                h == null ? null : h.ownerKind(),
                                h == null ? null : h.node(),
                                h == null ? null : h.phase(),
                                h == null ? null : h.containerId(),
                                s.detail());
                    })
                    .toList();
            items.add(new Item(
                    r.ip().toString(),
                    r.ip().family().toString(),
                    r.outsideEveryPool(),
                    states,
                    r.unpooled().stream()
                            .map(h -> new HolderItem(h.owner(), h.ownerKind(), h.node(), h.phase()))
                            .toList(),
                    r.conflicts().stream()
                            .map(c -> new ConflictItem(c.kind().toString(), c.detail(), c.holders()))
                            .toList()));
        }
        return new Document("ipamctl/v1", "AddressReport", heldTwice(), items);
    }

    /** How many of the addresses are held twice. */
    public int heldTwice() {
        return (int) reports.stream().filter(r -> !r.conflicts().isEmpty()).count();
    }

    @Override
    public List<String> names() {
        return reports.stream().map(r -> r.ip().toString()).toList();
    }
}
