package io.ipamctl.ipam;

import java.util.Arrays;
import java.util.List;

/** Test pools written the short way: a range containing '/' is a CIDR, otherwise START-END. */
final class Pools {

    private Pools() {}

    static PoolRangeSpec spec(String text) {
        if (text.contains("/")) {
            return PoolRangeSpec.ofCidr(text);
        }
        int dash = text.indexOf('-');
        return PoolRangeSpec.ofStartEnd(text.substring(0, dash), text.substring(dash + 1));
    }

    static PoolDefinition pool(String name, String gateway, int prefixLength, int vlan, String... ranges) {
        return new PoolDefinition(name, Arrays.stream(ranges).map(Pools::spec).toList(), gateway, prefixLength, vlan);
    }

    static PoolDefinition pool(String gateway, int prefixLength, String... ranges) {
        return pool("pool-test", gateway, prefixLength, 0, ranges);
    }

    /** Ranges separated by ';' (a CSV cell holds them all). */
    static PoolDefinition poolOf(String gateway, int prefixLength, String ranges) {
        return pool(gateway, prefixLength, ranges.isEmpty() ? new String[0] : ranges.split(";"));
    }

    /** The seed scenario's pool (cli/cluster/seed.yaml). */
    static PoolDefinition poolAp() {
        return pool("pool-ap", "172.16.19.254", 24, 19, "172.16.19.11-172.16.19.50");
    }

    static PoolDefinition poolDb() {
        return pool("pool-db", "172.16.20.254", 24, 20, "172.16.20.11-172.16.20.50");
    }

    static List<IpAddress> ips(String... texts) {
        return Arrays.stream(texts).map(IpAddress::parse).toList();
    }
}
