package io.ipamctl.commands;

import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "ipamctl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        header = "IP pools, Open vSwitch and packet traces of Kubernetes clusters running Antrea.",
        description = {
            "Shows how full Antrea IP pools are, creates and binds them, pins Pod addresses, and reads "
                    + "the Open vSwitch state of Antrea agents, using your kubeconfig like kubectl.",
            "Also usable as a kubectl plugin: kubectl ipam COMMAND."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl --sandbox pool usage            # try it on the built-in sandbox cluster",
            "  ipamctl pool usage --threshold 80       # exit 3 when a pool is 80%% full (for CI)",
            "  ipamctl ns bind ns-ap pool-ap           # new Pods of ns-ap get pool-ap addresses",
            "  ipamctl pod pin-ip db-02 172.16.20.50 -n ns-db --pool pool-db --recreate"
        })
public final class IpamctlCommand implements Runnable {

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    private final Environment environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Host host;
    private Session session;

    public IpamctlCommand(Environment environment, PrintWriter out, PrintWriter err) {
        this(environment, out, err, Host.PROCESS);
    }

    public IpamctlCommand(Environment environment, PrintWriter out, PrintWriter err, Host host) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.host = host;
    }

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    /** The run's session; commands reach it through their {@code @Spec}. */
    public Session session() {
        if (session == null) {
            session = new Session(global, environment, out, err, host, originalArgs());
        }
        return session;
    }

    /**
     * A session of its own whose stderr goes nowhere, for {@code __complete}: a TAB must not print
     * (not even the sandbox notice). The caller closes it.
     */
    Session quietSession() {
        return new Session(global, environment, out, new PrintWriter(Writer.nullWriter()), host, originalArgs());
    }

    /** The arguments this run was given (empty before they were parsed). */
    private java.util.List<String> originalArgs() {
        var parsed = spec.commandLine().getParseResult();
        return parsed == null ? java.util.List.of() : parsed.originalArgs();
    }

    /** The run's session, once -n was checked against the command ({@link ClusterScoped}). */
    public static Session session(CommandSpec spec) {
        Session session = ((IpamctlCommand) spec.root().userObject()).session();
        String path = spec.qualifiedName(" ");
        String rootName = spec.root().qualifiedName(" ");
        ClusterScoped.check(
                spec.userObject(),
                path.startsWith(rootName + " ") ? path.substring(rootName.length() + 1) : path,
                session);
        return session;
    }

    /**
     * The run's request context, the caller's (help reads its terminal width, the program name its
     * environment; commands that need it before a session exists).
     */
    public Environment environment() {
        return environment;
    }

    public Host host() {
        return host;
    }

    boolean verbose() {
        return global != null && global.verbose;
    }

    /** The server for error messages, without connecting just to name it. */
    String serverForMessages() {
        return "the configured server";
    }

    void close() {
        if (session != null) {
            session.close();
        }
    }
}
