package io.ipamctl.commands;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * kubectl's global flags, accepted before or after any subcommand, with one meaning wherever they stand:
 * the last value of a repeated option wins, and a repeated flag stays on. The explicit
 * {@code defaultValue = "false"} of every flag is what keeps it on: without one, picocli sets an
 * inherited flag given again at a lower level to the opposite of its current value, so
 * {@code --sandbox pool --sandbox usage} switched the sandbox off (GlobalOptionsTest).
 */
public final class GlobalOptions {

    @Option(
            names = "--kubeconfig",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).")
    Path kubeconfig;

    @Option(
            names = "--context",
            paramLabel = "NAME",
            scope = ScopeType.INHERIT,
            description = "The kubeconfig context to use (default: its current context).")
    String context;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NAMESPACE",
            scope = ScopeType.INHERIT,
            completionCandidates = LiveName.Namespaces.class,
            description = "The namespace for namespaced objects (default: the context's namespace, else default).")
    String namespace;

    /** What `shell -n NS` passes to each of its lines: a default namespace, as a context's (hidden). */
    public static final String SHELL_NAMESPACE = "--shell-namespace";

    @Option(names = SHELL_NAMESPACE, paramLabel = "NAMESPACE", scope = ScopeType.INHERIT, hidden = true)
    String shellNamespace;

    @Option(
            names = "--request-timeout",
            paramLabel = "DURATION",
            scope = ScopeType.INHERIT,
            defaultValue = "30s",
            converter = DurationConverter.class,
            description =
                    "How long to wait for one API request, e.g. 5s, 1m; 0 waits forever (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            defaultValue = "false",
            description = "Log API requests and error details to stderr (credentials are never printed).")
    boolean verbose;

    @Option(
            names = "--no-color",
            scope = ScopeType.INHERIT,
            defaultValue = "false",
            description = "No colour, even on a terminal (also: NO_COLOR=1).")
    boolean noColor;

    @Option(
            names = "--sandbox",
            scope = ScopeType.INHERIT,
            defaultValue = "false",
            description =
                    "Talk to the built-in sandbox cluster (the seed scenario) instead of a real one; the first use "
                            + "starts it in the background, it stops when idle or with: ipamctl sandbox stop.")
    boolean sandbox;

    @Option(
            names = "--sandbox-reset",
            scope = ScopeType.INHERIT,
            defaultValue = "false",
            description = "With --sandbox: put the sandbox back to the seed scenario (its Open vSwitch nodes restart).")
    boolean sandboxReset;
}
