package io.ipamctl.kube;

/** The IPPool API versions Antrea serves; v1beta1 is the storage version and preferred. */
public enum PoolVersion {
    V1BETA1("crd.antrea.io/v1beta1"),
    V1ALPHA2("crd.antrea.io/v1alpha2");

    private final String apiVersion;

    PoolVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String apiVersion() {
        return apiVersion;
    }
}
