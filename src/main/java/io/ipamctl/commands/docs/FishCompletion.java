package io.ipamctl.commands.docs;

import io.ipamctl.commands.CompleteCommand;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * completions/ipamctl.fish: fish completion generated from the command model (picocli has no fish
 * generator): commands, options with their descriptions, fixed values, and live names through
 * {@code ipamctl __complete} where a label names pools, namespaces, Pods or nodes.
 */
public final class FishCompletion {

    static final String FILE = "completions/ipamctl.fish";

    private FishCompletion() {}

    public static String script(CommandLine root) {
        String name = root.getCommandSpec().name();
        List<OptionSpec> passedOn = CommandModel.passedOn(root.getCommandSpec());
        String passedValued = passedOn.stream()
                .filter(CommandModel::takesValue)
                .flatMap(o -> List.of(o.names()).stream())
                .collect(Collectors.joining(" "));
        String passedFlags = passedOn.stream()
                .filter(o -> !CommandModel.takesValue(o))
                .flatMap(o -> List.of(o.names()).stream())
                .collect(Collectors.joining(" "));
        StringBuilder b = new StringBuilder();
        b.append("""
                # fish completion for %1$s. Generated from the %1$s command model by cli/regen-docs; do not edit.
                # The same script: `%1$s completion fish`. Save it as ~/.config/fish/completions/%1$s.fish.

                # __%1$s_model TYPED prints four lines for the command typed as TYPED ('' is %1$s itself): its
                # subcommands, its options that take a value, the live-name kind of each positional value
                # (- for none) and the kind of any further values.
                function __%1$s_model --argument-names typed
                    switch "$typed"
                """.formatted(name));
        for (CommandLine cl : CommandModel.commands(root)) {
            b.append(modelCase(cl));
        }
        b.append("""
                    end
                end

                # __%1$s_state prints the command typed so far, how many positional values follow it, and the
                # option whose value is being typed ('' for none).
                function __%1$s_state
                    set -l tokens (commandline -opc)
                    set -e tokens[1]
                    set -l typed ''
                    set -l model (__%1$s_model '')
                    set -l pos 0
                    set -l expect ''
                    for word in $tokens
                        if test -n "$expect"
                            set expect ''
                            continue
                        end
                        switch $word
                            case '-*=*'
                                continue
                            case '-*'
                                if contains -- $word (string split -n ' ' -- $model[2])
                                    set expect $word
                                end
                                continue
                        end
                        if test $pos -eq 0; and contains -- $word (string split -n ' ' -- $model[1])
                            set typed (string trim -- "$typed $word")
                            set model (__%1$s_model $typed)
                            continue
                        end
                        set pos (math $pos + 1)
                    end
                    printf '%%s\\n' "$typed" $pos "$expect"
                end

                # True when the next word may be a subcommand of one of the commands typed as the arguments.
                function __%1$s_at
                    set -l state (__%1$s_state)
                    contains -- "$state[1]" $argv; and test "$state[2]" = 0 -a -z "$state[3]"
                end

                # True when the command typed so far is one of the arguments.
                function __%1$s_in
                    set -l state (__%1$s_state)
                    contains -- "$state[1]" $argv
                end

                # Prints the live-name kind of the positional value being typed; false when it has none.
                function __%1$s_slot
                    set -l state (__%1$s_state)
                    test -z "$state[3]"; or return 1
                    set -l model (__%1$s_model "$state[1]")
                    set -l slots (string split -n ' ' -- $model[3])
                    set -l i (math $state[2] + 1)
                    set -l kind $model[4]
                    if test $i -le (count $slots)
                        set kind $slots[$i]
                    end
                    test -n "$kind" -a "$kind" != -; or return 1
                    echo $kind
                end

                # Prints the live names of a kind, asked with the same %5$s as the command line.
                function __%1$s_names --argument-names kind
                    set -l tokens (commandline -opc)
                    set -l cmd $tokens[1]
                    set -e tokens[1]
                    set -l passed
                    set -l expect ''
                    for word in $tokens
                        if test -n "$expect"
                            set -a passed $expect $word
                            set expect ''
                        else if contains -- $word %3$s
                            set expect $word
                        else if contains -- $word %4$s
                            set -a passed $word
                        end
                    end
                    command $cmd $passed %2$s $kind (commandline -ct) 2>/dev/null
                end

                complete -c %1$s -f
                complete -c %1$s -n '__%1$s_slot >/dev/null' -a '(__%1$s_names (__%1$s_slot))'
                """.formatted(
                        name,
                        CompleteCommand.NAME,
                        passedValued,
                        passedFlags,
                        passedOn.stream().map(OptionSpec::longestName).collect(Collectors.joining(", "))));

        b.append("\n# global options (every command)\n");
        for (OptionSpec o : CommandModel.globalOptions(root.getCommandSpec())) {
            b.append(option(name, "", o)).append('\n');
        }
        for (CommandLine cl : CommandModel.commands(root)) {
            b.append(commandLines(name, cl));
        }
        return b.toString();
    }

    private static String commandLines(String name, CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        String paths =
                CommandModel.typedPaths(cl).stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(" "));
        StringBuilder b =
                new StringBuilder("\n# ").append(CommandModel.qualifiedName(cl)).append('\n');
        for (CommandLine c : CommandModel.children(cl)) {
            CommandSpec s = c.getCommandSpec();
            List<String> names = new ArrayList<>(List.of(s.name()));
            names.addAll(List.of(s.aliases()));
            for (String n : names) {
                b.append("complete -c ")
                        .append(name)
                        .append(" -n '__")
                        .append(name)
                        .append("_at ")
                        .append(paths)
                        .append("' -a ")
                        .append(n)
                        .append(" -d ")
                        .append(quote(CommandModel.header(s)))
                        .append('\n');
            }
        }
        for (PositionalParamSpec p : CommandModel.positionals(spec)) {
            List<String> values = CommandModel.fixedValues(p);
            if (!values.isEmpty()) {
                b.append("complete -c ")
                        .append(name)
                        .append(" -n '__")
                        .append(name)
                        .append("_at ")
                        .append(paths)
                        .append("' -a ")
                        .append(quote(String.join(" ", values)))
                        .append(" -d ")
                        .append(quote(CommandModel.description(p)))
                        .append('\n');
            }
        }
        for (OptionSpec o : CommandModel.ownOptions(spec)) {
            b.append(option(name, paths, o)).append('\n');
        }
        return b.toString();
    }

    private static String option(String name, String paths, OptionSpec o) {
        StringBuilder b = new StringBuilder("complete -c ").append(name);
        if (!paths.isEmpty()) {
            b.append(" -n '__").append(name).append("_in ").append(paths).append('\'');
        }
        for (String n : o.names()) {
            if (n.startsWith("--")) {
                b.append(" -l ").append(n.substring(2));
            } else if (n.length() == 2) {
                b.append(" -s ").append(n.substring(1));
            } else {
                b.append(" -o ").append(n.substring(1));
            }
        }
        if (CommandModel.takesValue(o)) {
            if (CommandModel.completesFiles(o)) {
                b.append(" -r -F");
            } else {
                b.append(" -x");
                List<String> values = CommandModel.fixedValues(o);
                String kind = CommandModel.optionKind(o).orElse(null);
                if (kind != null) {
                    b.append(" -a '(__")
                            .append(name)
                            .append("_names ")
                            .append(kind)
                            .append(")'");
                } else if (!values.isEmpty()) {
                    b.append(" -a ").append(quote(String.join(" ", values)));
                }
            }
        }
        return b.append(" -d ").append(quote(CommandModel.description(o))).toString();
    }

    /** A fish single-quoted string. */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String modelCase(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        Set<String> subs = new LinkedHashSet<>();
        for (CommandLine c : CommandModel.children(cl)) {
            subs.add(c.getCommandSpec().name());
            subs.addAll(List.of(c.getCommandSpec().aliases()));
        }
        List<String> valued = CommandModel.allOptions(spec).stream()
                .filter(CommandModel::takesValue)
                .flatMap(o -> List.of(o.names()).stream())
                .toList();
        CommandModel.Slots slots = CommandModel.slots(spec);
        return "        case "
                + CommandModel.typedPaths(cl).stream()
                        .map(FishCompletion::quote)
                        .collect(Collectors.joining(" "))
                + "\n            printf '%s\\n' " + quote(String.join(" ", subs)) + " "
                + quote(String.join(" ", valued))
                + " " + quote(String.join(" ", slots.fixed())) + " " + quote(slots.more()) + "\n";
    }
}
