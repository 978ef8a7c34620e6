package io.ipamctl.sources;

import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpamSource;

/**
 * What `pool release` would free.
 *
 * @param pool  the pool's qualified name: "pool-db", or "kube-system/192.168.20.0-24" for Whereabouts
 * @param label how messages name the pool ("pool pool-db", "whereabouts pool kube-system/192.168.20.0-24")
 * @param owner the recorded owner, or null
 * @param why   why the owner counts as gone
 * @param revision the pool's resourceVersion the check was made at: the removal is refused (409) if it changed since
 */
public record ReleasePlan(
        IpamSource source, String pool, String label, IpAddress ip, String owner, String why, String revision) {}
