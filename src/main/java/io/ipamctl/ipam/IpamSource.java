package io.ipamctl.ipam;

import java.util.Arrays;
import java.util.Optional;

/** The systems that hand out addresses in a cluster (Pods', Egresses', Services'), in the order ipamctl lists them. */
public enum IpamSource {
    /** Antrea IPAM IPPools (crd.antrea.io). */
    ANTREA("antrea"),
    /** Whereabouts cluster-wide ranges of Multus secondary networks (whereabouts.cni.cncf.io). */
    WHEREABOUTS("whereabouts"),
    /** Native Kubernetes Node IPAM: each Node's spec.podCIDRs. */
    NODE("node"),
    /** Antrea ExternalIPPools (crd.antrea.io): the addresses of Egresses and LoadBalancer Services. */
    EXTERNAL_IP("externalippool"),
    /** Kubernetes ServiceCIDRs and IPAddresses (networking.k8s.io/v1): the Services' ClusterIPs. */
    SERVICE_CIDR("servicecidr");

    private final String text;

    IpamSource(String text) {
        this.text = text;
    }

    public static Optional<IpamSource> fromText(String text) {
        return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst();
    }

    @Override
    public String toString() {
        return text;
    }
}
