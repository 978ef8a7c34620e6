package io.ipamctl.ipam;

/**
 * A Kubernetes IPAddress object (networking.k8s.io/v1): the record that one address is taken, named
 * after the address in canonical form, pointing at what holds it.
 *
 * @param ip        metadata.name, the address
 * @param managedBy label ipaddress.kubernetes.io/managed-by ("ipallocator.k8s.io" for ClusterIPs), or null
 * @param parentGroup    spec.parentRef.group ("" for core)
 * @param parentResource spec.parentRef.resource ("services" for a ClusterIP)
 */
public record IpAddressObject(
        String ip,
        String managedBy,
        String parentGroup,
        String parentResource,
        String parentNamespace,
        String parentName) {

    /** The label value of the API server's ClusterIP allocator; only those IPAddresses are its allocations. */
    public static final String CLUSTER_IP_ALLOCATOR = "ipallocator.k8s.io";

    public boolean clusterIp() {
        return CLUSTER_IP_ALLOCATOR.equals(managedBy);
    }

    /** Whether the parent is a core Service. */
    public boolean ofService() {
        return (parentGroup == null || parentGroup.isEmpty()) && "services".equals(parentResource);
    }

    /** "service/NAMESPACE/NAME", or "RESOURCE[.GROUP]/NAMESPACE/NAME" for another parent. */
    public String owner() {
        if (ofService()) {
            return ServiceFacts.ownerName(parentNamespace, parentName);
        }
        String kind = parentResource + (parentGroup == null || parentGroup.isEmpty() ? "" : "." + parentGroup);
        return kind + "/" + (parentNamespace == null || parentNamespace.isEmpty() ? "" : parentNamespace + "/")
                + parentName;
    }
}
