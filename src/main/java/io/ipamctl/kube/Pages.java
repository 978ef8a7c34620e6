package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Lists read in pages of {@link IpPoolStore#PAGE}: big clusters never answer in one giant response. */
final class Pages {

    private Pages() {}

    /** Every item, as the list is now; failures as one line for the user. */
    static <T extends HasMetadata> List<T> all(
            KubernetesClient client, Function<ListOptions, ? extends KubernetesResourceList<T>> page) {
        List<T> out = new ArrayList<>();
        try {
            each(null, page, out::add);
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
        return out;
    }

    /** The options, asking only for objects whose labels match the selector (null: every object). */
    static ListOptions selected(ListOptions options, String labelSelector) {
        options.setLabelSelector(labelSelector);
        return options;
    }

    /** Every item whose labels match the selector (null: every item), as the list is now; the server applies it. */
    static <T extends HasMetadata> List<T> selected(
            KubernetesClient client,
            String labelSelector,
            Function<ListOptions, ? extends KubernetesResourceList<T>> page) {
        return all(client, options -> page.apply(selected(options, labelSelector)));
    }

    /**
     * Hands every item to the consumer page by page, as the list is now (atRevision null) or was at
     * exactly that revision (see {@link Snapshot}); server errors are left to the caller.
     */
    static <T extends HasMetadata> void each(
            String atRevision, Function<ListOptions, ? extends KubernetesResourceList<T>> page, Consumer<T> consumer) {
        each(atRevision, options -> {
            KubernetesResourceList<T> p = page.apply(options);
            p.getItems().forEach(consumer);
            return p.getMetadata() == null ? null : p.getMetadata().getContinue();
        });
    }

    /** The same loop for a page reader that hands out the items itself and returns the next continue token (null at the end). */
    static void each(String atRevision, Function<ListOptions, String> page) {
        String token = null;
        do {
            token = page.apply(Snapshot.page(atRevision, token));
        } while (token != null && !token.isEmpty());
    }
}
