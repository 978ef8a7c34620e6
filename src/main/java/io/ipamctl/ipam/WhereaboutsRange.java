package io.ipamctl.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One range of a Whereabouts IPAM config, read as Whereabouts reads it (pkg/config, pkg/iphelpers,
 * pkg/allocate):
 * <ul>
 * <li>{@code range} is a CIDR, or {@code START-END/PREFIX}, which sets range_start and range_end itself;</li>
 * <li>candidates run from the CIDR's network+1 to its last address-1 (IPv6 too); range_start and range_end
 * narrow that span only when they lie inside it (else they are ignored, as Whereabouts does);</li>
 * <li>every {@code exclude} CIDR (or single address) is cut out whole;</li>
 * <li>the gateway is <b>not</b> taken out: Whereabouts hands it out unless it is excluded or outside the span.</li>
 * </ul>
 *
 * @param cidr    the range's prefix, masked (what Whereabouts writes into IPPool spec.range)
 * @param usable  the addresses Whereabouts can hand out from it
 */
public record WhereaboutsRange(Cidr cidr, IpRangeSet usable) {

    /**
     * @param range      the config's "range"
     * @param rangeStart "range_start" or null
     * @param rangeEnd   "range_end" or null
     * @param exclude    the "exclude" entries (may be empty)
     * @throws IllegalArgumentException naming the value Whereabouts would refuse
     */
    public static WhereaboutsRange parse(String range, String rangeStart, String rangeEnd, List<String> exclude) {
        if (range == null || range.isBlank()) {
            throw new IllegalArgumentException("no \"range\" in the whereabouts IPAM config");
        }
        String cidrText = range;
        IpAddress start = optionalIp("range_start", rangeStart);
        IpAddress end = optionalIp("range_end", rangeEnd);
        int dash = range.indexOf('-');
        if (dash >= 0) {
            start = IpAddress.tryParse(range.substring(0, dash))
                    .orElseThrow(() -> new IllegalArgumentException("invalid range start IP in \"" + range + "\""));
            cidrText = range.substring(dash + 1);
            end = Cidr.tryParse(cidrText).map(Cidr::address).orElse(null);
        }
        Cidr written = Cidr.tryParse(cidrText)
                .orElseThrow(() ->
                        new IllegalArgumentException("invalid CIDR \"" + range + "\" in the whereabouts IPAM config"));
        Cidr cidr = new Cidr(written.network(), written.prefixLength());
        if (dash >= 0 && !cidr.contains(start)) {
            throw new IllegalArgumentException("invalid range start for CIDR " + cidr + ": " + start);
        }
        if (cidr.family().bits() - cidr.prefixLength() <= 1) {
            return new WhereaboutsRange(cidr, IpRangeSet.empty());
        }
        IpAddress first = cidr.network().plus(1);
        IpAddress last = cidr.last().plus(-1);
        if (start != null && inside(start, first, last)) {
            first = start;
        }
        if (end != null && inside(end, first, last)) {
            last = end;
        }
        IpRangeSet usable = IpRangeSet.union(List.of(new IpRange(first, last)));
        for (String x : exclude) {
            usable = usable.minus(excluded(x).asRange());
        }
        return new WhereaboutsRange(cidr, usable);
    }

    private static boolean inside(IpAddress ip, IpAddress first, IpAddress last) {
        return ip.family() == first.family() && first.compareTo(ip) <= 0 && ip.compareTo(last) <= 0;
    }

    private static IpAddress optionalIp(String key, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return IpAddress.tryParse(text)
                .orElseThrow(() -> new IllegalArgumentException(
                        "invalid " + key + " \"" + text + "\" in the whereabouts IPAM config"));
    }

    private static Cidr excluded(String text) {
        Optional<Cidr> cidr = Cidr.tryParse(text);
        if (cidr.isPresent()) {
            return cidr.get();
        }
        IpAddress ip = IpAddress.tryParse(text)
                .orElseThrow(() -> new IllegalArgumentException("invalid CIDR in exclude list \"" + text + "\""));
        return new Cidr(ip, ip.family().bits());
    }

    /** The IPPool name Whereabouts uses: the range with ':' and '/' as '-', after "NETWORK-" when named. */
    public String poolName(String networkName) {
        String normalized = normalize(cidr.toString());
        return networkName == null || networkName.isEmpty() ? normalized : networkName + "-" + normalized;
    }

    /** A range as Whereabouts puts it into a pool name (normalizeRange): a trailing ':' gets a '0', ':' and '/' become '-'. */
    public static String normalize(String range) {
        String r = range.endsWith(":") ? range + "0" : range;
        return r.replace(':', '-').replace('/', '-');
    }

    /** Network+1 .. last-1 of a CIDR, what Whereabouts hands out of it before range_start/end and exclude (none below 2 host bits). */
    public static IpRangeSet span(Cidr cidr) {
        if (cidr.family().bits() - cidr.prefixLength() <= 1) {
            return IpRangeSet.empty();
        }
        return IpRangeSet.union(
                List.of(new IpRange(cidr.network().plus(1), cidr.last().plus(-1))));
    }

    /**
     * The address an allocation key stands for: the decimal offset (Go ParseInt syntax) added to the IP
     * written in spec.range, unmasked. Empty when Whereabouts would ignore the key or it leaves the family.
     */
    public static Optional<IpAddress> addressAt(String specRange, String offsetKey) {
        Optional<Cidr> base = Cidr.tryParse(specRange);
        if (base.isEmpty() || offsetKey == null || !offsetKey.matches("[+-]?[0-9]{1,19}")) {
            return Optional.empty();
        }
        BigInteger offset = new BigInteger(offsetKey.startsWith("+") ? offsetKey.substring(1) : offsetKey);
        if (offset.signum() < 0 || offset.bitLength() > 63) {
            return Optional.empty();
        }
        BigInteger value = base.get().address().value().add(offset);
        IpFamily family = base.get().family();
        if (value.compareTo(IpAddress.maxValue(family)) > 0) {
            return Optional.empty();
        }
        return Optional.of(IpAddress.of(family, value));
    }

    /** The decimal offset Whereabouts would write for ip in a pool whose spec.range is specRange. */
    public static String offsetOf(String specRange, IpAddress ip) {
        return ip.value().subtract(Cidr.parse(specRange).address().value()).toString();
    }

    /** A copy of the usable set, for callers that merge ranges of several networks. */
    public List<IpRange> usableRanges() {
        return new ArrayList<>(usable.ranges());
    }
}
