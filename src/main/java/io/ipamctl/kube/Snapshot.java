package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Function;

/**
 * Who came first when two clients create conflicting objects at the same moment: the one the
 * server stored first. A list at exactly the revision our create returned
 * (resourceVersionMatch=Exact) holds everything stored before ours and nothing stored after, so
 * the later client always sees the earlier one and the earlier one never sees the later: both
 * agree on the order without comparing clocks (creationTimestamp has whole seconds and is taken
 * before the write, so it can disagree with the order of the writes).
 */
final class Snapshot {

    private Snapshot() {}

    /** One page of a list: the current state when atRevision is null, else the state at exactly that revision. */
    static ListOptions page(String atRevision, String continueToken) {
        var b = new ListOptionsBuilder().withLimit(IpPoolStore.PAGE).withContinue(continueToken);
        if (atRevision != null && continueToken == null) {
            b.withResourceVersion(atRevision).withResourceVersionMatch("Exact");
        }
        return b.build();
    }

    /**
     * The server cannot show that revision any more (410: compacted) or not yet (504: its cache lags).
     * Callers then decide on the current state instead, which holds at least as much and can only
     * make them back off more often, never less.
     */
    private static boolean unavailable(KubernetesClientException e) {
        return e.getCode() == 410 || e.getCode() == 504;
    }

    /** list(atRevision), or list(null) when the server cannot show that revision; failures as one line for the user. */
    static <T> T read(Function<String, T> list, String atRevision, String server) {
        try {
            try {
                return list.apply(atRevision);
            } catch (KubernetesClientException e) {
                if (atRevision == null || !unavailable(e)) {
                    throw e;
                }
                return list.apply(null);
            }
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, server);
        }
    }
}
