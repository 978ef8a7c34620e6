package io.ipamctl.commands.docs;

import picocli.CommandLine;

/**
 * completions/_ipamctl: the bash completion run by zsh's bashcompinit (picocli's script sets that
 * up), usable both as an autoloaded completion function in $fpath and with {@code source}.
 */
public final class ZshCompletion {

    static final String FILE = "completions/_ipamctl";

    private ZshCompletion() {}

    public static String script(CommandLine root) {
        String name = root.getCommandSpec().name();
        return "#compdef " + name + "\n"
                + "# zsh completion for " + name + ": its bash completion, run by zsh's bashcompinit.\n"
                + "# Generated from the " + name + " command model by cli/regen-docs; do not edit. The same script:\n"
                + "# `" + name + " completion zsh`. Save it as _" + name
                + " in a directory of $fpath (before compinit\n"
                + "# runs), or load it with: source <(" + name + " completion zsh)\n"
                + "\n# picocli's functions below call compopt, which zsh lacks; its alias below does not reach them when\n"
                + "# this file is autoloaded from $fpath (the whole file is parsed before the alias exists)\n"
                + "function compopt { return 0; }\n"
                + BashCompletion.core(root)
                + "\n# Autoloaded from $fpath as _" + name + ": the definitions above are loaded on the first TAB,\n"
                + "# which they must complete too.\n"
                + "if [ \"${funcstack[1]}\" = \"_" + name + "\" ]; then\n"
                + "  _bash_complete -F _" + name + "_complete -o default\n"
                + "fi\n";
    }
}
