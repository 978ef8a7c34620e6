package io.ipamctl.kube;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * How a run gets its API client. A plain process builds one and closes it at the end
 * ({@link #PER_RUN}); the warm server lends one from its cache, keyed so that a run only ever gets a
 * client built from exactly its own kubeconfig, context, credentials, proxies and timeout.
 */
public interface Connections {

    /** A client for these settings; closing the lease ends this run's use of it. */
    Lease open(ConnectionSettings settings);

    /** One run's use of a client. */
    record Lease(KubernetesClient client, Runnable release) implements AutoCloseable {

        @Override
        public void close() {
            release.run();
        }
    }

    /** A new client for every run, closed when the run ends. */
    Connections PER_RUN = settings -> {
        KubernetesClient client = KubeConnector.connect(settings);
        return new Lease(client, client::close);
    };
}
