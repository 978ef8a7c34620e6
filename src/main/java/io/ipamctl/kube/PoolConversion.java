package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.List;

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

/** Between the generated IPPool models of both versions and the plain {@link PoolDefinition}. */
final class PoolConversion {

    private PoolConversion() {
    }

    static PoolRecord fromBeta(IPPool pool) {
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
        return withStatus(def, pool.getStatus(), PoolVersion.V1BETA1, pool.getMetadata(), List.of());
    }

    static PoolRecord fromAlpha(io.ipamctl.kube.crd.v1alpha2.IPPool pool) {
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
                } else if (!String.valueOf(gateway).equals(String.valueOf(r.getGateway())) || prefix != p || vlan != v) {
                    problems.add("ranges have different subnet information; Antrea cannot convert this pool to v1beta1");
                }
            }
        }
        PoolDefinition def = new PoolDefinition(pool.getMetadata().getName(), ranges, gateway, prefix, vlan);
        IPPoolStatus status = null;
        if (pool.getStatus() != null) {
            // The status schema is the same in both versions; read it through the v1beta1 model.
            status = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                    io.fabric8.kubernetes.client.utils.Serialization.asJson(pool.getStatus()), IPPoolStatus.class);
        }
        return withStatus(def, status, PoolVersion.V1ALPHA2, pool.getMetadata(), problems);
    }

    private static PoolRecord withStatus(PoolDefinition def, IPPoolStatus status, PoolVersion version,
                                         ObjectMeta meta, List<String> problems) {
        List<Allocation> allocations = new ArrayList<>();
        Integer used = null;
        Integer total = null;
        if (status != null) {
            if (status.getIpAddresses() != null) {
                for (IpAddresses a : status.getIpAddresses()) {
                    allocations.add(allocation(a));
                }
            }
            if (status.getUsage() != null) {
                used = status.getUsage().getUsed() == null ? null : status.getUsage().getUsed().intValue();
                total = status.getUsage().getTotal() == null ? null : status.getUsage().getTotal().intValue();
            }
        }
        return new PoolRecord(def, allocations, used, total, version.apiVersion(), meta.getResourceVersion(), problems,
                meta.getUid());
    }

    private static Allocation allocation(IpAddresses a) {
        String pod = null;
        String container = null;
        String sts = null;
        Integer index = null;
        if (a.getOwner() != null) {
            var p = a.getOwner().getPod();
            if (p != null) {
                pod = p.getNamespace() + "/" + p.getName();
                container = p.getContainerID();
            }
            var s = a.getOwner().getStatefulSet();
            if (s != null) {
                sts = s.getNamespace() + "/" + s.getName();
                index = s.getIndex() == null ? null : s.getIndex().intValue();
            }
        }
        return new Allocation(a.getIpAddress(), a.getPhase(), pod, container, sts, index);
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
        spec.setIpVersion(ipVersion == 6 ? io.ipamctl.kube.crd.v1alpha2.IPPoolSpec.IpVersion.V__6
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
