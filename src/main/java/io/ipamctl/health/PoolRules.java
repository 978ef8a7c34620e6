package io.ipamctl.health;

import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpFamily;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.NamespacePools;
import io.ipamctl.ipam.Problem;
import io.ipamctl.ipam.SourceUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks `bindings` (Namespaces bound to pools that do not exist or are full), `pool-usage` (pools at or above
 * the threshold, and full ones) and `pool-check` (what `pool check` finds, summed up).
 */
public final class PoolRules {

    public static final String BINDINGS = "bindings";
    public static final String POOL_USAGE = "pool-usage";
    public static final String POOL_CHECK = "pool-check";

    private PoolRules() {}

    /**
     * @param antreaServed whether IPPools are served at all
     * @param antreaPools  the usage rows of the Antrea IPPools
     */
    public static CheckResult bindings(
            List<NamespacePools> bindings, boolean antreaServed, List<SourceUsage> antreaPools) {
        if (bindings.isEmpty()) {
            return CheckResult.ok(BINDINGS, "no Namespace is bound to a pool");
        }
        if (!antreaServed) {
            return CheckResult.failed(
                    BINDINGS,
                    bindings.size() + (bindings.size() == 1 ? " Namespace is" : " Namespaces are")
                            + " bound to pools, but IPPools are not served: their new Pods get no address",
                    "see the crds and feature-gate checks");
        }
        Map<String, SourceUsage> byName = new LinkedHashMap<>();
        antreaPools.forEach(u -> byName.put(u.name(), u));
        List<String> failed = new ArrayList<>();
        List<String> warned = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (NamespacePools b : bindings) {
            List<String> missing =
                    b.pools().stream().filter(p -> !byName.containsKey(p)).toList();
            List<SourceUsage> present = b.pools().stream()
                    .filter(byName::containsKey)
                    .map(byName::get)
                    .toList();
            if (present.isEmpty()) {
                failed.add(b.namespace() + " → " + String.join(", ", missing) + " (not found)");
                continue;
            }
            Optional<String> fullFamily = fullFamily(present);
            if (fullFamily.isPresent()) {
                failed.add(b.namespace() + " → "
                        + String.join(
                                ", ",
                                present.stream()
                                        .map(u -> u.name() + " (full: " + FillText.of(u.fill()) + ")")
                                        .toList()));
            } else if (!missing.isEmpty()) {
                warned.add(b.namespace() + " → " + String.join(", ", missing) + " (not found, Antrea skips it)");
            } else {
                fine.add(b.namespace() + " → "
                        + String.join(
                                ", ",
                                present.stream()
                                        .map(u -> u.name() + " " + FillText.of(u.fill()))
                                        .toList()));
            }
        }
        if (!failed.isEmpty()) {
            List<String> all = new ArrayList<>(failed);
            all.addAll(warned);
            return CheckResult.failed(
                    BINDINGS,
                    String.join("; ", all) + ": their new Pods get no address",
                    "create the missing pools (ipamctl pool create), free or add addresses in the full ones, or bind the "
                            + "Namespaces to pools with room (ipamctl ns bind)");
        }
        if (!warned.isEmpty()) {
            return CheckResult.warning(
                    BINDINGS,
                    String.join("; ", warned),
                    "drop the missing names from the Namespaces' "
                            + "ipam.antrea.io/ippools (ipamctl ns bind), or create the pools");
        }
        return CheckResult.ok(BINDINGS, String.join("; ", fine));
    }

    /** The family whose every pool in the binding is full (Antrea tries the next pool of a family only). */
    private static Optional<String> fullFamily(List<SourceUsage> pools) {
        Map<String, Boolean> allFull = new LinkedHashMap<>();
        for (SourceUsage u : pools) {
            String family = IpAddress.tryParse(u.gateway())
                    .map(IpAddress::family)
                    .map(IpFamily::toString)
                    .orElse("?");
            allFull.merge(family, FillText.full(u.fill()), Boolean::logicalAnd);
        }
        return allFull.entrySet().stream()
                .filter(Map.Entry::getValue)
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** @param threshold the percentage at or above which a pool is reported */
    public static CheckResult poolUsage(List<SourceUsage> usages, double threshold) {
        String at = String.format(
                Locale.ROOT,
                "%s%%",
                java.math.BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString());
        if (usages.isEmpty()) {
            return CheckResult.ok(POOL_USAGE, "no pools");
        }
        List<SourceUsage> full =
                usages.stream().filter(u -> FillText.full(u.fill())).toList();
        List<SourceUsage> high = usages.stream()
                .filter(u -> !FillText.full(u.fill()) && u.fill().atOrAbove(threshold))
                .toList();
        if (!full.isEmpty()) {
            List<String> names = full.stream()
                    .map(u -> u.label() + " (" + FillText.of(u.fill()) + ")")
                    .toList();
            List<String> more = high.stream()
                    .map(u -> u.label() + " (" + FillText.of(u.fill()) + ")")
                    .toList();
            return CheckResult.failed(
                    POOL_USAGE,
                    "full: " + String.join(", ", names)
                            + (more.isEmpty() ? "" : "; at or above " + at + ": " + String.join(", ", more)),
                    "free addresses (ipamctl pool check finds leaked ones) or add ranges to the full pools");
        }
        if (!high.isEmpty()) {
            return CheckResult.warning(
                    POOL_USAGE,
                    "at or above " + at + ": "
                            + String.join(
                                    ", ",
                                    high.stream()
                                            .map(u -> u.label() + " (" + FillText.of(u.fill()) + ")")
                                            .toList()),
                    "free addresses (ipamctl pool check finds leaked ones) or add ranges before they run out");
        }
        SourceUsage fullest = usages.stream()
                .max(Comparator.comparingDouble(u -> u.fill().percent()))
                .orElseThrow();
        return CheckResult.ok(
                POOL_USAGE,
                usages.size() + (usages.size() == 1 ? " pool is" : " pools are") + " below " + at + " (fullest: "
                        + fullest.label() + ", " + FillText.of(fullest.fill()) + ")");
    }

    /** @param sources the sources pool check read */
    public static CheckResult poolCheck(List<IpamSource> sources, List<Problem> problems) {
        String in = sources.isEmpty()
                ? "no IPAM source"
                : String.join(", ", sources.stream().map(IpamSource::toString).toList());
        if (problems.isEmpty()) {
            return CheckResult.ok(POOL_CHECK, "no problems in " + in);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        problems.forEach(p -> counts.merge(p.kind().toString(), 1, Integer::sum));
        Status status = problems.stream().map(p -> severity(p.kind())).reduce(Status.OK, Status::worst);
        List<String> kinds = new ArrayList<>();
        counts.forEach((k, n) -> kinds.add(k + ": " + n));
        Problem first = problems.get(0);
        String example = first.kind() + " " + (first.ip() == null ? "" : first.ip() + " ") + "in " + first.source()
                + " pool " + first.pool() + (first.owner() == null ? "" : " (" + first.owner() + ")");
        String finding = problems.size() + (problems.size() == 1 ? " problem" : " problems") + " ("
                + String.join(", ", kinds) + ") in " + in + (problems.size() == 1 ? ": " : ", e.g. ") + example;
        return new CheckResult(
                POOL_CHECK,
                status,
                finding,
                "see ipamctl pool check (each leak comes with its release "
                        + "command; duplicates and overlaps need the Pods or pools changed)");
    }

    /** Duplicates, unrecorded addresses and overlaps hand one address to two Pods; the rest wastes or misleads. */
    static Status severity(Problem.Kind kind) {
        return switch (kind) {
            case UNRECORDED, DUPLICATE, OVERLAP -> Status.FAILED;
            default -> Status.WARNING;
        };
    }
}
