package io.ipamctl.commands;

import io.ipamctl.IpamctlException;
import picocli.CommandLine.Option;

/** kubectl's --dry-run=none|client|server; a bare --dry-run means client. */
public final class DryRun {

    @Option(names = "--dry-run", paramLabel = "MODE", arity = "0..1", fallbackValue = "client", defaultValue = "none",
            description = "none (default), client (check and print, send nothing) or server (the server validates, stores nothing).")
    String mode;

    private String checked() {
        if (!mode.equals("none") && !mode.equals("client") && !mode.equals("server")) {
            throw IpamctlException.invalid("--dry-run must be none, client or server, got \""
                    + io.ipamctl.SafeText.printable(mode) + "\"");
        }
        return mode;
    }

    public boolean isClient() {
        return checked().equals("client");
    }

    public boolean isServer() {
        return checked().equals("server");
    }

    public boolean isNone() {
        return checked().equals("none");
    }

    /** How a kube service is to write: for real, as a server dry run, or not at all. */
    public io.ipamctl.kube.NamespaceBinding.Write write() {
        return switch (checked()) {
            case "client" -> io.ipamctl.kube.NamespaceBinding.Write.CLIENT_DRY_RUN;
            case "server" -> io.ipamctl.kube.NamespaceBinding.Write.SERVER_DRY_RUN;
            default -> io.ipamctl.kube.NamespaceBinding.Write.APPLY;
        };
    }

    /** What kubectl appends to its "created" line. */
    public String suffix() {
        return switch (checked()) {
            case "client" -> " (dry run)";
            case "server" -> " (server dry run)";
            default -> "";
        };
    }
}
