package io.ipamctl.trace;

import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpFamily;
import java.util.List;
import java.util.Optional;

/**
 * The two addresses a packet is traced between, of one family.
 *
 * @param source      the source Pod's address
 * @param destination the destination Pod's address, the Service's cluster IP, or the IP
 */
public record TraceAddresses(IpAddress source, IpAddress destination) {

    public TraceAddresses {
        if (source.family() != destination.family()) {
            throw new IllegalArgumentException("a packet has one address family: " + source + " and " + destination);
        }
    }

    public IpFamily family() {
        return source.family();
    }

    /**
     * A family both endpoints have, so a dual-stack endpoint is traced in the family of a single-stack
     * one; IPv4 when both have both (a Traceflow without an IPv6 header is IPv4, as antctl sends it).
     */
    public static Optional<TraceAddresses> pick(List<IpAddress> source, List<IpAddress> destination) {
        for (IpFamily family : IpFamily.values()) {
            Optional<IpAddress> s = ofFamily(source, family);
            Optional<IpAddress> d = ofFamily(destination, family);
            if (s.isPresent() && d.isPresent()) {
                return Optional.of(new TraceAddresses(s.get(), d.get()));
            }
        }
        return Optional.empty();
    }

    /** The first address of that family. */
    public static Optional<IpAddress> ofFamily(List<IpAddress> ips, IpFamily family) {
        return ips.stream().filter(ip -> ip.family() == family).findFirst();
    }

    /** "IPv4", "IPv6" or "IPv4 and IPv6": the families of these addresses, for messages. */
    public static String families(List<IpAddress> ips) {
        return String.join(
                " and ",
                ips.stream()
                        .map(ip -> ip.family().toString())
                        .distinct()
                        .sorted()
                        .toList());
    }
}
