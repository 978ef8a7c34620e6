package io.ipamctl.kube;

import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Watches that only say "something changed": pool views are read again as a whole, so the event
 * itself does not matter. A watch, not polling: nothing is asked while nothing changes.
 */
public final class Watches {

    private Watches() {}

    /** Calls onChange at every event, and onEnd with the reason if the server ends the watch for good. */
    static <T> Watcher<T> onAnyChange(Runnable onChange, Consumer<String> onEnd) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T resource) {
                onChange.run();
            }

            @Override
            public void onClose(WatcherException cause) {
                onEnd.accept(cause.getMessage());
            }
        };
    }

    /** Several watches closed as one (each closed even when an earlier close fails). */
    public static Watch all(List<Watch> watches) {
        return () -> {
            RuntimeException first = null;
            for (Watch w : watches) {
                try {
                    w.close();
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        };
    }
}
