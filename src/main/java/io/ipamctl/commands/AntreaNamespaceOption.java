package io.ipamctl.commands;

import io.ipamctl.kube.AntreaAgents;
import picocli.CommandLine.Option;

/** --antrea-namespace: where Antrea's agents and controller run, for the commands that look at them. */
public final class AntreaNamespaceOption {

    @Option(
            names = "--antrea-namespace",
            paramLabel = "NS",
            defaultValue = AntreaAgents.DEFAULT_NAMESPACE,
            description = "The namespace Antrea runs in (default ${DEFAULT-VALUE}).")
    String namespace;

    public String namespace() {
        return namespace;
    }

    /**
     * The agents of this namespace, the one way every command finds an agent Pod: in a warm server from
     * its watch of the namespace's Pods, else (and when that watch fails) from a fresh list.
     */
    public AntreaAgents agents(Session session) {
        return new AntreaAgents(session.client(), namespace, session.cache());
    }
}
