package io.ipamctl.commands;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.DnsNames;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.kube.Cleanups;
import io.ipamctl.kube.ClusterCache;
import io.ipamctl.kube.ConnectionSettings;
import io.ipamctl.kube.Connections;
import io.ipamctl.kube.KubeConnector;
import io.ipamctl.output.Ansi;
import io.ipamctl.output.Printer;
import io.ipamctl.output.ProgressLine;
import io.ipamctl.sandbox.SandboxClient;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Everything one run shares: streams, colour, and the API client, which is only created when a
 * command first needs it (so --help and argument errors never touch the network).
 */
public final class Session implements AutoCloseable {

    private final GlobalOptions options;
    private final Environment environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Host host;
    private Printer printer;
    private final java.util.List<String> args;
    private KubernetesClient client;
    private Connections.Lease lease;
    private SandboxClient.Connection sandbox;

    /** @param args the command line as given (named to other commands that wait for this one) */
    Session(
            GlobalOptions options,
            Environment environment,
            PrintWriter out,
            PrintWriter err,
            Host host,
            java.util.List<String> args) {
        this.options = options;
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.host = host;
        this.args = java.util.List.copyOf(args);
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Environment environment() {
        return environment;
    }

    public boolean verbose() {
        return options.verbose;
    }

    public Ansi ansi() {
        return Ansi.decide(options.noColor, environment.get("NO_COLOR"), environment.stdoutTerminal());
    }

    public Printer printer() {
        if (printer == null) {
            printer = new Printer(out, ansi());
        }
        return printer;
    }

    /** The progress line on stderr for a wait, shown only on a terminal. */
    public ProgressLine progressLine() {
        return new ProgressLine(
                err, environment.stdoutTerminal(), environment.terminal().columns());
    }

    /**
     * An ipamctl command line the user can run next against the same cluster (for hints such as
     * "delete it with: ..."): with --sandbox, --kubeconfig and --context as this run had them.
     */
    public String commandLine(String command) {
        StringBuilder sb = new StringBuilder("ipamctl");
        if (options.sandbox) {
            sb.append(" --sandbox");
        }
        if (options.kubeconfig != null) {
            sb.append(" --kubeconfig ").append(SafeText.printable(options.kubeconfig.toString()));
        }
        if (options.context != null) {
            sb.append(" --context ").append(SafeText.printable(options.context));
        }
        return sb.append(' ').append(command).toString();
    }

    /** A "warning: ..." line on stderr; never on stdout, so -o json stays parseable. */
    public void warn(String message) {
        stderrLine("warning: ", message);
    }

    /**
     * An "error: ..." line on stderr for a part that failed while the rest succeeded (kubectl's partial
     * success: found objects printed, an error for each missing one); the command returns the exit code.
     */
    public void error(String message) {
        stderrLine("error: ", message);
    }

    private void stderrLine(String prefix, String message) {
        err.println(prefix + SafeText.printable(ProgramName.inText(message, ProgramName.of(environment))));
        err.flush();
    }

    /** A line on stderr with -v only. */
    public void debug(String message) {
        if (options.verbose) {
            err.println("debug: " + SafeText.printable(message));
            err.flush();
        }
    }

    public Duration requestTimeout() {
        return options.requestTimeout;
    }

    /** -n, else the kubeconfig context's namespace, else "default" (kubectl's rule). */
    public String namespace() {
        if (explicitNamespace() != null) {
            return options.namespace;
        }
        if (options.shellNamespace != null) {
            checkGlobalValues();
            return options.shellNamespace;
        }
        String ns = client().getNamespace();
        return ns == null || ns.isBlank() ? "default" : ns;
    }

    /** -n as given (checked), or null. */
    public String explicitNamespace() {
        checkGlobalValues();
        return options.namespace;
    }

    /**
     * -n and --context are checked before the first request of any command: a namespace is a DNS-1123
     * label, a context name is not empty and holds no control characters (one line in every message).
     */
    private void checkGlobalValues() {
        String ns = options.namespace != null ? options.namespace : options.shellNamespace;
        if (ns != null && !DnsNames.isLabel(ns)) {
            throw IpamctlException.invalid(
                    "invalid namespace \"" + SafeText.printable(ns) + "\" given with -n: "
                            + (ns.isEmpty()
                                    ? "it is empty (omit -n for the context's namespace)"
                                    : "a namespace is a DNS-1123 label (lower case letters, digits and '-', at most 63 characters)"));
        }
        String context = options.context;
        if (context != null
                && (context.isBlank() || !SafeText.printable(context).equals(context))) {
            throw IpamctlException.invalid("invalid --context \"" + SafeText.printable(context) + "\": "
                    + (context.isBlank()
                            ? "it is empty (omit --context for the kubeconfig's current context)"
                            : "a context name holds no control characters (see: kubectl config get-contexts)"));
        }
    }

    public KubernetesClient client() {
        if (client == null) {
            checkGlobalValues();
            java.nio.file.Path kubeconfig = options.kubeconfig == null ? null : environment.resolve(options.kubeconfig);
            ConnectionSettings settings = new ConnectionSettings(
                    kubeconfig,
                    options.context,
                    options.requestTimeout,
                    environment.env(),
                    environment.cwd(),
                    options.verbose ? this::debug : null);
            if (options.sandbox || options.sandboxReset) {
                if (options.kubeconfig != null || options.context != null) {
                    throw IpamctlException.invalid("--sandbox cannot be combined with --kubeconfig or --context");
                }
                sandbox = SandboxClient.connect(
                        environment.stateDir(), options.sandboxReset, who(), err, environment.env());
                client = KubeConnector.connect(sandbox.url(), sandbox.token(), settings);
            } else {
                lease = host.connections().open(settings);
                client = lease.client();
            }
            debug("API server " + client.getMasterUrl());
        }
        return client;
    }

    /**
     * What the warm server keeps of this run's cluster between commands (lists kept current by a
     * watch); {@link ClusterCache#NONE} in a plain process and with --sandbox. -v says how old a
     * cached answer is.
     */
    public ClusterCache cache() {
        client();
        return lease == null ? ClusterCache.NONE : lease.cache().forRun(options.verbose ? this::debug : null);
    }

    /** How commands reach the antrea-ovs containers: exec through the API server, or the sandbox's local OVS. */
    public io.ipamctl.kube.NodeExec nodeExec() {
        KubernetesClient c = client();
        // the warm server's shared client (not -v's own, closed after the run) keeps a connection ready
        return sandbox != null
                ? SandboxClient.nodeExec(sandbox, err)
                : new io.ipamctl.kube.PodExec(c, host.inServer() && !options.verbose);
    }

    /** This run as other runs name it while they wait for it: "pid 42 (ipamctl --sandbox pool usage)". */
    public String who() {
        return SandboxClient.who(args);
    }

    /** The API server's URL, for messages. */
    public String server() {
        return client().getMasterUrl().toString();
    }

    /** Where this run registers what an interruption must undo. */
    public Cleanups cleanups() {
        return host.cleanups();
    }

    @Override
    public void close() {
        if (lease != null) {
            lease.close();
        } else if (client != null) {
            client.close();
        }
    }
}
