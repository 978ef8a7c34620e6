package io.ipamctl.output;

import io.ipamctl.ipam.AddressHolder;
import io.ipamctl.ipam.SourceUsage;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * `pool list` / `pool get`: what each pool is, of every source; -o json/yaml schema ipamctl/v1 PoolList.
 * SUBNET is always a network (an Antrea pool's gateway/prefixLength masked: 172.16.19.254/24 is 172.16.19.0/24),
 * GATEWAY the gateway, AGE as kubectl's. SOURCE is a column when pools of several sources are listed, else a wide one (as in
 * `pool usage`).
 */
public final class PoolListView implements Printable {

    /** A pool and the addresses handed out from it. */
    public record Pool(SourceUsage usage, List<AddressHolder> allocations) {}

    /** An allocated address in the document. */
    public record AllocationItem(String ip, String phase, String owner) {}

    /**
     * One item of the document; null fields are left out. subnet is the network the pool's addresses belong
     * to (Antrea: gateway/prefixLength masked, 172.16.19.0/24), gateway the subnet's gateway.
     */
    public record Item(
            String name,
            String namespace,
            String source,
            String apiVersion,
            List<String> ranges,
            String subnet,
            String gateway,
            Integer prefixLength,
            Integer vlan,
            BigInteger total,
            long used,
            String creationTimestamp,
            List<AllocationItem> allocations) {}

    /** The -o json/yaml document. */
    public record Document(String apiVersion, String kind, List<Item> items) {}

    private final List<Pool> pools;
    private final Instant now;

    /** @param now the moment AGE is counted to */
    public PoolListView(List<Pool> pools, Instant now) {
        this.pools = List.copyOf(pools);
        this.now = now;
    }

    @Override
    public Table table() {
        Table t = Table.of(
                Column.text("NAME"),
                Column.text("RANGES"),
                Column.text("SUBNET"),
                Column.text("GATEWAY"),
                Column.number("VLAN"),
                Column.number("TOTAL"),
                Column.number("USED"),
                Column.text("AGE"),
                Column.wide("API-VERSION"),
                PoolUsageView.sourceColumn(
                        pools.stream().map(p -> p.usage().source()).toList()));
        for (Pool p : pools) {
            SourceUsage u = p.usage();
            t.row(
                    Cell.of(u.qualifiedName()),
                    Cell.of(String.join(",", u.ranges())),
                    Cell.of(u.subnet()),
                    Cell.of(u.gateway()),
                    Cell.of(PoolUsageView.vlanText(u.vlan())),
                    Cell.of(u.total().toString()),
                    Cell.of(Long.toString(u.used())),
                    Cell.of(Age.since(u.created(), now)),
                    Cell.of(u.apiVersion()),
                    Cell.of(u.source().toString()));
        }
        return t;
    }

    @Override
    public Object document() {
        List<Item> items = new ArrayList<>();
        for (Pool p : pools) {
            SourceUsage u = p.usage();
            items.add(new Item(
                    u.name(),
                    u.namespace(),
                    u.source().toString(),
                    u.apiVersion(),
                    u.ranges(),
                    u.subnet(),
                    u.gateway(),
                    u.prefixLength(),
                    u.vlan(),
                    u.total(),
                    u.used(),
                    PoolUsageView.timestamp(u),
                    p.allocations().stream()
                            .map(a -> new AllocationItem(a.ip(), a.phase(), a.owner()))
                            .toList()));
        }
        return new Document("ipamctl/v1", "PoolList", items);
    }

    @Override
    public List<String> names() {
        return pools.stream().map(p -> p.usage().fullName()).distinct().toList();
    }
}
