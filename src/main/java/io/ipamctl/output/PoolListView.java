package io.ipamctl.output;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import io.ipamctl.ipam.Allocation;
import io.ipamctl.ipam.PoolCapacity;
import io.ipamctl.ipam.PoolDefinition;
import io.ipamctl.ipam.PoolRangeSpec;

/** `pool list` / `pool get`: what each pool is; -o json/yaml schema ipamctl/v1 PoolList. */
public final class PoolListView implements Printable {

    /** A pool as ipamctl reads it, whichever API version served it. */
    public record Pool(PoolDefinition definition, String apiVersion, List<Allocation> allocations) {
    }

    /** An allocated address in the document. */
    public record AllocationItem(String ip, String phase, String owner) {
    }

    /** One item of the document. */
    /** One item of the document; subnet is the network form of gateway/prefixLength (null when invalid). */
    public record Item(String name, String apiVersion, List<String> ranges, String subnet, String gateway,
                       int prefixLength, int vlan, BigInteger total, int used, List<AllocationItem> allocations) {
    }

    /** The -o json/yaml document. */
    public record Document(String apiVersion, String kind, List<Item> items) {
    }

    private final List<Pool> pools;

    public PoolListView(List<Pool> pools) {
        this.pools = List.copyOf(pools);
    }

    @Override
    public Table table() {
        Table t = Table.of(Column.text("NAME"), Column.text("RANGES"), Column.text("SUBNET"), Column.text("GATEWAY"),
                Column.number("VLAN"), Column.number("TOTAL"), Column.number("USED"), Column.wide("API-VERSION"));
        for (Pool p : pools) {
            PoolDefinition d = p.definition();
            t.row(d.name(), d.rangesText(), subnet(d), d.gateway(), Integer.toString(d.vlan()),
                    total(d), Integer.toString(p.allocations().size()), p.apiVersion());
        }
        return t;
    }

    /** The network the gateway and prefix length name (172.16.19.0/24), or null when they are not valid. */
    private static String subnet(PoolDefinition d) {
        return d.subnet().map(Object::toString).orElse(null);
    }

    private static String total(PoolDefinition d) {
        try {
            return PoolCapacity.of(d).total().toString();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    @Override
    public Object document() {
        List<Item> items = new ArrayList<>();
        for (Pool p : pools) {
            PoolDefinition d = p.definition();
            BigInteger total;
            try {
                total = PoolCapacity.of(d).total();
            } catch (IllegalArgumentException e) {
                total = null;
            }
            items.add(new Item(d.name(), p.apiVersion(), d.ranges().stream().map(PoolRangeSpec::text).toList(),
                    subnet(d), d.gateway(), d.prefixLength(), d.vlan(), total, p.allocations().size(),
                    p.allocations().stream().map(a -> new AllocationItem(a.ip(), a.phase(), a.ownerText())).toList()));
        }
        return new Document("ipamctl/v1", "PoolList", items);
    }

    @Override
    public List<String> names() {
        return pools.stream().map(p -> "ippool/" + p.definition().name()).toList();
    }
}
