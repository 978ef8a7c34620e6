package io.ipamctl.kube;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.ipamctl.IpamctlException;
import io.ipamctl.ipam.Allocation;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.WhereaboutsAllocation;
import io.ipamctl.ipam.WhereaboutsPool;

/**
 * `pool release`: frees one leaked address of an Antrea or Whereabouts pool, only after checking that
 * its owner is really gone; every attempt re-reads the pool, checks again, and writes with a
 * resourceVersion-checked merge patch (a concurrent change answers 409 and the attempt is repeated).
 */
public final class AllocationRelease {

    /**
     * What would be freed.
     *
     * @param pool  "pool-db", or "kube-system/192.168.20.0-24" for Whereabouts
     * @param owner the recorded owner, or null
     * @param why   why the owner counts as gone
     */
    public record Plan(IpamSource source, String pool, IpAddress ip, String owner, String why) {

        public String label() {
            return (source == IpamSource.WHEREABOUTS ? "whereabouts pool " : "pool ") + pool;
        }
    }

    private final KubernetesClient client;
    private final IpPoolStore antrea;
    private final WhereaboutsStore whereabouts;

    public AllocationRelease(KubernetesClient client) {
        this.client = client;
        this.antrea = new IpPoolStore(client);
        this.whereabouts = new WhereaboutsStore(client);
    }

    /** Finds the pool and the allocation and checks its owner; refuses (exit 1) when the owner exists. */
    public Plan plan(String poolName, IpAddress ip) {
        Optional<PoolRecord> a = !poolName.contains("/") && antrea.installed() ? antrea.find(poolName) : Optional.empty();
        Optional<WhereaboutsPool> w = findWhereabouts(poolName);
        if (a.isPresent() && w.isPresent()) {
            throw IpamctlException.invalid("\"" + poolName + "\" names both an Antrea IPPool and a Whereabouts IPPool; "
                    + "give the Whereabouts one as NAMESPACE/NAME (" + w.get().qualifiedName() + ")");
        }
        if (a.isPresent()) {
            return antreaPlan(a.get(), ip);
        }
        if (w.isPresent()) {
            return whereaboutsPlan(w.get(), ip);
        }
        throw IpamctlException.failed("pool \"" + poolName + "\" not found: no Antrea IPPool and no Whereabouts IPPool "
                + "has that name (list them with: ipamctl pool usage)");
    }

    private Optional<WhereaboutsPool> findWhereabouts(String poolName) {
        if (!whereabouts.installed()) {
            return Optional.empty();
        }
        int slash = poolName.indexOf('/');
        if (slash > 0) {
            return whereabouts.find(poolName.substring(0, slash), poolName.substring(slash + 1));
        }
        List<WhereaboutsPool> named = whereabouts.pools().stream().filter(p -> p.name().equals(poolName)).toList();
        if (named.size() > 1) {
            throw IpamctlException.invalid("Whereabouts IPPool \"" + poolName + "\" exists in several namespaces ("
                    + String.join(", ", named.stream().map(WhereaboutsPool::qualifiedName).toList()) + "); give NAMESPACE/NAME");
        }
        return named.stream().findFirst();
    }

    private Plan antreaPlan(PoolRecord pool, IpAddress ip) {
        Allocation a = pool.allocations().stream().filter(x -> IpAddress.tryParse(x.ip()).map(ip::equals).orElse(false))
                .findFirst().orElseThrow(() -> notAllocated(ip, "pool " + pool.name()));
        String label = "pool " + pool.name();
        if (a.podOwner() != null) {
            requirePodGone(a.podOwner(), ip, label);
            return new Plan(IpamSource.ANTREA, pool.name(), ip, a.podOwner(), "pod not found");
        }
        if (a.statefulSetOwner() != null) {
            String[] nsName = a.statefulSetOwner().split("/", 2);
            if (get(() -> client.apps().statefulSets().inNamespace(nsName[0]).withName(nsName[1]).get()) != null) {
                throw IpamctlException.failed("refusing to release " + ip + " from " + label + ": it is reserved for StatefulSet "
                        + a.ownerText() + ", which exists");
            }
            return new Plan(IpamSource.ANTREA, pool.name(), ip, a.ownerText(), "StatefulSet not found");
        }
        return new Plan(IpamSource.ANTREA, pool.name(), ip, null, "no owner recorded");
    }

    private Plan whereaboutsPlan(WhereaboutsPool pool, IpAddress ip) {
        String label = "whereabouts pool " + pool.qualifiedName();
        WhereaboutsAllocation a = pool.allocationOf(ip).orElseThrow(() -> notAllocated(ip, label));
        if (a.podRef() != null && a.podRef().contains("/")) {
            requirePodGone(a.podRef(), ip, label);
            return new Plan(IpamSource.WHEREABOUTS, pool.qualifiedName(), ip, a.podRef(), "pod not found");
        }
        return new Plan(IpamSource.WHEREABOUTS, pool.qualifiedName(), ip, a.podRef(), "no owner pod recorded");
    }

    private static IpamctlException notAllocated(IpAddress ip, String label) {
        return IpamctlException.failed(ip + " is not allocated in " + label + "; nothing to release");
    }

    private void requirePodGone(String owner, IpAddress ip, String label) {
        String[] nsName = owner.split("/", 2);
        if (get(() -> client.pods().inNamespace(nsName[0]).withName(nsName[1]).get()) != null) {
            throw IpamctlException.failed("refusing to release " + ip + " from " + label + ": its owner pod " + owner
                    + " exists (only addresses of pods that are gone can be released)");
        }
    }

    /** Re-reads, re-checks and frees the address; the plan actually carried out is returned. */
    public Plan release(String poolName, IpAddress ip) {
        return ConflictRetry.run("releasing " + ip + " from " + poolName, () -> {
            Plan plan = plan(poolName, ip);
            try {
                if (plan.source() == IpamSource.ANTREA) {
                    removeAntrea(plan);
                } else {
                    removeWhereabouts(plan);
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    throw e;
                }
                throw KubeErrors.translate(e, client.getMasterUrl().toString());
            }
            return plan;
        });
    }

    private void removeAntrea(Plan plan) {
        ResourceDefinitionContext kind = new ResourceDefinitionContext.Builder().withGroup("crd.antrea.io")
                .withVersion(antrea.version().apiVersion().substring("crd.antrea.io/".length())).withPlural("ippools")
                .withKind("IPPool").withNamespaced(false).build();
        var resource = client.genericKubernetesResources(kind).withName(plan.pool());
        GenericKubernetesResource pool = resource.get();
        Map<?, ?> status = pool == null ? null : asMap(pool.getAdditionalProperties().get("status"));
        List<?> entries = status != null && status.get("ipAddresses") instanceof List<?> l ? l : List.of();
        int index = -1;
        for (int i = 0; i < entries.size() && index < 0; i++) {
            Map<?, ?> e = asMap(entries.get(i));
            if (e != null && IpAddress.tryParse(String.valueOf(e.get("ipAddress"))).map(plan.ip()::equals).orElse(false)) {
                index = i;
            }
        }
        if (index < 0) {
            throw notAllocated(plan.ip(), "pool " + plan.pool());
        }
        GuardedPatch patch = new GuardedPatch(pool.getMetadata().getResourceVersion())
                .remove("status", "ipAddresses", Integer.toString(index));
        if (asMap(status.get("usage")) != null) {
            patch.replace(entries.size() - 1, "status", "usage", "used");
        }
        resource.subresource("status").patch(PatchContext.of(PatchType.JSON), patch.json());
    }

    private void removeWhereabouts(Plan plan) {
        int slash = plan.pool().indexOf('/');
        WhereaboutsPool pool = whereabouts.find(plan.pool().substring(0, slash), plan.pool().substring(slash + 1)).orElseThrow();
        WhereaboutsAllocation a = pool.allocationOf(plan.ip()).orElseThrow();
        whereabouts.removeAllocation(pool, a.offset());
        whereabouts.removeReservation(pool, plan.ip(), a.podRef());
    }

    private static Map<?, ?> asMap(Object o) {
        return o instanceof Map<?, ?> m ? m : null;
    }

    private <T> T get(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }
}
