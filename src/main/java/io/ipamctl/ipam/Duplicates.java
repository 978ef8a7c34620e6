package io.ipamctl.ipam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One address recorded for two owners in a source's own allocations. */
final class Duplicates {

    /** One holder of an address. */
    record Holder(String pool, String owner) {}

    private Duplicates() {}

    /** A problem per address with more than one holder. */
    static List<Problem> allocatedTwice(IpamSource source, Map<IpAddress, List<Holder>> holders) {
        List<Problem> out = new ArrayList<>();
        holders.forEach((ip, list) -> {
            if (list.size() > 1) {
                out.add(new Problem(
                        Problem.Kind.DUPLICATE,
                        source,
                        String.join(
                                ", ", list.stream().map(Holder::pool).distinct().toList()),
                        ip.toString(),
                        String.join(
                                ", ",
                                list.stream()
                                        .map(h -> Objects.toString(h.owner(), "<none>"))
                                        .toList()),
                        "allocated " + list.size() + " times"));
            }
        });
        return out;
    }
}
