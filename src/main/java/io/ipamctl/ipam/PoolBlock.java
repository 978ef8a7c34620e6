package io.ipamctl.ipam;

/**
 * The addresses one pool claims, for overlap checks: what no pool of another system may hand out too.
 *
 * @param pool      the pool's qualified name
 * @param label     how messages name it ("pool pool-ap", "node node-01 podCIDR 10.211.1.0/24")
 * @param addresses every address the pool covers (a subnet as a whole: its network, gateway and broadcast too)
 */
public record PoolBlock(IpamSource source, String pool, String label, IpRangeSet addresses) {}
