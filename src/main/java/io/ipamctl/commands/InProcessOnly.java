package io.ipamctl.commands;

import io.ipamctl.kube.ConnectionSettings;
import io.ipamctl.kube.Kubeconfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which runs the warm server leaves to the caller's own process, and why. Decided from the
 * arguments before anything runs or prints, so the client can run the command in-process with
 * nothing lost:
 * <ul>
 *   <li>{@code shell} and {@code --watch} own the terminal (raw mode, redraws, Ctrl-C to leave);</li>
 *   <li>{@code server} itself (status/stop talk to the server; run is the server);</li>
 *   <li>{@code metrics serve}: a long-running server of its own, stopped by Ctrl-C or SIGTERM;</li>
 *   <li>a kubeconfig user with an exec credential plugin or an auth-provider: the plugin would run
 *       with the server's environment, directory and PATH instead of the caller's;</li>
 *   <li>{@code --sandbox} while {@link #SANDBOX_IN_SERVER} is false.</li>
 * </ul>
 * The arguments are scanned, not parsed with picocli (whose model costs more than the rest of a warm
 * command): where the scan is unsure (a short-option cluster holding a w) it declines, which is
 * never wrong, only slower.
 */
public final class InProcessOnly {

    /** Whether --sandbox runs are served (each request opens the sandbox of its own state directory). */
    static final boolean SANDBOX_IN_SERVER = true;

    private InProcessOnly() {}

    /** Why this run must stay in the caller's process, or empty when the server may run it. */
    public static Optional<String> reason(String[] args, Environment environment) {
        List<String> all = List.of(args);
        List<String> words = CommandTree.words(all);
        String command = words.isEmpty() ? "" : words.get(0);
        if (command.equals("shell") || command.equals("server") || command.equals("metrics")) {
            return Optional.of("ipamctl " + command + " runs in the caller's process");
        }
        List<String> options = CommandTree.options(all);
        if (options.stream().anyMatch(InProcessOnly::watch)) {
            return Optional.of("--watch runs in the caller's process");
        }
        if (options.stream()
                        .anyMatch(o -> o.equals("-h") || o.equals("--help") || o.equals("-V") || o.equals("--version"))
                || command.isEmpty()
                || command.equals("completion")
                || command.equals("help")) {
            return Optional.empty(); // no API client is made
        }
        if (options.stream()
                .anyMatch(o -> o.equals("--sandbox") || o.equals("--sandbox-reset") || o.startsWith("--sandbox="))) {
            return SANDBOX_IN_SERVER ? Optional.empty() : Optional.of("--sandbox runs in the caller's process");
        }
        String kubeconfig = value(options, "--kubeconfig");
        try {
            ConnectionSettings settings = new ConnectionSettings(
                    kubeconfig == null ? null : environment.resolve(Path.of(kubeconfig)),
                    value(options, "--context"),
                    Duration.ZERO,
                    environment.env(),
                    environment.cwd(),
                    null);
            return Kubeconfigs.read(settings)
                    .needsCallerProcess()
                    .map(why -> why + ", which must run in the caller's process");
        } catch (RuntimeException e) {
            return Optional.empty(); // the run reports the kubeconfig's problem itself, in the server
        }
    }

    private static boolean watch(String option) {
        return option.equals("--watch")
                || option.startsWith("--watch=")
                || option.startsWith("-")
                        && !option.startsWith("--")
                        && option.indexOf('w') > 0
                        && option.matches("-[a-zA-Z]+");
    }

    /** The value of a global option given as "--name VALUE" or "--name=VALUE" (the last one wins, as in picocli). */
    private static String value(List<String> options, String name) {
        String found = null;
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            if (o.equals(name) && i + 1 < options.size()) {
                found = options.get(++i);
            } else if (o.startsWith(name + "=")) {
                found = o.substring(name.length() + 1);
            }
        }
        return found;
    }
}
