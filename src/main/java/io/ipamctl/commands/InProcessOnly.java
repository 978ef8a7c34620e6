package io.ipamctl.commands;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Optional;

import io.ipamctl.kube.ConnectionSettings;
import io.ipamctl.kube.Kubeconfigs;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Which runs the warm server leaves to the caller's own process, and why. Decided before anything
 * runs or prints, so the client can run the command in-process with nothing lost:
 * <ul>
 *   <li>{@code shell} and {@code --watch} own the terminal (raw mode, redraws, Ctrl-C to leave);</li>
 *   <li>{@code server} itself (status/stop talk to the server; run is the server);</li>
 *   <li>a kubeconfig user with an exec credential plugin or an auth-provider: the plugin would run
 *       with the server's environment, directory and PATH instead of the caller's;</li>
 *   <li>{@code --sandbox} while {@link #SANDBOX_IN_SERVER} is false.</li>
 * </ul>
 */
public final class InProcessOnly {

    /** Whether --sandbox runs are served (each request opens the sandbox of its own state directory). */
    static final boolean SANDBOX_IN_SERVER = true;

    private InProcessOnly() {
    }

    /** Why this run must stay in the caller's process, or empty when the server may run it. */
    public static Optional<String> reason(String[] args, Environment environment) {
        IpamctlCommand root = new IpamctlCommand(environment, new PrintWriter(Writer.nullWriter()),
                new PrintWriter(Writer.nullWriter()));
        ParseResult parsed;
        try {
            parsed = Ipamctl.commandLine(root, args).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return Optional.empty(); // the server prints the same usage error the process would
        }
        String command = parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name() : "";
        if (command.equals("shell") || command.equals("server")) {
            return Optional.of("ipamctl " + command + " runs in the caller's process");
        }
        for (ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            if (p.hasMatchedOption("--watch")) {
                return Optional.of("--watch runs in the caller's process");
            }
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return Optional.empty(); // no API client is made
            }
        }
        GlobalOptions global = root.global;
        if (global.sandbox || global.sandboxReset) {
            return SANDBOX_IN_SERVER ? Optional.empty() : Optional.of("--sandbox runs in the caller's process");
        }
        if (command.equals("completion") || command.equals("help") || command.isEmpty()) {
            return Optional.empty();
        }
        try {
            ConnectionSettings settings = new ConnectionSettings(
                    global.kubeconfig == null ? null : environment.resolve(global.kubeconfig), global.context,
                    global.requestTimeout, environment.env(), environment.cwd(), null);
            return Kubeconfigs.read(settings).needsCallerProcess().map(why -> why + ", which must run in the caller's process");
        } catch (RuntimeException e) {
            return Optional.empty(); // the run reports the kubeconfig's problem itself, in the server
        }
    }
}
