package io.ipamctl.commands;

import io.ipamctl.ExitCode;
import io.ipamctl.commands.docs.BashCompletion;
import io.ipamctl.commands.docs.CommandModel;
import io.ipamctl.commands.docs.FishCompletion;
import io.ipamctl.commands.docs.ZshCompletion;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "completion",
        header = "Print the shell completion script for bash, zsh or fish.",
        description = {
            "Completes commands, options, the values of options that take one of a few (--source, -o, "
                    + "--dry-run, --protocol, ...), and the names of live pools, namespaces, Pods and nodes, asked "
                    + "from the cluster the command line points at (--kubeconfig, --context, -n and --sandbox are "
                    + "passed on). The scripts are generated from the same command model as --help; copies are in "
                    + "completions/ of the source tree.",
            "Install once:",
            "  bash  save as ~/.local/share/bash-completion/completions/ipamctl",
            "  zsh   save as _ipamctl in a directory of $fpath (before compinit runs)",
            "  fish  save as ~/.config/fish/completions/ipamctl.fish",
            "Under kubectl (kubectl ipam), kubectl 1.26 and later complete through "
                    + "cli/kubectl_complete-ipam on PATH instead."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(ipamctl completion bash)             # this bash session only",
            "  ipamctl completion bash > ~/.local/share/bash-completion/completions/ipamctl",
            "  ipamctl completion zsh > ~/.zfunc/_ipamctl     # with fpath+=(~/.zfunc) in ~/.zshrc",
            "  ipamctl completion fish > ~/.config/fish/completions/ipamctl.fish"
        })
public final class CompletionCommand implements Callable<Integer> {

    /** The shells a script is generated for (picocli completes and checks the constants). */
    public enum Shell {
        bash,
        zsh,
        fish;

        String script(CommandLine tree) {
            return switch (this) {
                case bash -> BashCompletion.script(tree);
                case zsh -> ZshCompletion.script(tree);
                case fish -> FishCompletion.script(tree);
            };
        }
    }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // This run built only its own branch of the tree; the script describes all of it.
        String script = shell.script(CommandModel.fullTree());
        Session session = IpamctlCommand.session(spec);
        session.out().print(script);
        session.out().flush();
        return ExitCode.OK;
    }
}
