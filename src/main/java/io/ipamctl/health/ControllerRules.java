package io.ipamctl.health;

import java.util.List;

/**
 * Checks `controller` (the antrea-controller keeps IPPools' usage, reserves StatefulSet addresses and
 * serves the IPPool webhook) and `webhook` (the IPPool validating webhook is registered and can be
 * reached: with its default failurePolicy Fail, every IPPool write fails while its Service has no ready
 * endpoint).
 */
public final class ControllerRules {

    public static final String CONTROLLER = "controller";
    public static final String WEBHOOK = "webhook";

    /** A controller Pod; notReady says why it is not Ready, null when it is. */
    public record ControllerPod(String name, String node, String notReady) {}

    /**
     * A validating webhook that applies to ippools.crd.antrea.io.
     *
     * @param configuration  the ValidatingWebhookConfiguration's name
     * @param failurePolicy  Fail (also when unset) or Ignore
     * @param service        "namespace/name" of the Service it calls, null when it calls a URL
     * @param serviceFound   whether that Service exists
     * @param readyEndpoints ready endpoints of the Service's EndpointSlices
     */
    public record Webhook(
            String configuration,
            String name,
            String failurePolicy,
            String service,
            boolean serviceFound,
            int readyEndpoints) {}

    private ControllerRules() {}

    public static CheckResult controller(String namespace, List<ControllerPod> pods) {
        if (pods.isEmpty()) {
            return CheckResult.failed(
                    CONTROLLER,
                    "no antrea-controller Pod (labels app=antrea,component=antrea-controller) " + "in namespace "
                            + namespace + ": IPPool usage is not kept and StatefulSet addresses are not reserved",
                    "check the Deployment: kubectl -n " + namespace + " describe deployment antrea-controller");
        }
        for (ControllerPod p : pods) {
            if (p.notReady() == null) {
                return CheckResult.ok(
                        CONTROLLER,
                        "antrea-controller is Ready (" + p.name() + (p.node() == null ? "" : " on " + p.node()) + ")");
            }
        }
        ControllerPod p = pods.get(0);
        return CheckResult.failed(
                CONTROLLER,
                "antrea-controller is not Ready (" + p.name() + " " + p.notReady()
                        + "): IPPool writes fail while it serves their webhook",
                "see why: kubectl -n " + namespace + " describe pod " + p.name() + " (and its log)");
    }

    public static CheckResult webhook(List<Webhook> webhooks) {
        if (webhooks.isEmpty()) {
            return CheckResult.warning(
                    WEBHOOK,
                    "no validating webhook for IPPools is registered: pools written with kubectl "
                            + "are not checked by Antrea (ipamctl checks its own)",
                    "apply Antrea's manifest again "
                            + "(ValidatingWebhookConfiguration crdvalidator.antrea.io, webhook ippoolvalidator.antrea.io)");
        }
        for (Webhook w : webhooks) {
            String which = "webhook " + w.name() + " (" + w.configuration() + ")";
            boolean ignore = "Ignore".equals(w.failurePolicy());
            String effect =
                    ignore ? ": IPPool writes pass unchecked" : ": every IPPool create, update and delete fails";
            if (w.service() != null && !w.serviceFound()) {
                return result(
                        ignore,
                        which + " calls Service " + w.service() + ", which does not exist" + effect,
                        "apply Antrea's manifest again (Service " + w.service() + ")");
            }
            if (w.service() != null && w.readyEndpoints() == 0) {
                return result(
                        ignore,
                        which + " calls Service " + w.service() + ", which has no ready endpoint" + effect,
                        "get antrea-controller running (see the controller check)");
            }
        }
        Webhook w = webhooks.get(0);
        return CheckResult.ok(
                WEBHOOK,
                "webhook " + w.name() + " is registered (" + w.configuration() + ")"
                        + (w.service() == null
                                ? " with a URL"
                                : ", Service " + w.service() + " has " + w.readyEndpoints()
                                        + (w.readyEndpoints() == 1 ? " ready endpoint" : " ready endpoints")));
    }

    private static CheckResult result(boolean ignore, String finding, String fix) {
        return ignore ? CheckResult.warning(WEBHOOK, finding, fix) : CheckResult.failed(WEBHOOK, finding, fix);
    }
}
