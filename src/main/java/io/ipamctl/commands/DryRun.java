package io.ipamctl.commands;

import picocli.CommandLine.Option;

/** kubectl's --dry-run=none|client|server; a bare --dry-run means client. */
public final class DryRun {

    /** The modes, as kubectl spells them (picocli completes and checks the constants). */
    public enum Mode {
        none, client, server
    }

    @Option(names = "--dry-run", paramLabel = "MODE", arity = "0..1", fallbackValue = "client", defaultValue = "none",
            description = "none (default), client (check and print, send nothing) or server (the server validates, stores nothing).")
    Mode mode;

    public boolean isClient() {
        return mode == Mode.client;
    }

    public boolean isServer() {
        return mode == Mode.server;
    }

    public boolean isNone() {
        return mode == Mode.none;
    }

    /** How a kube service is to write: for real, as a server dry run, or not at all. */
    public io.ipamctl.kube.NamespaceBinding.Write write() {
        return switch (mode) {
            case client -> io.ipamctl.kube.NamespaceBinding.Write.CLIENT_DRY_RUN;
            case server -> io.ipamctl.kube.NamespaceBinding.Write.SERVER_DRY_RUN;
            case none -> io.ipamctl.kube.NamespaceBinding.Write.APPLY;
        };
    }

    /** What kubectl appends to its "created" line. */
    public String suffix() {
        return switch (mode) {
            case client -> " (dry run)";
            case server -> " (server dry run)";
            case none -> "";
        };
    }
}
