package io.ipamctl.health;

import java.util.Iterator;
import java.util.List;

/** The names of doctor's checks, in report order (also what `--check` completes). */
public final class Checks implements Iterable<String> {

    public static final List<String> NAMES = List.of(
            AntreaSetupRules.FEATURE_GATE,
            AntreaSetupRules.SECONDARY_NETWORKS,
            ApiRules.CRDS,
            AgentRules.AGENTS,
            AgentRules.AGENT_OVS,
            ControllerRules.CONTROLLER,
            ControllerRules.WEBHOOK,
            WhereaboutsRules.WHEREABOUTS,
            PoolRules.BINDINGS,
            PoolRules.POOL_USAGE,
            PoolRules.POOL_CHECK,
            AccessRules.RBAC);

    /** For picocli's completionCandidates. */
    @Override
    public Iterator<String> iterator() {
        return NAMES.iterator();
    }
}
