/**
 * The IPAM systems of a cluster, one {@link io.ipamctl.sources.PoolSource} each (Antrea IPPools,
 * Whereabouts, Node IPAM, Antrea ExternalIPPools, Kubernetes ServiceCIDRs), and
 * {@link io.ipamctl.sources.IpamInventory}, the list of them that every pool command reads through. A package of its own because a source joins the two layers below it and
 * belongs to neither: it reads through the stores of {@code io.ipamctl.kube} (which stay one class per
 * API, all fabric8 calls there) and hands what it read to its pure counterpart in {@code io.ipamctl.ipam}
 * (a {@link io.ipamctl.ipam.SourcePools}, where all counting and checking is). Commands see only these
 * two interfaces, so adding a source is one PoolSource, one SourcePools, their tests and a line in
 * {@link io.ipamctl.sources.Sources}.
 */
package io.ipamctl.sources;
