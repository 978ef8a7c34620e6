package io.ipamctl.health;

import io.ipamctl.ipam.IpFamily;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@link AntreaIpamFailure}s back from the texts Antrea writes. */
final class FailureTexts {

    /** A Go %q string: its content in group 1. */
    private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";

    /** How each message is recognised. */
    private record Rule(Pattern pattern, Function<Matcher, AntreaIpamFailure> read) {
        static Rule of(String regex, Function<Matcher, AntreaIpamFailure> read) {
            return new Rule(Pattern.compile(regex), read);
        }
    }

    private static final List<Rule> RULES = List.of(
            Rule.of(
                    "failed to allocate (IPv4|IPv6) address for Pod (\\S+): all IPPools exhausted",
                    m -> new AntreaIpamFailure.PoolsExhausted(family(m.group(1)), m.group(2))),
            Rule.of(
                    "failed to allocate IP: Pool (\\S+) is exhausted",
                    m -> new AntreaIpamFailure.PoolExhausted(m.group(1))),
            // the pool allocator says "IP pool" when allocating, "IPPool" when looking for a reserved address
            Rule.of(
                    "IP (\\S+) does not belong to IP ?[pP]ool (\\S+)",
                    m -> new AntreaIpamFailure.OutsidePool(m.group(1), m.group(2))),
            Rule.of("IP (\\S+) is already allocated", m -> new AntreaIpamFailure.AlreadyAllocated(m.group(1))),
            Rule.of(
                    "IP (\\S+) is reserved and not available for allocation",
                    m -> new AntreaIpamFailure.ReservedAddress(m.group(1))),
            Rule.of(
                    "no valid IPPool found for configured pools: \\[([^\\]]*)\\]",
                    m -> new AntreaIpamFailure.NoValidPool(names(m.group(1)))),
            Rule.of(
                    "invalid IP " + QUOTED + " in ipam\\.antrea\\.io/pod-ips annotation " + QUOTED,
                    m -> new AntreaIpamFailure.InvalidPodIp(unquoted(m.group(1)), unquoted(m.group(2)))),
            Rule.of(
                    "multiple (IPv4|IPv6) addresses in ipam\\.antrea\\.io/pod-ips annotation " + QUOTED,
                    m -> new AntreaIpamFailure.SeveralAddresses(family(m.group(1)), unquoted(m.group(2)))),
            Rule.of(
                    "multiple (IPv4|IPv6) IPPools configured with requested (?:IPv4|IPv6) address\\(es\\) \\[([^\\]]*)\\]; "
                            + "configured (?:IPv4|IPv6) IPPools \\(\\d+\\): \\[([^\\]]*)\\]",
                    m -> new AntreaIpamFailure.SeveralPoolsForAddress(
                            family(m.group(1)), m.group(2), names(m.group(3)))),
            Rule.of(
                    "IPPools have conflicting VLAN IDs (\\d+) and (\\d+)",
                    m -> new AntreaIpamFailure.ConflictingVlans(
                            Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))),
            Rule.of(
                    "no IP addresses available in range set: (\\S+)",
                    m -> new AntreaIpamFailure.NodeRangeFull(m.group(1))),
            Rule.of(
                    "rpc error: code = Unavailable[^\\n]*/var/run/antrea/cni\\.sock[^\\n]*",
                    m -> new AntreaIpamFailure.AgentUnreachable(m.group().strip())));

    private FailureTexts() {}

    static Optional<AntreaIpamFailure> parse(String message) {
        if (message == null) {
            return Optional.empty();
        }
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(message);
            if (m.find()) {
                return Optional.of(rule.read().apply(m));
            }
        }
        return Optional.empty();
    }

    private static String unquoted(String s) {
        return s.replaceAll("\\\\(.)", "$1");
    }

    private static List<String> names(String list) {
        return list.isEmpty() ? List.of() : Arrays.asList(list.split(", "));
    }

    private static IpFamily family(String text) {
        return text.equals("IPv6") ? IpFamily.V6 : IpFamily.V4;
    }
}
