package io.ipamctl.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Check `crds`: which versions of the pool resources the API server serves (API discovery). IPPools are
 * served as crd.antrea.io/v1beta1 since Antrea v2.0 and as the deprecated v1alpha2 before; ExternalIPPools
 * likewise; Whereabouts IPPools as whereabouts.cni.cncf.io/v1alpha1, read together with Multus'
 * NetworkAttachmentDefinitions (k8s.cni.cncf.io/v1).
 */
public final class ApiRules {

    public static final String CRDS = "crds";

    /** A resource as API discovery names it: "crd.antrea.io/v1beta1" and "ippools". */
    public record Api(String groupVersion, String plural) {}

    public static final Api IPPOOL_V1BETA1 = new Api("crd.antrea.io/v1beta1", "ippools");
    public static final Api IPPOOL_V1ALPHA2 = new Api("crd.antrea.io/v1alpha2", "ippools");
    public static final Api EXTERNAL_V1BETA1 = new Api("crd.antrea.io/v1beta1", "externalippools");
    public static final Api EXTERNAL_V1ALPHA2 = new Api("crd.antrea.io/v1alpha2", "externalippools");
    public static final Api WHEREABOUTS = new Api("whereabouts.cni.cncf.io/v1alpha1", "ippools");
    public static final Api NADS = new Api("k8s.cni.cncf.io/v1", "network-attachment-definitions");

    /** Everything this check asks discovery about. */
    public static final List<Api> ASKED =
            List.of(IPPOOL_V1BETA1, IPPOOL_V1ALPHA2, EXTERNAL_V1BETA1, EXTERNAL_V1ALPHA2, WHEREABOUTS, NADS);

    private ApiRules() {}

    /** @param served the resources of {@link #ASKED} that the server serves */
    public static CheckResult crds(Set<Api> served) {
        List<String> seen = new ArrayList<>();
        boolean beta = served.contains(IPPOOL_V1BETA1);
        boolean alpha = served.contains(IPPOOL_V1ALPHA2);
        if (!beta && !alpha) {
            return CheckResult.failed(
                    CRDS,
                    "IPPool (ippools.crd.antrea.io) is not served: Antrea is not installed, or " + "older than v1.4",
                    "install Antrea v1.4 or later (v2.0 or later serves crd.antrea.io/v1beta1)");
        }
        seen.add("IPPool " + (beta ? "v1beta1" + (alpha ? " (and v1alpha2)" : "") : "v1alpha2"));
        List<String> warnings = new ArrayList<>();
        if (!beta) {
            warnings.add("IPPool is served as v1alpha2 only (Antrea before v2.0; ipamctl uses it, kubectl warns it is "
                    + "deprecated)");
        }
        boolean externalBeta = served.contains(EXTERNAL_V1BETA1);
        if (externalBeta || served.contains(EXTERNAL_V1ALPHA2)) {
            seen.add("ExternalIPPool " + (externalBeta ? "v1beta1" : "v1alpha2"));
        } else {
            warnings.add("ExternalIPPool (externalippools.crd.antrea.io) is not served: Antrea's CRDs are incomplete");
        }
        boolean whereabouts = served.contains(WHEREABOUTS);
        boolean nads = served.contains(NADS);
        if (whereabouts) {
            seen.add("Whereabouts IPPool v1alpha1");
        }
        if (nads) {
            seen.add("NetworkAttachmentDefinition v1");
        }
        if (whereabouts && !nads) {
            warnings.add(
                    "Whereabouts IPPools are served but NetworkAttachmentDefinitions are not, so the ranges' sizes "
                            + "cannot be read");
        }
        String finding = String.join(", ", seen) + " served";
        if (warnings.isEmpty()) {
            return CheckResult.ok(CRDS, finding);
        }
        return CheckResult.warning(
                CRDS,
                String.join("; ", warnings) + " (" + finding + ")",
                "apply the CRDs of the installed release again (Antrea's manifest; Multus' for NetworkAttachmentDefinitions), "
                        + "or upgrade Antrea to v2.0 or later");
    }
}
