package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.ipamctl.ipam.Allocation;
import io.ipamctl.ipam.PoolDefinition;
import io.ipamctl.ipam.PoolRangeSpec;
import io.ipamctl.kube.crd.v1beta1.IPPool;
import io.ipamctl.kube.crd.v1beta1.IPPoolSpec;
import io.ipamctl.kube.crd.v1beta1.IPPoolStatus;
import io.ipamctl.kube.crd.v1beta1.ippoolspec.IpRanges;
import io.ipamctl.kube.crd.v1beta1.ippoolspec.SubnetInfo;
import io.ipamctl.kube.crd.v1beta1.ippoolstatus.IpAddresses;
import java.util.ArrayList;
import java.util.List;

/** Between the generated IPPool models of both versions and the plain {@link PoolDefinition}. */
final class PoolConversion {

    private PoolConversion() {}

    static PoolRecord fromBeta(IPPool pool) {
        return fromBeta(pool, allocations(pool.getStatus()));
    }

    /** The pool with the status entries read apart from the model (see {@link PoolListReader}). */
    static PoolRecord fromBeta(IPPool pool, List<Allocation> allocations) {
        IPPoolSpec spec = pool.getSpec();
        List<PoolRangeSpec> ranges = new ArrayList<>();
        String gateway = null;
        int prefix = 0;
        int vlan = 0;
        if (spec != null) {
            if (spec.getIpRanges() != null) {
                for (IpRanges r : spec.getIpRanges()) {
                    ranges.add(new PoolRangeSpec(r.getCidr(), r.getStart(), r.getEnd()));
                }
            }
            SubnetInfo s = spec.getSubnetInfo();
            if (s != null) {
                gateway = s.getGateway();
                prefix = s.getPrefixLength() == null ? 0 : s.getPrefixLength().intValue();
                vlan = s.getVlan() == null ? 0 : s.getVlan().intValue();
            }
        }
        PoolDefinition def = new PoolDefinition(pool.getMetadata().getName(), ranges, gateway, prefix, vlan);
        return withStatus(def, pool.getStatus(), allocations, PoolVersion.V1BETA1, pool.getMetadata(), List.of());
    }

    static PoolRecord fromAlpha(io.ipamctl.kube.crd.v1alpha2.IPPool pool) {
        IPPoolStatus status = betaStatus(pool);
        return fromAlpha(pool, status, allocations(status));
    }

    /** The pool with the status entries read apart from the model (see {@link PoolListReader}). */
    static PoolRecord fromAlpha(io.ipamctl.kube.crd.v1alpha2.IPPool pool, List<Allocation> allocations) {
        return fromAlpha(pool, betaStatus(pool), allocations);
    }

    private static PoolRecord fromAlpha(
            io.ipamctl.kube.crd.v1alpha2.IPPool pool, IPPoolStatus status, List<Allocation> allocations) {
        var spec = pool.getSpec();
        List<PoolRangeSpec> ranges = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String gateway = null;
        int prefix = 0;
        int vlan = 0;
        if (spec != null && spec.getIpRanges() != null) {
            boolean first = true;
            for (var r : spec.getIpRanges()) {
                ranges.add(new PoolRangeSpec(r.getCidr(), r.getStart(), r.getEnd()));
                int p = r.getPrefixLength() == null ? 0 : r.getPrefixLength().intValue();
                int v = r.getVlan() == null ? 0 : r.getVlan().intValue();
                if (first) {
                    gateway = r.getGateway();
                    prefix = p;
                    vlan = v;
                    first = false;
                } else if (!String.valueOf(gateway).equals(String.valueOf(r.getGateway()))
                        || prefix != p
                        || vlan != v) {
                    problems.add(
                            "ranges have different subnet information; Antrea cannot convert this pool to v1beta1");
                }
            }
        }
        PoolDefinition def = new PoolDefinition(pool.getMetadata().getName(), ranges, gateway, prefix, vlan);
        return withStatus(def, status, allocations, PoolVersion.V1ALPHA2, pool.getMetadata(), problems);
    }

    /** The status schema is the same in both versions; read it through the v1beta1 model. */
    private static IPPoolStatus betaStatus(io.ipamctl.kube.crd.v1alpha2.IPPool pool) {
        if (pool.getStatus() == null) {
            return null;
        }
        return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                io.fabric8.kubernetes.client.utils.Serialization.asJson(pool.getStatus()), IPPoolStatus.class);
    }

    private static List<Allocation> allocations(IPPoolStatus status) {
        List<Allocation> allocations = new ArrayList<>();
        if (status != null && status.getIpAddresses() != null) {
            for (IpAddresses a : status.getIpAddresses()) {
                allocations.add(allocation(a));
            }
        }
        return allocations;
    }

    private static PoolRecord withStatus(
            PoolDefinition def,
            IPPoolStatus status,
            List<Allocation> allocations,
            PoolVersion version,
            ObjectMeta meta,
            List<String> problems) {
        Integer used = null;
        Integer total = null;
        if (status != null) {
            if (status.getUsage() != null) {
                used = status.getUsage().getUsed() == null
                        ? null
                        : status.getUsage().getUsed().intValue();
                total = status.getUsage().getTotal() == null
                        ? null
                        : status.getUsage().getTotal().intValue();
            }
        }
        return new PoolRecord(
                def,
                allocations,
                used,
                total,
                version.apiVersion(),
                meta.getResourceVersion(),
                problems,
                meta.getUid(),
                CreationTime.parse(meta.getCreationTimestamp()));
    }

    private static Allocation allocation(IpAddresses a) {
        String[] pod = null;
        String[] sts = null;
        if (a.getOwner() != null) {
            var p = a.getOwner().getPod();
            if (p != null) {
                pod = new String[] {p.getNamespace(), p.getName(), p.getContainerID()};
            }
            var s = a.getOwner().getStatefulSet();
            if (s != null) {
                sts = new String[] {
                    s.getNamespace(),
                    s.getName(),
                    s.getIndex() == null ? null : s.getIndex().toString()
                };
            }
        }
        return allocation(a.getIpAddress(), a.getPhase(), pod, sts);
    }

    /**
     * One status entry; owners as the API has them.
     *
     * @param pod the owner Pod's namespace, name and containerID, or null
     * @param sts the owner StatefulSet's namespace, name and replica index, or null
     */
    static Allocation allocation(String ip, String phase, String[] pod, String[] sts) {
        return new Allocation(
                ip,
                phase,
                pod == null ? null : pod[0] + "/" + pod[1],
                pod == null ? null : pod[2],
                sts == null ? null : sts[0] + "/" + sts[1],
                sts == null || sts[2] == null ? null : Integer.valueOf(sts[2]));
    }

    static IPPool toBeta(PoolDefinition def) {
        IPPool pool = new IPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(def.name()).build());
        IPPoolSpec spec = new IPPoolSpec();
        List<IpRanges> ranges = new ArrayList<>();
        for (PoolRangeSpec r : def.ranges()) {
            IpRanges x = new IpRanges();
            x.setCidr(r.cidr());
            x.setStart(r.start());
            x.setEnd(r.end());
            ranges.add(x);
        }
        spec.setIpRanges(ranges);
        SubnetInfo subnet = new SubnetInfo();
        subnet.setGateway(def.gateway());
        subnet.setPrefixLength((long) def.prefixLength());
        if (def.vlan() != 0) {
            subnet.setVlan((long) def.vlan());
        }
        spec.setSubnetInfo(subnet);
        pool.setSpec(spec);
        return pool;
    }

    static io.ipamctl.kube.crd.v1alpha2.IPPool toAlpha(PoolDefinition def, int ipVersion) {
        var pool = new io.ipamctl.kube.crd.v1alpha2.IPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(def.name()).build());
        var spec = new io.ipamctl.kube.crd.v1alpha2.IPPoolSpec();
        spec.setIpVersion(
                ipVersion == 6
                        ? io.ipamctl.kube.crd.v1alpha2.IPPoolSpec.IpVersion.V__6
                        : io.ipamctl.kube.crd.v1alpha2.IPPoolSpec.IpVersion.V__4);
        List<io.ipamctl.kube.crd.v1alpha2.ippoolspec.IpRanges> ranges = new ArrayList<>();
        for (PoolRangeSpec r : def.ranges()) {
            var x = new io.ipamctl.kube.crd.v1alpha2.ippoolspec.IpRanges();
            x.setCidr(r.cidr());
            x.setStart(r.start());
            x.setEnd(r.end());
            x.setGateway(def.gateway());
            x.setPrefixLength((long) def.prefixLength());
            if (def.vlan() != 0) {
                x.setVlan((long) def.vlan());
            }
            ranges.add(x);
        }
        spec.setIpRanges(ranges);
        pool.setSpec(spec);
        return pool;
    }
}
