package io.ipamctl.kube;

import io.ipamctl.ipam.PoolDefinition;
import io.ipamctl.kube.crd.v1beta1.IPPool;

/** The pure pool definition of a v1beta1 IPPool object. */
public final class PoolDefinitions {

    private PoolDefinitions() {}

    public static PoolDefinition of(IPPool pool) {
        return PoolConversion.fromBeta(pool).definition();
    }
}
