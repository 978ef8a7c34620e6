package io.ipamctl.sources;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.PodIndex;
import io.ipamctl.ipam.PoolNames;
import io.ipamctl.ipam.ServiceIndex;
import io.ipamctl.kube.ConflictRetry;
import io.ipamctl.kube.OwnerLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * `pool release`: frees one leaked address of a pool of any source that keeps allocations, only after
 * checking that its owner is really gone; every attempt re-reads the pool, checks again, and writes
 * guarded by the revision it checked (a concurrent change answers 409 and the attempt is repeated).
 */
public final class AllocationRelease {

    private final List<PoolSource> sources;

    public AllocationRelease(KubernetesClient client) {
        this.sources = Sources.all(client);
    }

    /** Finds the pool and the allocation and checks its owner; refuses (exit 1) when the owner exists. */
    public ReleasePlan plan(String poolName, IpAddress ip) {
        Target t = target(poolName);
        return t.releaser().plan(t.pool(), ip);
    }

    /** Re-reads, re-checks and frees the address; the plan actually carried out is returned. */
    public ReleasePlan release(String poolName, IpAddress ip) {
        return ConflictRetry.run("releasing " + ip + " from " + poolName, () -> {
            Target t = target(poolName);
            ReleasePlan plan = t.releaser().plan(t.pool(), ip);
            t.releaser().remove(plan);
            return plan;
        });
    }

    private record Target(IpamSource source, PoolSource.Releaser releaser, String pool) {}

    /** The one pool the argument names among the sources that keep allocations. */
    private Target target(String poolName) {
        Optional<PoolSource> prefixed = PoolNames.sourcePrefix(poolName)
                .flatMap(id -> sources.stream().filter(s -> s.id() == id).findFirst());
        List<String> kinds = new ArrayList<>();
        sources.forEach(s -> s.releaser().ifPresent(r -> kinds.add(r.kind())));
        if (prefixed.isPresent() && prefixed.get().releaser().isEmpty()) {
            throw noAllocations(poolName, prefixed.get(), kinds);
        }
        List<Target> found = new ArrayList<>();
        for (PoolSource s : sources) {
            s.releaser().ifPresent(r -> r.find(poolName).ifPresent(p -> found.add(new Target(s.id(), r, p))));
        }
        if (found.size() > 1) {
            throw IpamctlException.invalid("\"" + SafeText.printable(poolName) + "\" names "
                    + String.join(
                            " and ",
                            found.stream()
                                    .map(t -> "the " + t.releaser().kind() + " " + t.pool())
                                    .toList())
                    + "; give its full name ("
                    + String.join(
                            " or ",
                            found.stream()
                                    .map(t -> PoolNames.full(t.source(), t.pool()))
                                    .toList()) + ")");
        }
        if (found.isEmpty()) {
            keepsNoAllocations(poolName, kinds);
            throw IpamctlException.failed("pool \"" + SafeText.printable(poolName) + "\" not found: no "
                    + String.join(" and no ", kinds) + " has that name (list them with: ipamctl pool usage)");
        }
        return found.get(0);
    }

    /** Refuses (exit 2) a name that only a source without allocations (Node IPAM) has, saying so. */
    private void keepsNoAllocations(String poolName, List<String> kinds) {
        for (PoolSource s : sources) {
            if (s.releaser().isPresent()) {
                continue;
            }
            boolean named;
            try {
                named = s.installed()
                        && s.read(new Reading(w -> {}, false, false, PodIndex::none, ServiceIndex::none))
                                .poolNames()
                                .contains(PoolNames.withoutPrefix(s.id(), poolName));
            } catch (IpamctlException e) {
                named = false; // unreadable: the plain "not found" below is still true
            }
            if (named) {
                throw noAllocations(poolName, s, kinds);
            }
        }
    }

    private static IpamctlException noAllocations(String poolName, PoolSource source, List<String> kinds) {
        return IpamctlException.invalid("invalid --pool \"" + SafeText.printable(poolName) + "\": " + source.id()
                + " pools keep no allocations to release (" + source.howFreed() + "); release frees "
                + String.join(" and ", kinds) + " addresses");
    }

    static IpamctlException notAllocated(IpAddress ip, String label) {
        return IpamctlException.failed(ip + " is not allocated in " + label + "; nothing to release");
    }

    static void requirePodGone(OwnerLookup owners, String owner, IpAddress ip, String label) {
        if (owners.podExists(owner)) {
            throw IpamctlException.failed("refusing to release " + ip + " from " + label + ": its owner pod " + owner
                    + " exists (only addresses of pods that are gone can be released)");
        }
    }
}
