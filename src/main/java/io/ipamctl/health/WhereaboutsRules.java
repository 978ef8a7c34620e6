package io.ipamctl.health;

import java.util.ArrayList;
import java.util.List;

/**
 * Check `whereabouts`, where Whereabouts is used: its DaemonSet (upstream `whereabouts`, which installs the
 * plugin on every node and runs ip-control-loop, freeing the addresses of deleted Pods) and its reconciler
 * (`/ip-reconciler`, a Deployment on a cron schedule, or a CronJob in older releases, which frees leaked
 * addresses); doc/crds/daemonset-install.yaml and reconciler-deployment.yaml of k8snetworkplumbingwg/whereabouts.
 */
public final class WhereaboutsRules {

    public static final String WHEREABOUTS = "whereabouts";

    /**
     * A workload running a Whereabouts program.
     *
     * @param kind    DaemonSet, Deployment or CronJob
     * @param desired Pods wanted (a CronJob: 1), ready how many are Ready (a CronJob: 1 unless suspended)
     */
    public record Workload(String kind, String namespace, String name, int desired, int ready) {

        String text() {
            return kind + " " + namespace + "/" + name;
        }
    }

    private WhereaboutsRules() {}

    /**
     * @param served       whether Whereabouts IPPools are served
     * @param used         whether a NetworkAttachmentDefinition uses Whereabouts IPAM, or a Whereabouts IPPool exists
     * @param controlLoops workloads running ip-control-loop
     * @param reconcilers  workloads running ip-reconciler
     */
    public static CheckResult whereabouts(
            boolean served, boolean used, List<Workload> controlLoops, List<Workload> reconcilers) {
        if (!served) {
            return CheckResult.ok(WHEREABOUTS, "Whereabouts is not installed");
        }
        if (!used) {
            return CheckResult.ok(WHEREABOUTS, "Whereabouts is installed, no NetworkAttachmentDefinition uses it");
        }
        List<String> parts = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        Status status = Status.OK;
        if (controlLoops.isEmpty()) {
            status = Status.WARNING;
            parts.add("no ip-control-loop DaemonSet: the addresses of Pods deleted without a CNI DEL are never freed");
            fixes.add("install Whereabouts' DaemonSet (doc/crds/daemonset-install.yaml: DaemonSet whereabouts)");
        } else {
            Workload w = controlLoops.get(0);
            if (w.desired() == 0 || w.ready() < w.desired()) {
                status = Status.FAILED;
                parts.add(w.text() + " is Ready on " + w.ready() + " of " + w.desired()
                        + " nodes: Pods with a Whereabouts " + "network may not start there");
                fixes.add("see why: kubectl -n " + w.namespace() + " describe daemonset " + w.name());
            } else {
                parts.add(
                        w.text() + " (ip-control-loop) Ready on " + w.ready() + (w.ready() == 1 ? " node" : " nodes"));
            }
        }
        if (reconcilers.isEmpty()) {
            status = status.worst(Status.WARNING);
            parts.add("no ip-reconciler: leaked addresses are never reclaimed (ipamctl pool check finds them)");
            fixes.add("install Whereabouts' reconciler (doc/crds/reconciler-deployment.yaml)");
        } else {
            Workload r = reconcilers.get(0);
            if (r.ready() < r.desired() || r.desired() == 0) {
                status = status.worst(Status.WARNING);
                parts.add(r.text() + " (ip-reconciler) is not running: leaked addresses are not reclaimed");
                fixes.add("see why: kubectl -n " + r.namespace() + " describe "
                        + r.kind().toLowerCase(java.util.Locale.ROOT) + " " + r.name());
            } else {
                parts.add(r.text() + " (ip-reconciler) running");
            }
        }
        String finding = String.join("; ", parts);
        return new CheckResult(WHEREABOUTS, status, finding, fixes.isEmpty() ? null : String.join("; ", fixes));
    }
}
