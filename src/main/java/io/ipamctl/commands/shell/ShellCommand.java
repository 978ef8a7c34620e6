package io.ipamctl.commands.shell;

import io.ipamctl.commands.CommandTree;
import io.ipamctl.commands.GlobalOptions;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.Session;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The picocli side of {@code ipamctl shell}. It names no JLine type: JLine is loaded only when the
 * shell really starts, never by the other commands or by --help.
 */
@Command(
        name = "shell",
        header = "An interactive ipamctl prompt with history and completion of live names.",
        description = {
            "Type commands without the leading ipamctl: pool usage, ns bind ns-ap pool-ap, ... TAB "
                    + "completes commands, options (after a -) and the names of live pools, namespaces, Pods and "
                    + "nodes.",
            "The global options given to shell (--sandbox, --kubeconfig, --context, -n, ...) apply to "
                    + "every command typed. An error prints its one line and the prompt comes back. Ctrl-C stops "
                    + "the running command (or clears the line); exit, quit or Ctrl-D leave.",
            "History is kept in $XDG_STATE_HOME/ipamctl/shell_history (~/.local/state/ipamctl). The "
                    + "shell runs in its own process, never in the warm server (see: ipamctl server)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl --sandbox shell                  # then: pool usage, ns list, exit",
            "  ipamctl shell --context prod -n ns-db    # every command talks to prod, in ns-db",
            "  echo 'pool usage pool-ap' | ipamctl --sandbox shell   # lines from a pipe, no prompt"
        })
public final class ShellCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // the options of this invocation (all global: shell has none of its own) are remembered
        List<String> globals = asDefaultNamespace(CommandTree.options(
                spec.root(), spec.root().commandLine().getParseResult().originalArgs()));
        Session session = IpamctlCommand.session(spec);
        return new InteractiveShell(globals, session.environment(), session.out(), session.err()).run();
    }

    /**
     * The shell's -n is the default namespace of its lines, as a context's namespace is, not an -n typed
     * on each: commands on cluster-wide objects (pool list) would refuse that (ClusterScoped).
     */
    static List<String> asDefaultNamespace(List<String> globals) {
        List<String> out = new java.util.ArrayList<>();
        for (String g : globals) {
            if (g.equals("-n") || g.equals("--namespace")) {
                out.add(GlobalOptions.SHELL_NAMESPACE);
            } else if (g.startsWith("--namespace=")) {
                out.add(GlobalOptions.SHELL_NAMESPACE + "=" + g.substring("--namespace=".length()));
            } else if (g.startsWith("-n") && !g.startsWith("--")) {
                out.add(GlobalOptions.SHELL_NAMESPACE + "=" + g.substring(g.startsWith("-n=") ? 3 : 2));
            } else {
                out.add(g);
            }
        }
        return out;
    }
}
