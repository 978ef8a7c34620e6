package io.ipamctl.ipam;

/**
 * An Egress or a LoadBalancer Service that takes its address from an ExternalIPPool.
 *
 * @param namespace the Service's namespace (Egresses are cluster-scoped: null)
 * @param pool      the ExternalIPPool it names (Egress spec.externalIPPool, the Service's
 *                  service.antrea.io/external-ip-pool)
 * @param ip        the address it holds (Egress spec.egressIP, the Service's status.loadBalancer.ingress[0].ip), or null
 * @param node      the Node that holds it (Egress status.egressNode), or null
 * @param sharing   a Service with service.antrea.io/allow-shared-load-balancer-ip: "true"
 */
public record ExternalIpUser(
        Kind kind, String namespace, String name, String pool, String ip, String node, boolean sharing) {

    /** What takes addresses from an ExternalIPPool. */
    public enum Kind {
        EGRESS("Egress"),
        SERVICE("Service");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** "egress/NAME" or "service/NAMESPACE/NAME". */
    public String owner() {
        return kind == Kind.EGRESS ? "egress/" + name : ServiceFacts.ownerName(namespace, name);
    }

    /** The Service that takes a LoadBalancer address from a pool, if it is one (type LoadBalancer and the pool annotation). */
    public static java.util.Optional<ExternalIpUser> of(ServiceFacts s) {
        if (!s.loadBalancer()
                || s.externalIpPool() == null
                || s.externalIpPool().isEmpty()) {
            return java.util.Optional.empty();
        }
        String ip = s.ingressIps().isEmpty() ? null : s.ingressIps().get(0);
        return java.util.Optional.of(new ExternalIpUser(
                Kind.SERVICE,
                s.namespace(),
                s.name(),
                s.externalIpPool(),
                ip == null || ip.isEmpty() ? null : ip,
                null,
                s.sharesIp()));
    }
}
